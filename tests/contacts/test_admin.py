"""The admin intake staff work in: list, change form, actions, CSV export, settings."""

import csv
import io
import re
from datetime import time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts.admin import csv_safe
from contacts.models import CallbackExport, CallbackRequest, CallbackRequestEvent, ContactSettings
from contacts.targets import WEEKDAYS
from tests.admin_forms import form_data as admin_form_data
from tests.factories import CallbackRequestFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contacts/callbackrequest/"


def change_url(request):
    return f"{CHANGELIST}{request.pk}/change/"


def run_action(client, action, requests):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [r.pk for r in requests], "index": 0},
    )


# The list


def test_list_shows_waiting_time_tel_link_and_dashboard_link(admin_client):
    now = timezone.now()
    waiting = CallbackRequestFactory(phone="+16195550142", created_at=now - timedelta(minutes=12))
    CallbackRequestFactory(status="connected", created_at=now - timedelta(days=1))
    html = admin_client.get(CHANGELIST).content.decode()
    assert "waiting 12 min" in html
    assert '<a href="tel:+16195550142">619-555-0142</a>' in html
    assert "/admin/contacts/callbackrequest/dashboard/" in html
    assert waiting.name in html


def test_list_orders_new_first_oldest_first_then_the_rest_newest_first(admin_client):
    now = timezone.now()
    closed_old = CallbackRequestFactory(status="closed", created_at=now - timedelta(days=9))
    new_recent = CallbackRequestFactory(created_at=now - timedelta(minutes=5))
    attempted = CallbackRequestFactory(status="attempted", created_at=now - timedelta(days=1))
    new_old = CallbackRequestFactory(created_at=now - timedelta(hours=3))
    response = admin_client.get(CHANGELIST)
    shown = [obj.pk for obj in response.context["cl"].result_list]
    assert shown == [new_old.pk, new_recent.pk, attempted.pk, closed_old.pk]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_rows(admin_client, admin_user):
    CallbackRequestFactory.create_batch(3, assigned_to=admin_user)
    admin_client.get(CHANGELIST)  # the site identity in the header is cached from here on
    few = count_queries(admin_client, CHANGELIST)
    CallbackRequestFactory.create_batch(40, assigned_to=admin_user)
    assert count_queries(admin_client, CHANGELIST) == few


def list_plan(response):
    """The database's plan for the page of rows the list showed."""
    changelist = response.context["cl"]
    return changelist.queryset[: changelist.list_per_page].explain()


@pytest.mark.slow
def test_a_list_of_fifty_thousand_requests_reads_one_page_from_an_index(admin_client, admin_user):
    """However many requests there are, a page of the list (plain, or filtered by status
    or by who it is assigned to) costs the same queries, counts only what the filter
    matched, and comes from an index in the list's order, never a sort of every row."""
    CallbackRequestFactory.create_batch(3, assigned_to=admin_user)
    indexes = {
        CHANGELIST: "callback_queue_order",
        # A filter matching a fifth of the rows may walk the queue's own order instead.
        CHANGELIST + "?status__exact=new": "callback_(status_triage|queue_order)",
        CHANGELIST + "?status__exact=closed": "callback_(status_triage|queue_order)",
        CHANGELIST + f"?assigned={admin_user.pk}": "callback_(assigned_triage|queue_order)",
        CHANGELIST + "?o=5": "callback_due",  # sorted by the target column
    }
    admin_client.get(CHANGELIST)  # the site identity in the header is cached from here on
    few = [count_queries(admin_client, url) for url in indexes]
    now = timezone.now()
    CallbackRequest.objects.bulk_create(
        CallbackRequest(
            name=f"Visitor {i}",
            phone=f"+1619555{i % 10000:04d}",
            consent_text_version="2026-11-v1",
            consented_at=now,
            client_hash=f"{i:064x}",
            status=("new", "attempted", "connected", "closed", "spam")[i % 5],
            assigned_to=admin_user if i % 3 else None,
            created_at=now - timedelta(minutes=i),
            first_contact_due_at=now - timedelta(minutes=i - 15),
        )
        for i in range(50_000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the statistics a live database keeps
    for (url, index), queries_before in zip(indexes.items(), few, strict=True):
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get(url)
        assert response.status_code == 200
        assert len(response.context["cl"].result_list) == 50
        assert len(queries) == queries_before, url
        counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        assert len(counts) == 1, "only the filtered count, not the full table count"
        if connection.vendor == "postgresql":
            # (Plans are checked on PostgreSQL, the database production runs on.)
            plan = list_plan(response)
            assert re.search(
                rf"Index (Only )?Scan using {index} on contacts_callbackrequest", plan
            ), plan
            # At most an incremental sort of rows that tie on the index's order.
            assert not re.search(r"^\s*(->\s*)?Sort  \(", plan, re.MULTILINE), plan
            assert "Seq Scan on contacts_callbackrequest" not in plan, plan


@time_machine.travel("2026-12-01 10:00-08:00", tick=False)  # a Tuesday, intake open
def test_list_shows_where_each_request_stands_against_the_target(admin_client, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    now = timezone.now()
    late = CallbackRequestFactory(created_at=now - timedelta(minutes=20))
    soon = CallbackRequestFactory(created_at=now - timedelta(minutes=12))
    fresh = CallbackRequestFactory(created_at=now - timedelta(minutes=1))
    reached = CallbackRequestFactory(created_at=now - timedelta(minutes=30))
    reached.first_contact_at = now - timedelta(minutes=25)
    reached.status = "connected"
    reached.save()
    spam = CallbackRequestFactory(created_at=now - timedelta(hours=2), status="spam")
    html = admin_client.get(CHANGELIST).content.decode()
    cells = dict(re.findall(r'value="(\d+)".*?<td class="field-target">(.*?)</td>', html))
    assert cells[str(late.pk)] == (
        '<span class="target target--late">late</span> <span class="target-due">due 09:55</span>'
    )
    assert "target--due-soon" in cells[str(soon.pk)] and "due 10:03" in cells[str(soon.pk)]
    assert "target--on-time" in cells[str(fresh.pk)] and "due 10:14" in cells[str(fresh.pk)]
    assert cells[str(reached.pk)] == '<span class="target target--on-time">on time</span>'
    assert cells[str(spam.pk)] == "–"


@time_machine.travel("2026-12-01 10:00-08:00", tick=False)
def test_the_list_sorts_by_due_time_in_the_database(admin_client, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    now = timezone.now()
    night = CallbackRequestFactory(created_at=now - timedelta(hours=9), status="attempted")
    recent = CallbackRequestFactory(created_at=now - timedelta(minutes=2))
    earlier = CallbackRequestFactory(created_at=now - timedelta(minutes=40), status="closed")
    column = admin_client.get(CHANGELIST).context["cl"].list_display.index("target")
    response = admin_client.get(CHANGELIST, {"o": str(column)})
    assert [r.pk for r in response.context["cl"].result_list] == [night.pk, earlier.pk, recent.pk]
    assert "first_contact_due_at" in str(response.context["cl"].queryset.query).split("ORDER BY")[1]
    response = admin_client.get(CHANGELIST, {"o": f"-{column}"})
    assert [r.pk for r in response.context["cl"].result_list] == [recent.pk, earlier.pk, night.pk]


def test_a_request_page_shows_where_it_stands(admin_client):
    request = CallbackRequestFactory(created_at=timezone.now() - timedelta(days=2))
    page = admin_client.get(change_url(request)).content.decode()
    assert '<span class="target target--late">late</span>' in page


def test_search_finds_a_phone_however_it_is_typed(admin_client):
    wanted = CallbackRequestFactory(phone="+16195550142")
    other = CallbackRequestFactory(phone="+18585550000")
    for term in ("(619) 555-0142", "619-555-0142", "+16195550142", "0142"):
        shown = {o.pk for o in admin_client.get(CHANGELIST, {"q": term}).context["cl"].result_list}
        assert shown == {wanted.pk}, term
    assert other.pk not in shown


def test_search_by_name(admin_client):
    wanted = CallbackRequestFactory(name="Jordan Rivers")
    CallbackRequestFactory(name="Someone Else")
    shown = admin_client.get(CHANGELIST, {"q": "rivers"}).context["cl"].result_list
    assert [o.pk for o in shown] == [wanted.pk]


def test_not_notified_filter(admin_client):
    pending = CallbackRequestFactory(notified_at=None)
    CallbackRequestFactory(notified_at=timezone.now())
    shown = admin_client.get(CHANGELIST, {"notified": "no"}).context["cl"].result_list
    assert [o.pk for o in shown] == [pending.pk]


def test_staff_email_column_shows_which_requests_were_not_notified(admin_client):
    CallbackRequestFactory(notified_at=timezone.now())
    CallbackRequestFactory(notified_at=None)
    response = admin_client.get(CHANGELIST)
    html = response.content.decode()
    assert "column-notified" in html
    assert html.count('<td class="field-notified">not notified</td>') == 1
    assert html.count('<td class="field-notified">sent</td>') == 1
    assert "?notified=no" in html


def test_without_anyone_to_email_no_request_is_shown_as_not_notified(admin_client, settings):
    """Nothing is sent when nobody is to be emailed (`make run` without the variable):
    every request would look failed."""
    settings.CALLBACK_NOTIFY_EMAILS = []
    request = CallbackRequestFactory(notified_at=None)
    html = admin_client.get(CHANGELIST).content.decode()
    assert "not notified" not in html.lower()
    assert "field-notified" not in html and "?notified=" not in html
    assert admin_client.get(CHANGELIST, {"notified": "no"}).status_code == 400
    page = admin_client.get(change_url(request)).content.decode()
    assert "Staff notified" not in page


def test_each_row_has_its_action_checkbox_and_links_to_its_page(admin_client):
    request, other = CallbackRequestFactory(), CallbackRequestFactory()
    html = admin_client.get(CHANGELIST).content.decode()
    for shown in (request, other):
        assert html.count(f'<a href="{change_url(shown)}">') == 2  # received, name
    assert (
        f'<input type="checkbox" name="_selected_action" value="{request.pk}" '
        f'class="action-select" aria-label="Select this object for an action - {request}">'
    ) in html


def test_assigned_filter(admin_client, admin_user):
    mine = CallbackRequestFactory(assigned_to=admin_user)
    nobody = CallbackRequestFactory(assigned_to=None)
    me = admin_client.get(CHANGELIST, {"assigned": "me"}).context["cl"].result_list
    none = admin_client.get(CHANGELIST, {"assigned": "none"}).context["cl"].result_list
    assert [o.pk for o in me] == [mine.pk]
    assert [o.pk for o in none] == [nobody.pk]


@pytest.mark.parametrize(
    "query",
    [
        {"status__exact": "spam"},
        {"best_time__exact": "evening"},
        {"created_at__gte": "2020-01-01 00:00:00+00:00"},
        {"assigned": "999"},
    ],
)
def test_other_filters_answer(admin_client, query):
    CallbackRequestFactory()
    assert admin_client.get(CHANGELIST, query).status_code == 200


def test_requests_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get(CHANGELIST + "add/").status_code == 403


# The change form


def test_what_the_visitor_sent_is_read_only_and_staff_fields_are_recorded(admin_client, admin_user):
    request = CallbackRequestFactory(name="Sam", phone="+16195550142", message="Hello")
    page = admin_client.get(change_url(request)).content.decode()
    assert 'name="name"' not in page
    assert 'name="phone"' not in page
    assert 'name="message"' not in page
    assert 'name="status"' in page
    assert 'name="notes-0-text"' in page
    assert 'name="attempts-0-outcome"' in page

    response = admin_client.post(
        change_url(request),
        {
            **admin_form_data(admin_client.get(change_url(request))),
            "name": "Changed",
            "phone": "+10000000000",
            "status": "attempted",
            "assigned_to": admin_user.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    request.refresh_from_db()
    assert (request.name, request.phone) == ("Sam", "+16195550142")
    assert request.status == "attempted"
    assert request.assigned_to == admin_user
    assert request.first_contact_at is None  # attempted is not reached
    changed = CallbackRequestEvent.objects.filter(request=request, kind="changed")
    assert {e.field for e in changed} == {"status", "assigned_to"}
    assert {e.actor for e in changed} == {admin_user}

    page = admin_client.get(change_url(request)).content.decode()
    assert "status: New → Attempted" in page


# Actions


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("mark_attempted", "attempted"),
        ("mark_connected", "connected"),
        ("mark_closed", "closed"),
        ("mark_spam", "spam"),
    ],
)
def test_status_actions(admin_client, admin_user, action, status):
    requests = CallbackRequestFactory.create_batch(2)
    run_action(admin_client, action, requests)
    for request in requests:
        request.refresh_from_db()
        assert request.status == status
        # Only a conversation is a first contact.
        assert (request.first_contact_at is not None) == (status == "connected")
        event = request.events.get(kind="changed")
        assert (event.field, event.actor) == ("status", admin_user)


def test_assign_to_me(admin_client, admin_user):
    request = CallbackRequestFactory()
    run_action(admin_client, "assign_to_me", [request])
    request.refresh_from_db()
    assert request.assigned_to == admin_user
    assert request.events.get(kind="changed").field == "assigned_to"


# CSV export


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Sam", "Sam"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_cells_are_neutralised(value, expected):
    assert csv_safe(value) == expected


def test_export_writes_escaped_csv_and_records_the_export(admin_client, admin_user):
    hostile = CallbackRequestFactory(
        name="=cmd|' /C calc'!A0", message="@SUM(1+1)", phone="+16195550142"
    )
    plain = CallbackRequestFactory(name="Sam")
    response = run_action(admin_client, "export_csv", [hostile, plain])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Request", "Received", "Name", "Phone"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id[str(hostile.pk)][2] == "'=cmd|' /C calc'!A0"
    assert by_id[str(hostile.pk)][3] == "(619) 555-0142"
    assert "'@SUM(1+1)" in by_id[str(hostile.pk)]
    assert by_id[str(plain.pk)][2] == "Sam"
    export = CallbackExport.objects.get()
    assert (export.exported_by, export.row_count) == (admin_user, 2)


def export_rows(client, requests):
    response = run_action(client, "export_csv", requests)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(
    ("stored", "exported"),
    [
        ("+16195550142", "(619) 555-0142"),  # the centre's own calling code: national
        ("+14165550142", "(416) 555-0142"),  # Canada shares it
        ("+442079460958", "'+44 20 7946 0958"),  # elsewhere: "+" would start a formula
    ],
)
def test_export_writes_phones_as_spreadsheets_keep_them(admin_client, stored, exported):
    """National numbers need no apostrophe: a spreadsheet reads (619) 555-0142 as text
    and drops no digit. International ones keep their "+", escaped."""
    [row] = export_rows(admin_client, [CallbackRequestFactory(phone=stored)])
    assert row["Phone"] == exported


@time_machine.travel("2026-07-04 16:05:09+00:00", tick=False)
def test_export_times_carry_the_centres_time_zone(admin_client, settings):
    settings.TIME_ZONE = "America/Los_Angeles"
    request = CallbackRequestFactory(
        created_at=timezone.now(), first_contact_at=None, notified_at=None
    )
    [row] = export_rows(admin_client, [request])
    assert row["Received"] == "2026-07-04T09:05:09-07:00"  # summer time
    assert row["First contact"] == "" and row["Staff notified"] == ""
    request.created_at = timezone.now() - timedelta(days=180)  # winter
    request.save()
    [row] = export_rows(admin_client, [request])
    assert row["Received"] == "2026-01-05T08:05:09-08:00"


def test_export_of_everything_filtered(admin_client):
    closed = CallbackRequestFactory.create_batch(3, status="closed")
    CallbackRequestFactory(status="new")
    # "Select all": the page's boxes are ticked and select_across widens it to the filter.
    response = admin_client.post(
        CHANGELIST + "?status__exact=closed",
        {
            "action": "export_csv",
            "select_across": 1,
            "index": 0,
            "_selected_action": [closed[0].pk],
        },
    )
    assert len(list(csv.reader(io.StringIO(response.content.decode())))) == 4
    assert CallbackExport.objects.get().row_count == 3


# Contact settings


def test_contact_settings_list_opens_the_single_record(admin_client):
    response = admin_client.get("/admin/contacts/contactsettings/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/contacts/contactsettings/1/change/"
    assert admin_client.get(response["Location"]).status_code == 200


def test_contact_settings_cannot_be_added_or_deleted(admin_client):
    ContactSettings.objects.get_or_create(pk=1)[0]
    assert admin_client.get("/admin/contacts/contactsettings/add/").status_code == 403
    assert admin_client.get("/admin/contacts/contactsettings/1/delete/").status_code == 403


def settings_form(**changes):
    """What the contact settings page sends, as it shows the defaults, changed."""
    data = {
        "phone": "858-888-0101",
        "banner_text": "CALL",
        "intake_hours": "Any time.",
        "first_contact_target": "15",
        **{f"{day}_opens": "08:00" for day in WEEKDAYS},
        **{f"{day}_closes": "20:00" for day in WEEKDAYS},
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_saving_contact_settings_in_the_admin_normalises_and_shows_the_number(admin_client):
    ContactSettings.objects.get_or_create(pk=1)[0]
    response = admin_client.post(
        "/admin/contacts/contactsettings/1/change/",
        settings_form(phone="(619) 555-0199", banner_text="Call"),
    )
    assert response.status_code == 302
    assert ContactSettings.objects.get().phone == "+16195550199"
    assert 'href="tel:+16195550199"' in admin_client.get("/").content.decode()


def test_an_invalid_number_is_refused(admin_client):
    ContactSettings.objects.get_or_create(pk=1)[0]
    response = admin_client.post(
        "/admin/contacts/contactsettings/1/change/", settings_form(phone="12345")
    )
    assert response.status_code == 200
    assert ContactSettings.objects.get().phone == "+18588880101"


def test_intake_hours_and_target_are_set_in_the_contact_settings(admin_client):
    ContactSettings.objects.get_or_create(pk=1)[0]
    page = admin_client.get("/admin/contacts/contactsettings/1/change/").content.decode()
    assert "First-contact target (minutes)" in page and "Sunday closes" in page
    response = admin_client.post(
        "/admin/contacts/contactsettings/1/change/",
        settings_form(
            first_contact_target="10",
            sunday_opens="",
            sunday_closes="",
            friday_closes="00:00",
        ),
    )
    assert response.status_code == 302
    saved = ContactSettings.objects.get()
    assert saved.first_contact_target == 10
    assert (saved.sunday_opens, saved.sunday_closes) == (None, None)
    assert saved.friday_closes == time(0)


def test_hours_that_make_no_sense_are_refused_with_a_reason(admin_client):
    ContactSettings.objects.get_or_create(pk=1)[0]
    response = admin_client.post(
        "/admin/contacts/contactsettings/1/change/",
        settings_form(monday_opens="18:00", monday_closes="09:00"),
    )
    assert response.status_code == 200
    assert "Monday closes before it opens" in response.content.decode()
    assert ContactSettings.objects.get().monday_closes == time(20)


def test_exports_are_listed_read_only(admin_client, admin_user):
    CallbackExport.objects.create(exported_by=admin_user, row_count=7)
    assert admin_client.get("/admin/contacts/callbackexport/").status_code == 200
    assert admin_client.get("/admin/contacts/callbackexport/add/").status_code == 403


def test_waiting_time_is_measured_from_now(admin_client):
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        CallbackRequestFactory()
    with time_machine.travel("2026-11-20 12:05 +00:00", tick=False):
        html = admin_client.get(CHANGELIST).content.decode()
    assert "waiting 2 h 5 min" in html


def test_intake_see_who_asked_again_in_the_history(intake_client):
    request = CallbackRequestFactory(name="Maria")
    CallbackRequestEvent.objects.create(
        request=request,
        kind="asked_again",
        name="Luis",
        best_time="evening",
        message="Call after six",
        client_hash="b" * 64,
    )
    html = intake_client.get(change_url(request)).content.decode()
    assert "Asked again: Luis, best time: Evening. Message: Call after six" in html


def test_requests_sent_fast_have_their_own_filter(intake_client):
    fast = CallbackRequestFactory(name="Quick Quinn", sent_fast=True)
    CallbackRequestFactory(name="Steady Sam")
    html = intake_client.get("/admin/contacts/callbackrequest/?sent_fast__exact=1").content.decode()
    assert "Quick Quinn" in html
    assert "Steady Sam" not in html
    assert "sent fast" in html.lower()
    assert change_url(fast) in html
