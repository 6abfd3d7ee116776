"""Staff are emailed after commit; failures keep the request and are retried."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from contacts import services
from contacts.models import CallbackRequest
from tests.contacts.conftest import form_data
from tests.factories import CallbackRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_mail(monkeypatch):
    def fail(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "Service not available")

    monkeypatch.setattr(services, "send_mail", fail)


def submit(client, **overrides):
    return client.post("/call-back/", form_data(**overrides), REMOTE_ADDR="203.0.113.7")


def test_the_email_goes_out_only_after_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submit(client)
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_the_email_names_the_request_but_not_the_person(site_domain):
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        request = CallbackRequestFactory(
            name="Sam Secret", phone="+16195550142", best_time="evening", message="I use heroin"
        )
    with time_machine.travel("2026-11-20 10:12 +00:00", tick=False):
        assert services.callback_request_notify(request.pk)
    message = mail.outbox[0]
    assert message.subject == f"New call-back request #{request.pk}"
    assert message.to == ["intake@example.org"]
    body = message.body
    assert "Best time to call: Evening" in body
    assert "12 min ago" in body
    assert (
        f"https://recovery.example.org/admin/contacts/callbackrequest/{request.pk}/change/" in body
    )
    for secret in ("Sam", "Secret", "6195550142", "619-555-0142", "heroin"):
        assert secret not in body
        assert secret not in message.subject


def test_name_and_phone_are_included_only_when_allowed(settings, site_domain):
    settings.CALLBACK_EMAIL_INCLUDE_CONTACT = True
    request = CallbackRequestFactory(name="Sam Lee", phone="+16195550142", message="private")
    services.callback_request_notify(request.pk)
    message = mail.outbox[0]
    assert "Name: Sam Lee" in message.body
    assert "Phone: 619-555-0142" in message.body
    assert "private" not in message.body
    assert "Sam" not in message.subject


def test_the_admin_link_uses_http_only_under_debug(settings, site_domain):
    settings.DEBUG = True
    request = CallbackRequestFactory()
    services.callback_request_notify(request.pk)
    assert "http://recovery.example.org/admin/" in mail.outbox[0].body


def test_a_sent_notification_is_marked_and_not_sent_twice():
    request = CallbackRequestFactory()
    assert services.callback_request_notify(request.pk)
    assert not services.callback_request_notify(request.pk)
    request.refresh_from_db()
    assert request.notified_at is not None
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPConnectError(421, "down"),
        smtplib.SMTPRecipientsRefused({"intake@example.org": (550, b"no")}),
        TimeoutError("timed out"),
        ConnectionRefusedError(111, "refused"),
    ],
)
def test_when_sending_fails_the_visitor_is_thanked_and_the_request_kept(
    client, monkeypatch, caplog, django_capture_on_commit_callbacks, error
):
    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(services, "send_mail", fail)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, name="Sam Secret", message="private words")
    assert response.status_code == 303
    assert response["Location"] == "/call-back/thanks/"
    request = CallbackRequest.objects.get()
    assert request.notified_at is None
    assert f"Call-back request #{request.pk}: notification email failed" in caplog.text
    for secret in ("Sam", "Secret", "6195550142", "private", "203.0.113.7"):
        assert secret not in caplog.text


def test_pending_notifications_are_sent_by_the_command(failing_mail, monkeypatch):
    first = CallbackRequestFactory()
    services.callback_request_notify(first.pk)
    first.refresh_from_db()
    assert first.notified_at is None

    monkeypatch.undo()
    second = CallbackRequestFactory()
    already = CallbackRequestFactory(notified_at=timezone.now() - timedelta(minutes=5))
    call_command("send_pending_notifications", stdout=(out := _Output()))
    assert "Sent 2 of 2" in out.text
    assert sorted(m.subject for m in mail.outbox) == sorted(
        [f"New call-back request #{first.pk}", f"New call-back request #{second.pk}"]
    )
    assert not CallbackRequest.objects.filter(notified_at__isnull=True).exists()
    assert already.pk not in {int(m.subject.rsplit("#", 1)[1]) for m in mail.outbox}


def test_running_the_command_twice_sends_each_email_once():
    CallbackRequestFactory.create_batch(3)
    call_command("send_pending_notifications", stdout=_Output())
    call_command("send_pending_notifications", stdout=(out := _Output()))
    assert len(mail.outbox) == 3
    assert "Sent 0 of 0" in out.text


def test_the_command_keeps_failures_for_the_next_run(failing_mail):
    CallbackRequestFactory.create_batch(2)
    call_command("send_pending_notifications", stdout=(out := _Output()))
    assert "Sent 0 of 2" in out.text
    assert CallbackRequest.objects.filter(notified_at__isnull=True).count() == 2


def test_without_recipients_nothing_is_sent_or_marked(settings):
    settings.CALLBACK_NOTIFY_EMAILS = []
    request = CallbackRequestFactory()
    assert not services.callback_request_notify(request.pk)
    call_command("send_pending_notifications", stdout=_Output(), stderr=(err := _Output()))
    assert "DJANGO_CALLBACK_NOTIFY_EMAILS" in err.text
    request.refresh_from_db()
    assert request.notified_at is None
    assert mail.outbox == []


def test_a_claimed_notification_is_left_to_its_claimant(monkeypatch):
    """Another process has the row: this one sends nothing."""
    request = CallbackRequestFactory()
    CallbackRequest.objects.filter(pk=request.pk).update(notified_at=timezone.now())
    assert not services.callback_request_notify(request.pk)
    assert mail.outbox == []


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, value):
        self.text += value

    def flush(self):
        pass
