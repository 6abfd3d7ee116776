"""Staff are emailed by the task worker, never by the visitor's request; at least once,
and a second time only if a sender dies between the mail server accepting and the
database recording it."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contacts import notifications, services, tasks
from contacts.models import CallbackRequest
from tests.contacts.conftest import form_data
from tests.factories import CallbackRequestFactory

pytestmark = pytest.mark.django_db


class FakeConnection:
    """A mail connection that fails where it is told to (open, send or close)."""

    def __init__(self, *, fail_on=None, error=None):
        self.fail_on = fail_on
        self.error = error or smtplib.SMTPConnectError(421, "Service not available")
        self.sent = []
        self.closed = False

    def _maybe_fail(self, step):
        if self.fail_on == step:
            raise self.error

    def open(self):
        self._maybe_fail("open")
        return True

    def send_messages(self, messages):
        self._maybe_fail("send")
        self.sent.extend(messages)
        mail.outbox.extend(messages)
        return len(messages)

    def close(self):
        self.closed = True
        self._maybe_fail("close")


@pytest.fixture
def mail_server(monkeypatch):
    """Replace the SMTP connection; set .fail_on / .error to make it fail."""
    server = FakeConnection()
    monkeypatch.setattr(notifications, "get_connection", lambda: server)
    return server


def submit(client, **overrides):
    return client.post("/call-back/", form_data(**overrides), REMOTE_ADDR="203.0.113.7")


def queued():
    return list(DBTaskResult.objects.filter(task_path="contacts.tasks.notify_staff"))


# The visitor's request


def test_the_visitors_request_queues_the_email_and_sends_nothing(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    def no_mail_in_a_request(*args, **kwargs):
        raise AssertionError("the visitor's request talked to the mail server")

    monkeypatch.setattr(notifications, "get_connection", no_mail_in_a_request)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)
    assert response.status_code == 303
    request = CallbackRequest.objects.get()
    assert request.notified_at is None
    assert mail.outbox == []
    [task] = queued()
    assert task.args_kwargs == {"args": [request.pk], "kwargs": {}}
    assert task.status == "READY"


def test_the_worker_sends_the_email_once_and_records_it(client, task_worker):
    submit(client)
    task_worker()
    task_worker()
    assert len(mail.outbox) == 1
    request = CallbackRequest.objects.get()
    assert request.notified_at is not None
    assert request.notify_claimed_until is None
    assert mail.outbox[0].subject == f"New call-back request #{request.pk}"
    assert queued()[0].status == "SUCCESSFUL"


def test_a_request_that_is_rolled_back_leaves_no_email_queued():
    with pytest.raises(RuntimeError), transaction.atomic():
        services.callback_request_create(
            name="Sam",
            phone="+16195550142",
            best_time="asap",
            message="",
            consent_text_version="2026-11-v1",
            client_hash="a" * 64,
        )
        raise RuntimeError("the transaction fails after the save")
    assert not CallbackRequest.objects.exists()
    assert queued() == []


def test_a_queue_that_fails_costs_the_visitor_nothing(client, monkeypatch, caplog, task_worker):
    """Anything going wrong with the queue: the request is stored, the person thanked,
    and the cron safety net sends the email."""

    class BrokenTask:
        def enqueue(self, *args, **kwargs):
            raise TypeError("something unexpected in the task library")

    monkeypatch.setattr(services, "notify_staff", BrokenTask())
    response = submit(client, name="Sam Secret")
    assert response.status_code == 303
    request = CallbackRequest.objects.get()
    assert f"#{request.pk}: the notification could not be queued (TypeError)" in caplog.text
    assert "Sam" not in caplog.text
    monkeypatch.undo()
    call_command("send_pending_notifications", stdout=_Output())
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
def test_a_failed_send_is_retried_by_the_worker_later(
    client, mail_server, caplog, task_worker, error
):
    mail_server.fail_on, mail_server.error = "send", error
    submit(client, name="Sam Secret", message="private words")
    task_worker()
    request = CallbackRequest.objects.get()
    assert request.notified_at is None
    assert request.notify_claimed_until is None, "a failed sender releases its claim"
    assert f"Call-back request #{request.pk}: notification email failed" in caplog.text
    for secret in ("Sam", "Secret", "6195550142", "private", "203.0.113.7"):
        assert secret not in caplog.text
    retry = [task for task in queued() if task.status == "READY"]
    assert len(retry) == 1
    assert retry[0].args_kwargs["args"] == [request.pk, 2]
    assert retry[0].run_after > timezone.now() + timedelta(seconds=20)

    mail_server.fail_on = None
    with time_machine.travel(timezone.now() + timedelta(seconds=31)):
        task_worker()
    request.refresh_from_db()
    assert request.notified_at is not None
    assert len(mail_server.sent) == 1


def test_retries_stop_after_the_last_delay_and_leave_it_to_cron(mail_server, task_worker):
    mail_server.fail_on = "open"
    request = CallbackRequestFactory()
    tasks.notify_staff.enqueue(request.pk)
    later = timezone.now()
    for delay in (timedelta(0), *tasks.RETRY_DELAYS):
        later += delay + timedelta(seconds=1)
        with time_machine.travel(later):
            task_worker()
    assert len(queued()) == 1 + len(tasks.RETRY_DELAYS)
    assert all(task.status == "SUCCESSFUL" for task in queued())
    assert CallbackRequest.objects.get().notified_at is None
    mail_server.fail_on = None
    call_command("send_pending_notifications", stdout=(out := _Output()))
    assert "Sent 1 of 1" in out.text


def test_an_unexpected_error_while_sending_releases_the_claim(mail_server, task_worker):
    """Not an SMTP error: the task fails, and the request is left for the next try."""
    mail_server.fail_on, mail_server.error = "send", RuntimeError("a bug")
    request = CallbackRequestFactory()
    tasks.notify_staff.enqueue(request.pk)
    task_worker()
    assert queued()[0].status == "FAILED"
    request.refresh_from_db()
    assert request.notified_at is None
    assert request.notify_claimed_until is None
    mail_server.fail_on = None
    assert notifications.callback_request_notify(request.pk)


def test_a_mail_server_hanging_after_it_accepted_causes_no_second_email(mail_server):
    """QUIT comes after the send is recorded: its failure cannot undo the record."""
    mail_server.fail_on, mail_server.error = "close", TimeoutError("timed out on QUIT")
    request = CallbackRequestFactory()
    assert notifications.callback_request_notify(request.pk)
    request.refresh_from_db()
    assert request.notified_at is not None
    assert not notifications.callback_request_notify(request.pk)
    assert len(mail_server.sent) == 1


# Claims: at least once, never twice at the same time


def test_a_request_claimed_by_another_sender_is_left_to_it(mail_server):
    request = CallbackRequestFactory(notify_claimed_until=timezone.now() + timedelta(minutes=1))
    assert not notifications.callback_request_notify(request.pk)
    assert notifications.pending_notification_ids() == []
    assert mail_server.sent == []


def test_a_claim_left_by_a_sender_that_died_runs_out_and_the_email_goes(mail_server):
    """kill -9 between claiming and sending: the email is late, never lost."""
    claimed_until = timezone.now() + notifications.NOTIFY_LEASE
    request = CallbackRequestFactory(notify_claimed_until=claimed_until)
    with time_machine.travel(claimed_until + timedelta(seconds=1)):
        assert notifications.pending_notification_ids() == [request.pk]
        assert notifications.callback_request_notify(request.pk)
    assert len(mail_server.sent) == 1


def test_a_sent_notification_is_marked_and_not_sent_twice():
    request = CallbackRequestFactory()
    assert notifications.callback_request_notify(request.pk)
    assert not notifications.callback_request_notify(request.pk)
    request.refresh_from_db()
    assert request.notified_at is not None
    assert len(mail.outbox) == 1


# What the email says


def test_the_email_names_the_request_but_not_the_person(site_domain):
    with time_machine.travel("2026-11-20 10:00 +00:00", tick=False):
        request = CallbackRequestFactory(
            name="Sam Secret", phone="+16195550142", best_time="evening", message="I use heroin"
        )
    with time_machine.travel("2026-11-20 10:12 +00:00", tick=False):
        assert notifications.callback_request_notify(request.pk)
    message = mail.outbox[0]
    assert message.subject == f"New call-back request #{request.pk}"
    assert message.to == ["intake@example.org"]
    body = message.body
    assert "Best time to call: Evening" in body
    assert "12 min ago" in body
    assert (
        f"https://recovery.example.org/admin/contacts/callbackrequest/{request.pk}/change/" in body
    )
    assert "faster than people usually" not in body
    for secret in ("Sam", "Secret", "6195550142", "619-555-0142", "heroin"):
        assert secret not in body
        assert secret not in message.subject


def test_the_email_says_when_a_request_was_sent_fast(site_domain):
    request = CallbackRequestFactory(sent_fast=True)
    notifications.callback_request_notify(request.pk)
    assert "faster than people usually fill in the form" in mail.outbox[0].body


def test_name_and_phone_are_included_only_when_allowed(settings, site_domain):
    settings.CALLBACK_EMAIL_INCLUDE_CONTACT = True
    request = CallbackRequestFactory(name="Sam Lee", phone="+16195550142", message="private")
    notifications.callback_request_notify(request.pk)
    message = mail.outbox[0]
    assert "Name: Sam Lee" in message.body
    assert "Phone: 619-555-0142" in message.body
    assert "private" not in message.body
    assert "Sam" not in message.subject


def test_the_admin_link_uses_http_only_under_debug(settings, site_domain):
    settings.DEBUG = True
    request = CallbackRequestFactory()
    notifications.callback_request_notify(request.pk)
    assert "http://recovery.example.org/admin/" in mail.outbox[0].body


def test_the_admin_link_names_the_port_make_run_serves(settings, site_domain):
    """`make run PORT=8141` sets DJANGO_SITE_DOMAIN; a Sites record left by an earlier
    run on another port does not matter."""
    from django.contrib.sites.models import Site

    settings.DEBUG = True
    settings.SITE_DOMAIN = "127.0.0.1:8141"
    Site.objects.filter(pk=1).update(domain="127.0.0.1:8000")
    Site.objects.clear_cache()
    request = CallbackRequestFactory()
    notifications.callback_request_notify(request.pk)
    assert f"http://127.0.0.1:8141/admin/contacts/callbackrequest/{request.pk}/change/" in (
        mail.outbox[0].body
    )


# The cron safety net


def test_pending_notifications_are_sent_by_the_command(mail_server):
    mail_server.fail_on = "send"
    first = CallbackRequestFactory()
    notifications.callback_request_notify(first.pk)
    first.refresh_from_db()
    assert first.notified_at is None

    mail_server.fail_on = None
    second = CallbackRequestFactory()
    already = CallbackRequestFactory(notified_at=timezone.now() - timedelta(minutes=5))
    call_command("send_pending_notifications", stdout=(out := _Output()))
    assert "Sent 2 of 2" in out.text
    assert sorted(m.subject for m in mail.outbox) == sorted(
        [f"New call-back request #{first.pk}", f"New call-back request #{second.pk}"]
    )
    assert not CallbackRequest.objects.filter(notified_at__isnull=True).exists()
    assert already.pk not in {int(m.subject.rsplit("#", 1)[1]) for m in mail.outbox}


def test_the_command_and_the_worker_together_send_each_email_once(client, task_worker):
    submit(client)
    call_command("send_pending_notifications", stdout=_Output())
    task_worker()
    assert len(mail.outbox) == 1


def test_running_the_command_twice_sends_each_email_once():
    CallbackRequestFactory.create_batch(3)
    call_command("send_pending_notifications", stdout=_Output())
    call_command("send_pending_notifications", stdout=(out := _Output()))
    assert len(mail.outbox) == 3
    assert "Sent 0 of 0" in out.text


def test_the_command_keeps_failures_for_the_next_run(mail_server):
    mail_server.fail_on = "send"
    CallbackRequestFactory.create_batch(2)
    call_command("send_pending_notifications", stdout=(out := _Output()))
    assert "Sent 0 of 2" in out.text
    assert CallbackRequest.objects.filter(notified_at__isnull=True).count() == 2


def test_without_recipients_nothing_is_sent_or_marked(settings, task_worker):
    settings.CALLBACK_NOTIFY_EMAILS = []
    request = CallbackRequestFactory()
    assert not notifications.callback_request_notify(request.pk)
    tasks.notify_staff.enqueue(request.pk)
    task_worker()
    call_command("send_pending_notifications", stdout=_Output(), stderr=(err := _Output()))
    assert "DJANGO_CALLBACK_NOTIFY_EMAILS" in err.text
    request.refresh_from_db()
    assert request.notified_at is None
    assert mail.outbox == []


class _Output:
    def __init__(self):
        self.text = ""

    def write(self, value):
        self.text += value

    def flush(self):
        pass


def test_a_database_away_for_a_moment_after_the_send_is_waited_for(mail_server, monkeypatch):
    """A PostgreSQL restart just after the mail server accepted: recorded, not resent."""
    from django.db import OperationalError
    from django.db.models import QuerySet

    monkeypatch.setattr(notifications, "RECORD_RETRY_PAUSE", 0)
    real_update = QuerySet.update
    failures = []

    def update(self, **kwargs):
        if "notified_at" in kwargs and len(failures) < 2:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update)
    request = CallbackRequestFactory()
    assert notifications.callback_request_notify(request.pk)
    request.refresh_from_db()
    assert request.notified_at is not None
    assert len(failures) == 2
    assert not notifications.callback_request_notify(request.pk)
    assert len(mail_server.sent) == 1


def test_a_database_that_stays_away_leaves_the_claim_to_run_out(mail_server, monkeypatch, caplog):
    from django.db import OperationalError
    from django.db.models import QuerySet

    monkeypatch.setattr(notifications, "RECORD_RETRY_SECONDS", 0)
    real_update = QuerySet.update

    def update(self, **kwargs):
        if "notified_at" in kwargs:
            raise OperationalError("server closed the connection unexpectedly")
        return real_update(self, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update)
    request = CallbackRequestFactory()
    with pytest.raises(OperationalError):
        notifications.callback_request_notify(request.pk)
    request.refresh_from_db()
    assert request.notified_at is None
    assert request.notify_claimed_until is not None, "not released: no second email at once"
    assert "the email went but could not be recorded" in caplog.text
