"""The access log: every view of a request's page and every CSV export, for superusers only,
deleted with the requests by the retention purge. Through the admin URLs."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from contacts.models import AccessLogEntry, CallbackExport, CallbackRequestEvent
from tests.admin_forms import form_data as admin_form_data
from tests.factories import CallbackRequestFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contacts/callbackrequest/"
ACCESS_LOG = "/admin/contacts/accesslogentry/"
EXPORTS = "/admin/contacts/callbackexport/"


def change_url(callback_request):
    return f"{CHANGELIST}{callback_request.pk}/change/"


def export(client, requests, query="", select_across=False):
    data = {"action": "export_csv", "_selected_action": [r.pk for r in requests], "index": 0}
    if select_across:
        data["select_across"] = "1"
    return client.post(CHANGELIST + query, data)


def access_entries():
    return list(AccessLogEntry.objects.access().order_by("pk"))


@pytest.fixture
def editor_client(client):
    editor = StaffUserFactory(username="edi-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


# What is recorded


def test_each_view_of_a_request_page_is_recorded_with_who_and_when(intake_client, intake_user):
    callback_request = CallbackRequestFactory()
    before = timezone.now()
    assert intake_client.get(change_url(callback_request)).status_code == 200
    assert intake_client.get(change_url(callback_request)).status_code == 200
    entries = access_entries()
    assert [(e.kind, e.actor, e.request_id) for e in entries] == [
        ("viewed", intake_user, callback_request.pk)
    ] * 2
    assert all(e.created_at >= before for e in entries)


@pytest.mark.parametrize("destination", ["image", "style", "audio", "video", "iframe", "font"])
def test_an_admin_address_loaded_by_a_page_as_an_image_records_no_view(intake_client, destination):
    """An <img> anywhere (an article, or a host that redirects here) makes the browser
    send the staff member's cookies; the admin answers only pages and its own fetches."""
    callback_request = CallbackRequestFactory()
    response = intake_client.get(change_url(callback_request), HTTP_SEC_FETCH_DEST=destination)
    assert response.status_code == 403
    assert access_entries() == []
    opened = intake_client.get(change_url(callback_request), HTTP_SEC_FETCH_DEST="document")
    assert opened.status_code == 200
    assert len(access_entries()) == 1


def test_the_admin_still_answers_its_own_scripts_and_fetches(intake_client):
    assert intake_client.get("/admin/jsi18n/", HTTP_SEC_FETCH_DEST="script").status_code == 200
    assert intake_client.get(CHANGELIST, HTTP_SEC_FETCH_DEST="empty").status_code == 200


def test_lists_and_saves_are_not_views_of_one_request(intake_client):
    callback_request = CallbackRequestFactory()
    intake_client.get(CHANGELIST)
    data = admin_form_data(intake_client.get(change_url(callback_request)))
    CallbackRequestEvent.objects.filter(kind="viewed").delete()  # the page itself is a view
    response = intake_client.post(change_url(callback_request), {**data, "status": "attempted"})
    assert response.status_code == 302
    assert access_entries() == []


def test_a_missing_request_records_nothing(intake_client):
    assert intake_client.get(f"{CHANGELIST}999999/change/").status_code == 302
    assert access_entries() == []


def test_an_export_records_who_how_many_which_filter_and_each_request(intake_client, intake_user):
    new = CallbackRequestFactory.create_batch(3, name="Sam Searchable")
    CallbackRequestFactory(status="closed", name="Sam Searchable")
    response = export(intake_client, new, "?status__exact=new&q=Sam+Searchable&o=1")
    assert response.status_code == 200
    record = CallbackExport.objects.get()
    assert (record.exported_by, record.row_count) == (intake_user, 3)
    assert record.filters == "status__exact=new; a search (text not kept); selected requests"
    assert "Sam" not in record.filters
    entries = access_entries()
    assert {(e.kind, e.actor, e.export_id) for e in entries} == {
        ("exported", intake_user, record.pk)
    }
    assert sorted(e.request_id for e in entries) == sorted(r.pk for r in new)


def test_an_export_of_everything_matching_says_so(admin_client):
    first, _ = CallbackRequestFactory.create_batch(2)
    # "Select all": the page's boxes are ticked and select_across widens it to the filter.
    export(admin_client, [first], select_across=True)
    record = CallbackExport.objects.get()
    assert (record.row_count, record.filters) == (2, "no filter; all matching requests")


# Who can see it


def test_superusers_see_the_access_log_read_only(admin_client, intake_client):
    callback_request = CallbackRequestFactory()
    intake_client.get(change_url(callback_request))
    page = admin_client.get(ACCESS_LOG)
    assert page.status_code == 200
    html = page.content.decode()
    assert "intake-ina" in html and f"Call-back request #{callback_request.pk}" in html
    assert "Access log" in admin_client.get("/admin/").content.decode()
    entry = AccessLogEntry.objects.access().first()
    assert admin_client.get(f"{ACCESS_LOG}add/").status_code == 403
    assert admin_client.post(f"{ACCESS_LOG}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    admin_client.post(f"{ACCESS_LOG}{entry.pk}/change/", {"kind": "created"})
    entry.refresh_from_db()
    assert entry.kind == "viewed"
    assert admin_client.get(EXPORTS).status_code == 200


def test_superusers_find_who_saw_one_request(admin_client, intake_client):
    seen, other = CallbackRequestFactory.create_batch(2)
    intake_client.get(change_url(seen))
    intake_client.get(change_url(other))
    found = admin_client.get(f"{ACCESS_LOG}?q={seen.pk}").context["cl"].result_list
    assert [entry.request_id for entry in found] == [seen.pk]
    # A search that is not a number finds staff by username, and never fails.
    by_name = admin_client.get(f"{ACCESS_LOG}?q=intake")
    assert by_name.status_code == 200 and len(by_name.context["cl"].result_list) == 2
    assert admin_client.get(f"{ACCESS_LOG}?kind=viewed").status_code == 200


@pytest.mark.parametrize("path", [ACCESS_LOG, EXPORTS])
def test_intake_cannot_see_the_access_log(intake_client, path):
    CallbackRequestFactory()
    assert intake_client.get(path).status_code == 403
    assert "Access log" not in intake_client.get("/admin/").content.decode()


def test_intake_cannot_open_an_entry_or_change_it(intake_client):
    callback_request = CallbackRequestFactory()
    intake_client.get(change_url(callback_request))
    entry = AccessLogEntry.objects.access().get()
    assert intake_client.get(f"{ACCESS_LOG}{entry.pk}/change/").status_code == 403
    assert intake_client.post(f"{ACCESS_LOG}{entry.pk}/delete/", {"post": "yes"}).status_code == 403


def test_the_history_intake_sees_leaves_the_access_log_out(intake_client):
    callback_request = CallbackRequestFactory()
    CallbackRequestEvent.objects.create(request=callback_request, kind="created")
    intake_client.get(change_url(callback_request))
    page = intake_client.get(change_url(callback_request))
    (history_formset,) = (
        inline.formset
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is CallbackRequestEvent
    )
    history = [event.kind for event in history_formset.queryset]
    assert history == ["created"]
    assert "Viewed the request" not in page.content.decode()


@pytest.mark.parametrize("path", [ACCESS_LOG, EXPORTS])
def test_editors_cannot_see_the_access_log(editor_client, path):
    assert editor_client.get(path).status_code == 403


# Retention


def test_the_purge_deletes_the_access_log_of_purged_requests_and_keeps_no_personal_data(
    admin_client, settings
):
    settings.CALLBACK_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    purged = CallbackRequestFactory(
        status="closed", created_at=old, name="Robin Purged", phone="+16195550177"
    )
    kept = CallbackRequestFactory(status="new", created_at=old)
    admin_client.get(change_url(purged))
    admin_client.get(change_url(kept))
    export(admin_client, [purged, kept], "?q=Robin")  # the search finds only Robin
    assert len(access_entries()) == 3

    out = io.StringIO()
    call_command("purge_callbacks", stdout=out)

    assert "Deleted 1 closed and 0 spam" in out.getvalue()
    assert "2 access log entries" in out.getvalue()
    assert {e.request_id for e in access_entries()} == {kept.pk}
    record = CallbackExport.objects.get()
    assert (record.row_count, record.filters) == (
        1,
        "no filter; a search (text not kept); selected requests",
    )
    stored = " ".join(str(value) for value in CallbackExport.objects.values().get().values())
    for personal in ("Robin", "Purged", "6195550177"):
        assert personal not in stored


# The list filters only by what it declares

# As the list's own date filter links say it.
SINCE_2020 = (
    "created_at__gte=2020-01-01+00%3A00%3A00%2B00%3A00"
    "&created_at__lt=2100-01-01+00%3A00%3A00%2B00%3A00"
)


@pytest.mark.parametrize(
    "query",
    [
        "?id=4&message__startswith=a",
        "?message__icontains=heroin",
        "?message=",
        "?staff_notes__contains=x",
        "?notes__text__contains=x",
        "?name__startswith=S",
        "?client_hash__startswith=0",
        "?status__exact=new&message__regex=.",
        "?assigned_to__username=intake-ina",
    ],
)
def test_the_request_list_refuses_filters_it_does_not_declare(intake_client, query):
    """Otherwise a message can be read one letter at a time from the list, without
    opening the request, so without an access-log entry."""
    CallbackRequestFactory(message="alone and scared")
    response = intake_client.get(CHANGELIST + query)
    assert response.status_code == 400
    assert "scared" not in response.content.decode()
    assert export(intake_client, CallbackRequestFactory.create_batch(1), query).status_code == 400
    assert not CallbackExport.objects.exists()
    assert access_entries() == []


@pytest.mark.parametrize(
    "query",
    [
        "?status__exact=new",
        "?best_time__exact=asap",
        "?assigned=me",
        "?assigned=none",
        "?notified=no",
        f"?{SINCE_2020}",
        "?q=Sam&o=-1&p=1",
        "?status__exact=new&_facets=True",
        "?e=1",
    ],
)
def test_the_declared_filters_search_ordering_and_pages_still_work(intake_client, query):
    CallbackRequestFactory()
    assert intake_client.get(CHANGELIST + query).status_code == 200


def test_an_export_records_the_filters_actually_applied(intake_client):
    requests = CallbackRequestFactory.create_batch(2)
    export(
        intake_client,
        requests,
        f"?assigned=none&notified=no&status__exact=new&{SINCE_2020}&o=2",
    )
    assert CallbackExport.objects.get().filters == (
        "assigned=none&created_at__gte=2020-01-01 00:00:00+00:00"
        "&created_at__lt=2100-01-01 00:00:00+00:00&notified=no&status__exact=new; selected requests"
    )


def test_a_filter_added_to_the_list_works_and_is_recorded_at_once(intake_client, monkeypatch):
    from django.contrib import admin

    from contacts.models import CallbackRequest

    model_admin = admin.site._registry[CallbackRequest]
    monkeypatch.setattr(model_admin, "list_filter", (*model_admin.list_filter, "source_path"))
    kept = CallbackRequestFactory(source_path="/articles/klonopin/")
    CallbackRequestFactory(source_path="/")
    page = intake_client.get(CHANGELIST + "?source_path=/articles/klonopin/")
    assert [r.pk for r in page.context["cl"].result_list] == [kept.pk]
    export(intake_client, [kept], "?source_path=/articles/klonopin/")
    assert CallbackExport.objects.get().filters == (
        "source_path=/articles/klonopin/; selected requests"
    )


def test_the_article_list_refuses_undeclared_filters_too(admin_client):
    assert admin_client.get("/admin/articles/article/?body__icontains=x").status_code == 400
    assert admin_client.get("/admin/articles/article/?status__exact=draft").status_code == 200
    assert admin_client.get("/admin/articles/article/?published_at__year=2024").status_code == 200
    assert (
        admin_client.get("/admin/articles/article/?published_at__gte=2024-01-01").status_code == 400
    )
