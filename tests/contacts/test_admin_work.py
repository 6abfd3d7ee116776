"""Working a request in the admin: logging a call, adding a note, the history they
leave, the queue columns and filter, and who "Assigned to" offers."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts import services
from contacts.models import CallAttempt, CallbackNote, CallbackRequest
from tests.admin_forms import form_data as admin_form_data
from tests.factories import CallbackRequestFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/contacts/callbackrequest/"


def change_url(request):
    return f"{CHANGELIST}{request.pk}/change/"


def post_change(client, request, **fields):
    data = admin_form_data(client.get(change_url(request)))
    data.update(fields)
    return client.post(change_url(request), data)


def attempt_fields(outcome, when=None, note=""):
    fields = {"attempts-TOTAL_FORMS": 1, "attempts-0-outcome": outcome, "attempts-0-note": note}
    if when is not None:
        local = timezone.localtime(when)
        fields["attempts-0-next_call_at_0"] = f"{local:%Y-%m-%d}"
        fields["attempts-0-next_call_at_1"] = f"{local:%H:%M:%S}"
    return fields


def test_intake_logs_an_attempt_from_the_change_form(intake_client, intake_user):
    request = CallbackRequestFactory()
    later = (timezone.now() + timedelta(days=1)).replace(microsecond=0, second=0)
    response = post_change(
        intake_client, request, **attempt_fields("call_later", later, note="After work")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    attempt = CallAttempt.objects.get()
    assert (attempt.made_by, attempt.outcome, attempt.next_call_at, attempt.note) == (
        intake_user,
        "call_later",
        later,
        "After work",
    )
    request.refresh_from_db()
    assert (request.status, request.attempt_count, request.next_call_at) == (
        "attempted",
        1,
        later,
    )
    page = intake_client.get(change_url(request)).content.decode()
    assert "Call attempt: Asked to call later, call again" in page
    assert "status: New → Attempted" in page
    assert "After work" in page


def test_an_attempt_that_does_not_add_up_shows_the_error_and_saves_nothing(
    intake_client, intake_user
):
    request = CallbackRequestFactory()
    response = post_change(
        intake_client,
        request,
        status="closed",
        **attempt_fields("call_later"),
        **{"notes-TOTAL_FORMS": 1, "notes-0-text": "Kept only with the attempt"},
    )
    assert response.status_code == 200
    assert "Say when they asked to be called." in response.content.decode()
    request.refresh_from_db()
    assert request.status == "new"
    assert not CallAttempt.objects.exists()
    assert not CallbackNote.objects.exists()


def test_a_note_is_added_with_its_author_and_shows_in_the_history(intake_client, intake_user):
    request = CallbackRequestFactory()
    response = post_change(
        intake_client, request, **{"notes-TOTAL_FORMS": 1, "notes-0-text": "Line one\nLine two"}
    )
    assert response.status_code == 302
    note = CallbackNote.objects.get()
    assert (note.author, note.text) == (intake_user, "Line one\nLine two")
    page = intake_client.get(change_url(request)).content.decode()
    assert "Note: Line one<br>Line two" in page
    assert "intake-ina" in page


def test_a_note_cannot_be_changed_or_deleted_through_the_form(intake_client, admin_user):
    request = CallbackRequestFactory()
    theirs = services.callback_note_add(request, author=admin_user, text="What I heard")
    data = admin_form_data(intake_client.get(change_url(request)))
    assert data["notes-INITIAL_FORMS"] == 0  # no existing note is offered for editing
    forged = {
        **data,
        "notes-TOTAL_FORMS": 1,
        "notes-INITIAL_FORMS": 1,
        "notes-0-id": theirs.pk,
        "notes-0-text": "Rewritten",
        "notes-0-DELETE": "on",
    }
    intake_client.post(change_url(request), forged)
    theirs.refresh_from_db()
    assert (theirs.text, theirs.author) == ("What I heard", admin_user)
    assert CallbackNote.objects.count() == 1


def test_superusers_cannot_change_notes_either(admin_client, intake_user):
    request = CallbackRequestFactory()
    services.callback_note_add(request, author=intake_user, text="Mine")
    response = admin_client.get(change_url(request))
    notes = next(
        inline
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is CallbackNote
    )
    assert list(notes.formset.queryset) == []
    assert not notes.has_change_permission and not notes.has_delete_permission
    assert notes.has_add_permission


def test_without_the_add_permission_there_is_no_attempt_form(client, intake_user):
    intake_user.groups.clear()
    intake_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_callbackrequest", "change_callbackrequest"])
    )
    client.force_login(intake_user)
    request = CallbackRequestFactory()
    page = client.get(change_url(request)).content.decode()
    assert 'name="attempts-0-outcome"' not in page
    assert 'name="notes-0-text"' not in page
    post_change(client, request, **attempt_fields("no_answer"))
    assert not CallAttempt.objects.exists()


def test_the_change_page_queries_do_not_grow_with_notes_and_attempts(admin_client, admin_user):
    request = CallbackRequestFactory()
    services.callback_note_add(request, author=admin_user, text="one")
    services.call_attempt_log(request, made_by=admin_user, outcome="no_answer")
    admin_client.get(change_url(request))

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(change_url(request)).status_code == 200
        return len(captured)

    few = queries()
    for i in range(10):
        services.callback_note_add(request, author=admin_user, text=f"note {i}")
        services.call_attempt_log(request, made_by=admin_user, outcome="voicemail")
    assert queries() == few


# The list


def test_the_list_shows_attempts_and_next_call_due(admin_client, admin_user):
    with time_machine.travel("2026-11-20 18:00 +00:00", tick=False):
        due = CallbackRequestFactory(created_at=timezone.now() - timedelta(minutes=20))
        later = CallbackRequestFactory()
        services.call_attempt_log(later, made_by=admin_user, outcome="no_answer")
        services.call_attempt_log(
            later,
            made_by=admin_user,
            outcome="call_later",
            next_call_at=timezone.now() + timedelta(hours=2),
        )
        response = admin_client.get(CHANGELIST)
    rows = {obj.pk: obj for obj in response.context["cl"].result_list}
    assert (rows[due.pk].attempt_count, rows[later.pk].attempt_count) == (0, 2)
    html = response.content.decode()
    assert '<td class="field-next_call">due now</td>' in html
    assert '<td class="field-next_call">today noon</td>' in html  # Pacific time
    assert '<td class="field-attempts">2</td>' in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [("due", {"due"}), ("later", {"later"}), ("none", {"closed"}), ("", None)],
)
def test_the_next_call_filter(admin_client, admin_user, value, expected):
    made = {
        "due": CallbackRequestFactory(),
        "later": CallbackRequestFactory(),
        "closed": CallbackRequestFactory(status="closed"),
    }
    services.call_attempt_log(
        made["later"],
        made_by=admin_user,
        outcome="no_answer",
        next_call_at=timezone.now() + timedelta(hours=1),
    )
    response = admin_client.get(CHANGELIST, {"call": value} if value else {})
    shown = {obj.pk for obj in response.context["cl"].result_list}
    want = set(made) if expected is None else expected
    assert shown == {made[name].pk for name in want}


def test_a_repeat_moves_its_request_back_up_the_list(admin_client, admin_user):
    now = timezone.now()
    waiting = CallbackRequestFactory(created_at=now - timedelta(minutes=30))
    asked = CallbackRequestFactory(phone="+16195550199", created_at=now - timedelta(hours=2))
    soon = CallbackRequestFactory(created_at=now - timedelta(hours=1))
    for request, hours in ((asked, 24), (soon, 5)):
        services.call_attempt_log(
            request,
            made_by=admin_user,
            outcome="call_later",
            next_call_at=now + timedelta(hours=hours),
        )

    def listed():
        return [obj.pk for obj in admin_client.get(CHANGELIST).context["cl"].result_list]

    assert listed() == [waiting.pk, soon.pk, asked.pk]
    services.callback_request_create(
        name="Luis",
        phone="+16195550199",
        best_time="evening",
        message="",
        consent_text_version="2026-11-v1",
        client_hash="c" * 64,
    )
    # Due since just now: behind the request due for half an hour, ahead of later calls.
    assert listed() == [waiting.pk, asked.pk, soon.pk]
    assert '<td class="field-next_call">due now, asked again</td>' in (
        admin_client.get(CHANGELIST).content.decode()
    )
    page = admin_client.get(change_url(asked)).content.decode()
    assert "Asked again: Luis, best time: Evening" in page


# Assignment


@pytest.fixture
def staff_mix(intake_user, admin_user):
    editor = StaffUserFactory(username="editor-eda")
    editor.groups.add(Group.objects.get(name="Editors"))
    gone = StaffUserFactory(username="intake-gone", is_active=False)
    gone.groups.add(Group.objects.get(name="Intake"))
    return {"editor": editor, "gone": gone, "intake": intake_user, "admin": admin_user}


def test_assigned_to_offers_only_active_intake_staff_and_superusers(admin_client, staff_mix):
    request = CallbackRequestFactory()
    response = admin_client.get(change_url(request))
    choices = response.context["adminform"].form.fields["assigned_to"].queryset
    assert set(choices) == {staff_mix["intake"], staff_mix["admin"]}
    html = response.content.decode()
    assert "editor-eda" not in html and "intake-gone" not in html

    refused = post_change(admin_client, request, assigned_to=staff_mix["editor"].pk)
    assert refused.status_code == 200
    request.refresh_from_db()
    assert request.assigned_to is None


def test_the_assigned_filter_offers_only_active_intake_staff_and_superusers(
    intake_client, staff_mix
):
    response = intake_client.get(CHANGELIST)
    (assigned,) = (f for f in response.context["cl"].filter_specs if f.title == "assigned to")
    offered = {label for _, label in assigned.lookup_choices}
    assert offered == {"Me", "Nobody", "admin"}


def test_assign_to_me_is_refused_to_staff_outside_intake(client):
    helper = StaffUserFactory(username="helper")
    helper.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_callbackrequest", "change_callbackrequest"])
    )
    client.force_login(helper)
    request = CallbackRequestFactory()
    response = client.post(
        CHANGELIST,
        {"action": "assign_to_me", "_selected_action": [request.pk], "index": 0},
        follow=True,
    )
    assert "Only intake staff can be assigned requests." in response.content.decode()
    assert CallbackRequest.objects.get().assigned_to is None
