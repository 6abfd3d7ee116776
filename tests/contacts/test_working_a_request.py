"""Working a request: notes, call attempts and what follows from them, the call queue,
a repeat from the same phone, and who may be assigned. Through the services."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts import services
from contacts.models import (
    TRIAGE_ORDERING,
    CallAttempt,
    CallbackNote,
    CallbackRequest,
    CallbackRequestEvent,
    assignable_staff,
)
from tests.factories import CallbackRequestFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

NOW = "2026-11-20 10:00 +00:00"
Outcome = CallAttempt.Outcome


@pytest.fixture
def worker():
    user = StaffUserFactory(username="ina")
    user.groups.add(Group.objects.get(name="Intake"))
    return user


def history(request):
    return [
        (event.kind, event.description)
        for event in request.events.filter(kind__in=CallbackRequestEvent.HISTORY_KINDS)
    ]


# Notes


def test_a_note_keeps_its_author_and_time_and_is_its_own_history_entry(worker):
    request = CallbackRequestFactory()
    with time_machine.travel(NOW, tick=False):
        note = services.callback_note_add(request, author=worker, text="  Mother answers.\n")
    assert (note.author, note.text, note.earlier) == (worker, "Mother answers.", False)
    assert note.created_at.isoformat() == "2026-11-20T10:00:00+00:00"
    event = request.events.get(kind="note")
    assert (event.actor, event.note, event.created_at) == (worker, note, note.created_at)
    assert event.description == "Note: Mother answers."


def test_a_second_note_is_a_second_entry_and_never_repeats_the_first(worker):
    request = CallbackRequestFactory()
    services.callback_note_add(request, author=worker, text="First")
    services.callback_note_add(request, author=worker, text="Second")
    assert [n.text for n in request.notes.all()] == ["First", "Second"]
    assert [d for kind, d in history(request) if kind == "note"] == ["Note: First", "Note: Second"]


@pytest.mark.parametrize("text", ["", "   \n ", "x" * 2001])
def test_an_empty_or_too_long_note_is_refused_and_stores_nothing(worker, text):
    request = CallbackRequestFactory()
    with pytest.raises(ValidationError):
        services.callback_note_add(request, author=worker, text=text)
    assert not CallbackNote.objects.exists()
    assert not request.events.exists()


def test_a_note_str_never_shows_its_text(worker):
    note = services.callback_note_add(CallbackRequestFactory(), author=worker, text="Secret")
    assert "Secret" not in str(note)


# Call attempts


def test_a_first_attempt_moves_new_to_attempted_and_schedules_the_next_call(worker):
    request = CallbackRequestFactory()
    with time_machine.travel(NOW, tick=False):
        later = timezone.now() + timedelta(hours=2)
        attempt = services.call_attempt_log(
            request, made_by=worker, outcome=Outcome.NO_ANSWER, next_call_at=later
        )
    request.refresh_from_db()
    assert (request.status, request.attempt_count, request.next_call_at) == (
        "attempted",
        1,
        later,
    )
    assert request.first_contact_at is None  # tried, not reached
    assert (attempt.made_by, attempt.outcome, attempt.next_call_at) == (worker, "no_answer", later)
    assert history(request) == [
        ("attempt", "Call attempt: No answer, call again Nov. 20, 4 a.m."),  # Pacific time
        ("changed", "status: New → Attempted"),
    ]
    assert all(event.actor == worker for event in request.events.all())


def test_without_a_time_the_next_call_is_due_at_once(worker):
    request = CallbackRequestFactory()
    with time_machine.travel(NOW, tick=False):
        services.call_attempt_log(request, made_by=worker, outcome=Outcome.VOICEMAIL)
    request.refresh_from_db()
    assert request.next_call_at.isoformat() == "2026-11-20T10:00:00+00:00"


def test_connected_sets_first_contact_and_status_and_ends_the_calls(worker):
    request = CallbackRequestFactory()
    with time_machine.travel("2026-11-20 09:00 +00:00", tick=False):
        services.call_attempt_log(request, made_by=worker, outcome=Outcome.NO_ANSWER)
    with time_machine.travel(NOW, tick=False):
        services.call_attempt_log(request, made_by=worker, outcome=Outcome.CONNECTED, note="Booked")
    request.refresh_from_db()
    assert request.status == "connected"
    assert request.first_contact_at.isoformat() == "2026-11-20T10:00:00+00:00"
    assert (request.next_call_at, request.attempt_count) == (None, 2)
    assert history(request)[-2:] == [
        ("attempt", "Call attempt: Connected. Booked"),
        ("changed", "status: Attempted → Connected"),
    ]


def test_a_wrong_number_leaves_nobody_to_call(worker):
    request = CallbackRequestFactory()
    services.call_attempt_log(request, made_by=worker, outcome=Outcome.WRONG_NUMBER)
    request.refresh_from_db()
    assert (request.status, request.next_call_at) == ("attempted", None)


@pytest.mark.parametrize("status", ["closed", "spam"])
def test_a_call_to_a_closed_or_spam_request_keeps_its_status(worker, status):
    request = CallbackRequestFactory(status=status)
    services.call_attempt_log(request, made_by=worker, outcome=Outcome.CONNECTED)
    request.refresh_from_db()
    assert request.status == status
    assert request.first_contact_at is not None  # they were reached all the same
    assert request.next_call_at is None
    assert [kind for kind, _ in history(request)] == ["attempt"]


@pytest.mark.parametrize(
    ("outcome", "next_call", "field_error"),
    [
        (Outcome.CALL_LATER, None, "Say when they asked to be called."),
        (Outcome.CONNECTED, timedelta(hours=1), "Nobody calls again after this outcome"),
        (Outcome.WRONG_NUMBER, timedelta(hours=1), "Nobody calls again after this outcome"),
        (Outcome.NO_ANSWER, -timedelta(minutes=5), "must be in the future"),
        ("hung_up", None, "is not a valid choice"),
    ],
)
def test_an_attempt_that_does_not_add_up_is_refused_and_stores_nothing(
    worker, outcome, next_call, field_error
):
    request = CallbackRequestFactory()
    next_call_at = timezone.now() + next_call if next_call else None
    with pytest.raises(ValidationError, match=field_error):
        services.call_attempt_log(
            request, made_by=worker, outcome=outcome, next_call_at=next_call_at
        )
    request.refresh_from_db()
    assert (request.status, request.attempt_count) == ("new", 0)
    assert not CallAttempt.objects.exists()
    assert not request.events.exists()


def test_the_database_refuses_a_next_call_after_an_outcome_that_ends_the_calls():
    from django.db import IntegrityError, transaction

    request = CallbackRequestFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CallAttempt.objects.create(
            request=request, outcome=Outcome.CONNECTED, next_call_at=timezone.now()
        )


# The queue


def queue():
    return list(CallbackRequest.objects.order_by(*TRIAGE_ORDERING, "-pk"))


def test_the_queue_puts_the_longest_due_calls_first_then_later_calls_then_the_rest(worker):
    with time_machine.travel(NOW, tick=False):
        now = timezone.now()
        closed = CallbackRequestFactory(status="closed", created_at=now - timedelta(days=1))
        new_old = CallbackRequestFactory(created_at=now - timedelta(hours=3))
        tomorrow = CallbackRequestFactory(created_at=now - timedelta(hours=5))
        services.call_attempt_log(
            tomorrow,
            made_by=worker,
            outcome=Outcome.CALL_LATER,
            next_call_at=now + timedelta(days=1),
        )
        new_recent = CallbackRequestFactory(created_at=now - timedelta(minutes=5))
        connected = CallbackRequestFactory(created_at=now - timedelta(hours=1))
        services.call_attempt_log(connected, made_by=worker, outcome=Outcome.CONNECTED)
        assert queue() == [new_old, new_recent, tomorrow, connected, closed]


def test_asking_again_moves_a_request_with_a_later_call_up_to_due_now(worker):
    with time_machine.travel(NOW, tick=False):
        request, _ = services.callback_request_create(
            name="Maria",
            phone="+16195550142",
            best_time="asap",
            message="",
            consent_text_version="2026-11-v1",
            client_hash="a" * 64,
        )
        services.call_attempt_log(
            request,
            made_by=worker,
            outcome=Outcome.CALL_LATER,
            next_call_at=timezone.now() + timedelta(days=1),
        )
        waiting = CallbackRequestFactory(created_at=timezone.now() - timedelta(minutes=1))
    assert queue() == [waiting, request]
    with time_machine.travel("2026-11-20 10:30 +00:00", tick=False):
        again, created = services.callback_request_create(
            name="Luis",
            phone="+16195550142",
            best_time="evening",
            message="Please call me",
            consent_text_version="2026-11-v1",
            client_hash="b" * 64,
        )
    assert (again.pk, created) == (request.pk, False)
    assert again.next_call_at.isoformat() == "2026-11-20T10:30:00+00:00"
    assert queue() == [waiting, request]  # due since 10:29, then since 10:30
    with time_machine.travel("2026-11-20 10:31 +00:00", tick=False):
        services.call_attempt_log(waiting, made_by=worker, outcome=Outcome.WRONG_NUMBER)
    assert queue()[0] == request
    assert history(request)[-1] == (
        "asked_again",
        "Asked again: Luis, best time: Evening. Message: Please call me",
    )


def test_asking_again_keeps_an_earlier_due_time(worker):
    with time_machine.travel(NOW, tick=False):
        request, _ = services.callback_request_create(
            name="Maria",
            phone="+16195550142",
            best_time="asap",
            message="",
            consent_text_version="2026-11-v1",
            client_hash="a" * 64,
        )
    with time_machine.travel("2026-11-20 11:00 +00:00", tick=False):
        services.callback_request_create(
            name="Maria",
            phone="+16195550142",
            best_time="asap",
            message="Still waiting",
            consent_text_version="2026-11-v1",
            client_hash="a" * 64,
        )
    request.refresh_from_db()
    assert request.next_call_at.isoformat() == "2026-11-20T10:00:00+00:00"
    assert request.last_asked_at.isoformat() == "2026-11-20T11:00:00+00:00"


@pytest.mark.parametrize("status", ["connected", "closed", "spam"])
def test_a_request_nobody_needs_to_call_leaves_the_queue_whatever_saves_it(status):
    request = CallbackRequestFactory()
    assert request.next_call_at == request.created_at
    request.status = status
    request.save(update_fields=["status"])
    request.refresh_from_db()
    assert request.next_call_at is None


def test_a_request_set_back_to_new_is_due_again():
    request = CallbackRequestFactory(status="closed")
    assert request.next_call_at is None
    services.callback_request_change(request, actor=None, status="new")
    request.refresh_from_db()
    assert request.next_call_at == request.created_at


# Assignment


def test_only_active_intake_staff_and_superusers_can_be_assigned(worker):
    editor = StaffUserFactory(username="eda")
    editor.groups.add(Group.objects.get(name="Editors"))
    gone = StaffUserFactory(username="gone", is_active=False)
    gone.groups.add(Group.objects.get(name="Intake"))
    not_staff = UserFactory(username="visitor")
    not_staff.groups.add(Group.objects.get(name="Intake"))
    boss = StaffUserFactory(username="boss", is_superuser=True)
    boss.groups.add(*Group.objects.all())  # in several groups, still offered once
    plain_staff = StaffUserFactory(username="plain")
    offered = type(worker).objects.filter(assignable_staff()).order_by("username")
    assert list(offered) == [boss, worker]
    del editor, gone, not_staff, plain_staff


def test_assigning_anyone_else_is_refused_by_the_service(worker):
    editor = StaffUserFactory(username="eda")
    editor.groups.add(Group.objects.get(name="Editors"))
    request = CallbackRequestFactory()
    with pytest.raises(ValidationError, match="Only intake staff"):
        services.callback_request_change(request, actor=worker, assigned_to=editor)
    request.refresh_from_db()
    assert request.assigned_to is None
    assert not request.events.exists()
    services.callback_request_change(request, actor=worker, assigned_to=worker)
    assert CallbackRequest.objects.get().assigned_to == worker


def test_earlier_notes_say_so_in_the_history():
    request = CallbackRequestFactory()
    note = CallbackNote.objects.create(request=request, text="Old box text", earlier=True)
    event = CallbackRequestEvent.objects.create(request=request, kind="note", note=note)
    assert event.description == "Earlier notes: Old box text"


def test_an_attempt_reads_as_one_sentence_in_the_history(worker):
    request = CallbackRequestFactory()
    with time_machine.travel(NOW, tick=False):
        attempt = services.call_attempt_log(
            request,
            made_by=worker,
            outcome=Outcome.VOICEMAIL,
            next_call_at=timezone.now() + timedelta(hours=15, minutes=30),
            note="Left my name",
        )
    assert attempt.description == (
        "Call attempt: Left voicemail, call again Nov. 20, 5:30 p.m. Left my name"
    )
