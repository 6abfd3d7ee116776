"""The lead path's writes, the client address rules and the contact settings accessor."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import OperationalError
from django.test import RequestFactory

from contacts import services
from contacts.models import (
    CallbackRequest,
    CallbackRequestEvent,
    ContactSettings,
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


# Client address


def request_from(remote="203.0.113.7", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/call-back/", **headers)


def test_client_address_is_remote_addr_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert services.client_address(request_from(forwarded="192.0.2.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "192.0.2.66, 198.51.100.1", "198.51.100.1"),
        (2, "192.0.2.66, 198.51.100.1, 10.0.0.3", "198.51.100.1"),
        (2, "198.51.100.1", "198.51.100.1"),
        (1, "", "203.0.113.7"),
    ],
)
def test_client_address_is_the_nth_forwarded_entry_from_the_right(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert services.client_address(request_from(forwarded=forwarded)) == expected


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


def test_create_stores_the_request_with_a_created_event(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        request, created = create()
    assert created
    assert request.status == CallbackRequest.Status.NEW
    assert request.consented_at == request.created_at
    event = CallbackRequestEvent.objects.get()
    assert (event.request, event.kind, event.actor) == (request, "created", None)
    assert len(callbacks) == 1


def test_a_duplicate_phone_returns_the_earlier_request_untouched(
    django_capture_on_commit_callbacks,
):
    first, _ = create()
    with django_capture_on_commit_callbacks() as callbacks:
        again, created = create(name="Changed", client_hash="b" * 64)
    assert not created
    assert again.pk == first.pk
    assert CallbackRequest.objects.get().name == "Sam"
    assert CallbackRequestEvent.objects.count() == 1
    assert callbacks == []


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


def test_leaving_new_sets_first_contact_once():
    staff = StaffUserFactory()
    request = CallbackRequestFactory()
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        services.callback_request_change(request, actor=staff, status="attempted")
    first = request.first_contact_at
    assert first is not None
    with time_machine.travel("2026-11-20 12:00 +00:00", tick=False):
        services.callback_request_change(request, actor=staff, status="connected")
    request.refresh_from_db()
    assert request.first_contact_at == first
    assert request.status == "connected"


def test_first_contact_is_set_by_the_model_whatever_saves_it():
    request = CallbackRequestFactory()
    request.status = CallbackRequest.Status.SPAM
    request.save(update_fields=["status"])
    request.refresh_from_db()
    assert request.first_contact_at is not None


def test_each_change_is_recorded_with_who_what_and_when():
    staff = StaffUserFactory(username="ina")
    request = CallbackRequestFactory()
    services.callback_request_change(
        request, actor=staff, status="attempted", assigned_to=staff, staff_notes="Voicemail"
    )
    events = {
        e.field: e for e in CallbackRequestEvent.objects.filter(kind="changed", request=request)
    }
    assert set(events) == {"status", "assigned_to", "staff_notes"}
    assert (events["status"].old_value, events["status"].new_value) == ("New", "Attempted")
    assert (events["assigned_to"].old_value, events["assigned_to"].new_value) == ("", "ina")
    assert events["staff_notes"].new_value == "Voicemail"
    assert all(e.actor == staff and e.created_at for e in events.values())
    assert events["status"].description == "status: New → Attempted"


def test_unchanged_values_record_nothing():
    request = CallbackRequestFactory()
    services.callback_request_change(request, actor=None, status="new", staff_notes="")
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
    assert contact.phone_e164 == "+18588880101"
    assert contact.banner_text == "CALL"
    assert contact.intake_hours


def test_contact_settings_are_read_once_then_cached(django_assert_num_queries):
    with django_assert_num_queries(1):
        get_contact_settings()
    with django_assert_num_queries(0):
        get_contact_settings()


def test_saving_the_contact_settings_invalidates_the_cache_and_sends_the_signal():
    record = ContactSettings.load()
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
            ContactSettings.load().save()
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


def test_contact_settings_fall_back_to_the_defaults_when_the_database_is_down(monkeypatch):
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
