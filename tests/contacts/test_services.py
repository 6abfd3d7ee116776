"""The lead path's writes, the client address rules and the contact settings accessor."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import OperationalError
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from contacts import services
from contacts.models import (
    CallbackRequest,
    CallbackRequestEvent,
    ContactSettings,
    SpamTrapCount,
    get_contact_settings,
    short_duration,
)
from contacts.signals import contact_settings_changed
from tests.factories import CallbackRequestFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def create(**overrides):
    data = {
        "name": "Sam",
        "phone": "+16195550142",
        "best_time": "asap",
        "message": "",
        "consent_text_version": "2026-11-v1",
        "client_hash": "a" * 64,
        "source_path": "/",
    }
    data.update(overrides)
    return services.callback_request_create(**data)


# Client hash


def test_client_hash_is_keyed_stable_and_never_the_address():
    first = services.client_hash("203.0.113.7")
    assert first == services.client_hash("203.0.113.7")
    assert first != services.client_hash("203.0.113.8")
    assert "203" not in first
    assert len(first) == 64


def test_client_hash_depends_on_the_secret_key(settings):
    first = services.client_hash("203.0.113.7")
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert services.client_hash("203.0.113.7") != first


def test_ipv6_clients_are_counted_per_64_network():
    assert services.client_hash("2001:db8:1:2::1") == services.client_hash("2001:db8:1:2:ffff::9")
    assert services.client_hash("2001:db8:1:2::1") != services.client_hash("2001:db8:1:3::1")
    assert services.client_hash("::ffff:203.0.113.7") == services.client_hash("203.0.113.7")


# Creating


def notification_tasks():
    return DBTaskResult.objects.filter(task_path="contacts.tasks.notify_staff")


def test_create_stores_the_request_with_a_created_event_and_queues_one_email():
    request, created = create()
    assert created
    assert request.status == CallbackRequest.Status.NEW
    assert request.consented_at == request.created_at == request.last_asked_at
    assert not request.sent_fast
    event = CallbackRequestEvent.objects.get()
    assert (event.request, event.kind, event.actor) == (request, "created", None)
    assert [task.args_kwargs["args"] for task in notification_tasks()] == [[request.pk]]


def test_a_fast_request_is_stored_flagged():
    request, created = create(sent_fast=True)
    assert created
    assert CallbackRequest.objects.get(pk=request.pk).sent_fast


def test_another_person_on_the_same_phone_is_kept_as_asked_again_without_a_second_email():
    """A mother, then a brother, on the family phone: both are kept, on one request."""
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        first, _ = create(name="Maria", best_time="morning", message="For my son")
    with time_machine.travel("2026-11-20 10:04 +00:00", tick=False):
        again, created = create(
            name="Luis",
            best_time="evening",
            message="It's me, call after six",
            client_hash="b" * 64,
        )
    assert not created
    assert again.pk == first.pk
    request = CallbackRequest.objects.get()
    assert (request.name, request.best_time, request.message) == ("Maria", "morning", "For my son")
    assert request.last_asked_at.isoformat() == "2026-11-20T10:04:00+00:00"
    asked = CallbackRequestEvent.objects.get(kind="asked_again")
    assert (asked.name, asked.best_time, asked.message) == (
        "Luis",
        "evening",
        "It's me, call after six",
    )
    assert asked.actor is None
    assert asked.description == (
        "Asked again: Luis, best time: Evening. Message: It's me, call after six"
    )
    assert notification_tasks().count() == 1


def test_the_same_words_sent_twice_are_kept_once():
    first, _ = create(name="Sam", message="Please call")
    create(name="Sam", message="Please call")
    create(name="Lee", message="Me too")
    create(name="Lee", message="Me too")
    assert list(CallbackRequestEvent.objects.values_list("kind", "name").order_by("pk")) == [
        ("created", ""),
        ("asked_again", "Lee"),
    ]
    assert notification_tasks().count() == 1


def test_the_same_words_after_the_duplicate_window_count_as_asking_again():
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        create(name="Sam", message="Please call")
    with time_machine.travel("2026-11-20 12:00 +00:00", tick=False):
        request, created = create(name="Sam", message="Please call")
    assert not created
    assert CallbackRequestEvent.objects.filter(kind="asked_again").count() == 1
    assert request.last_asked_at.isoformat() == "2026-11-20T12:00:00+00:00"


@pytest.mark.parametrize("status", ["new", "attempted"])
def test_a_repeat_joins_a_request_still_waiting_for_a_conversation(status):
    with time_machine.travel("2026-11-01 10:00 +00:00", tick=False):
        first = CallbackRequestFactory(phone="+16195550142", status=status)
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        again, created = create(name="Sam again")
    assert not created and again.pk == first.pk


@pytest.mark.parametrize("status", ["connected", "closed", "spam"])
def test_after_a_conversation_or_closing_a_repeat_is_a_new_request(status):
    first = CallbackRequestFactory(phone="+16195550142", status=status)
    again, created = create()
    assert created and again.pk != first.pk


def test_a_waiting_request_older_than_the_window_gets_a_new_one():
    with time_machine.travel("2026-10-01 10:00 +00:00", tick=False):
        CallbackRequestFactory(phone="+16195550142")
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        _, created = create()
    assert created


def test_asking_again_counts_towards_the_rate_limit(settings):
    settings.CALLBACK_RATE_LIMIT = 3
    create(name="A")
    create(name="B")
    create(name="C")
    with pytest.raises(services.RateLimited):
        create(name="D")
    assert CallbackRequestEvent.objects.filter(kind="asked_again").count() == 2


def test_the_honeypot_is_counted_per_day():
    with time_machine.travel("2026-11-20 10:00 -08:00", tick=False):
        services.spam_trap_caught()
        services.spam_trap_caught()
    with time_machine.travel("2026-11-21 10:00 -08:00", tick=False):
        services.spam_trap_caught()
    counts = {str(day): count for day, count in SpamTrapCount.objects.values_list("day", "count")}
    assert counts == {"2026-11-20": 2, "2026-11-21": 1}


def test_rate_limit_counts_the_clients_requests_of_the_last_hour(settings):
    settings.CALLBACK_RATE_LIMIT = 2
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        create(phone="+16195550101")
        create(phone="+16195550102")
        with pytest.raises(services.RateLimited):
            create(phone="+16195550103")
        create(phone="+16195550104", client_hash="b" * 64)
    with time_machine.travel("2026-11-20 11:00:01 +00:00", tick=False):
        create(phone="+16195550105")
    assert CallbackRequest.objects.count() == 4


# Changing (staff)


def test_connected_sets_first_contact_once_and_attempted_does_not():
    staff = StaffUserFactory()
    request = CallbackRequestFactory()
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        services.callback_request_change(request, actor=staff, status="attempted")
    assert request.first_contact_at is None
    with time_machine.travel("2026-11-20 12:00 +00:00", tick=False):
        services.callback_request_change(request, actor=staff, status="connected")
    first = request.first_contact_at
    assert first.isoformat() == "2026-11-20T12:00:00+00:00"
    with time_machine.travel("2026-11-20 13:00 +00:00", tick=False):
        services.callback_request_change(request, actor=staff, status="closed")
        services.callback_request_change(request, actor=staff, status="connected")
    request.refresh_from_db()
    assert request.first_contact_at == first
    assert request.status == "connected"


@pytest.mark.parametrize(("status", "reached"), [("connected", True), ("spam", False)])
def test_first_contact_is_set_by_the_model_whatever_saves_it(status, reached):
    request = CallbackRequestFactory()
    request.status = status
    request.save(update_fields=["status"])
    request.refresh_from_db()
    assert (request.first_contact_at is not None) == reached


def test_each_change_is_recorded_with_who_what_and_when():
    staff = StaffUserFactory(username="ina")
    request = CallbackRequestFactory()
    staff.groups.add(Group.objects.get(name="Intake"))
    services.callback_request_change(request, actor=staff, status="attempted", assigned_to=staff)
    events = {
        e.field: e for e in CallbackRequestEvent.objects.filter(kind="changed", request=request)
    }
    assert set(events) == {"status", "assigned_to"}
    assert (events["status"].old_value, events["status"].new_value) == ("New", "Attempted")
    assert (events["assigned_to"].old_value, events["assigned_to"].new_value) == ("", "ina")
    assert all(e.actor == staff and e.created_at for e in events.values())
    assert events["status"].description == "status: New → Attempted"


def test_unchanged_values_record_nothing():
    request = CallbackRequestFactory()
    services.callback_request_change(request, actor=None, status="new", assigned_to=None)
    assert not CallbackRequestEvent.objects.filter(kind="changed").exists()


def test_only_staff_fields_can_be_changed():
    with pytest.raises(ValueError, match="name"):
        services.callback_request_change(CallbackRequestFactory(), actor=None, name="x")


def test_str_never_shows_the_name_or_phone():
    request = CallbackRequestFactory(name="Sam Secret", phone="+16195550142")
    assert str(request) == f"Call-back request #{request.pk}"
    assert "Sam" not in str(request.events.model(request=request, kind="created"))


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(0, "less than a minute"), (12, "12 min"), (60, "1 h"), (125, "2 h 5 min"), (3000, "2 days")],
)
def test_short_duration(minutes, text):
    assert short_duration(timedelta(minutes=minutes)) == text


# Contact settings


def test_contact_settings_defaults():
    contact = get_contact_settings()
    assert contact.phone_display == "858-888-0101"
    assert contact.phone_href == "tel:+18588880101"
    assert contact.phone == "+18588880101"
    assert contact.banner_text == "CALL"
    assert contact.intake_hours


def test_contact_settings_are_read_once_then_cached(django_assert_num_queries):
    with django_assert_num_queries(1):
        get_contact_settings()
    with django_assert_num_queries(0):
        get_contact_settings()


def test_saving_the_contact_settings_invalidates_the_cache_and_sends_the_signal():
    record = ContactSettings.objects.get_or_create(pk=1)[0]
    get_contact_settings()
    received = []

    def receiver(sender, instance, **kwargs):
        received.append(instance.phone)

    contact_settings_changed.connect(receiver)
    try:
        record.phone = "+16195550199"
        record.save()
    finally:
        contact_settings_changed.disconnect(receiver)
    assert received and set(received) == {"+16195550199"}
    assert get_contact_settings().phone_display == "619-555-0199"


def test_the_signal_is_sent_again_after_commit(django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, instance, **kwargs):
        received.append(instance.pk)

    contact_settings_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            ContactSettings.objects.get_or_create(pk=1)[0].save()
    finally:
        contact_settings_changed.disconnect(receiver)
    assert len(received) >= 2


def test_there_is_only_ever_one_contact_settings_record():
    ContactSettings(banner_text="A").save()
    ContactSettings(banner_text="B").save()
    assert ContactSettings.objects.get().banner_text == "B"


def test_contact_settings_clean_normalizes_the_phone():
    record = ContactSettings(phone="(619) 555-0199")
    record.full_clean()
    assert record.phone == "+16195550199"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        ContactSettings(phone="12345").full_clean()


def test_a_process_that_never_read_them_falls_back_to_the_defaults(monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(ContactSettings.objects, "filter", broken)
    assert get_contact_settings().phone_href == "tel:+18588880101"
    assert cache.get("contacts:contact-settings:v1") is None


def test_contact_settings_without_the_database_use_cache_or_defaults(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert get_contact_settings(allow_database=False).phone_display == "858-888-0101"


def test_contact_settings_survive_a_broken_cache(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert get_contact_settings().phone_display == "858-888-0101"


def _break_database(monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(ContactSettings.objects, "filter", broken)


def _break_cache(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis down")

    for name in ("get", "set", "delete"):
        monkeypatch.setattr(cache, name, broken)


def test_with_cache_and_database_down_the_last_settings_read_are_shown(monkeypatch):
    """The evicted-cache-and-stopped-database case: the centre's number, not the default."""
    ContactSettings(phone="+16195550199", banner_text="Call us").save()
    get_contact_settings()  # this process reads them once, while all is well
    cache.clear()  # evicted, expired, or Redis restarted empty
    _break_database(monkeypatch)
    assert get_contact_settings().phone == "+16195550199"
    _break_cache(monkeypatch)
    contact = get_contact_settings()
    assert (contact.phone, contact.banner_text) == ("+16195550199", "Call us")
    assert get_contact_settings(allow_database=False).phone == "+16195550199"


def test_the_last_settings_follow_a_save_in_this_process(monkeypatch):
    get_contact_settings()
    ContactSettings(phone="+16195550177").save()
    _break_cache(monkeypatch)
    _break_database(monkeypatch)
    assert get_contact_settings().phone == "+16195550177"


def test_a_save_with_the_cache_down_still_succeeds(monkeypatch):
    _break_cache(monkeypatch)
    ContactSettings(phone="+16195550177").save()
    assert ContactSettings.objects.get().phone == "+16195550177"


def test_contact_settings_are_read_once_per_request(django_assert_num_queries, monkeypatch):
    calls = []
    real_get = cache.get

    def counting_get(*args, **kwargs):
        calls.append(args[0])
        return real_get(*args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    request = RequestFactory().get("/")
    with django_assert_num_queries(1):
        first = get_contact_settings(request)
        assert get_contact_settings(request) is first
        assert get_contact_settings(request) is first
    assert calls == ["contacts:contact-settings:v1"]
