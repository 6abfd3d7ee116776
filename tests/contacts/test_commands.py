"""Retention: purge_callbacks deletes only closed and spam requests past the retention."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from contacts.models import CallbackRequest, CallbackRequestEvent
from tests.factories import CallbackRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests(settings):
    settings.CALLBACK_RETENTION_DAYS = 180
    old = timezone.now() - timedelta(days=181)
    recent = timezone.now() - timedelta(days=179)
    made = {
        f"{status}-{age}": CallbackRequestFactory(status=status, created_at=when)
        for status in ("new", "attempted", "connected", "closed", "spam")
        for age, when in (("old", old), ("recent", recent))
    }
    for request in made.values():
        CallbackRequestEvent.objects.create(request=request, kind="created")
    return made


def run(*args):
    out = io.StringIO()
    call_command("purge_callbacks", *args, stdout=out)
    return out.getvalue()


def test_purge_deletes_old_closed_and_spam_requests_with_their_history(requests):
    output = run()
    assert "Deleted 1 closed and 1 spam call-back request(s)" in output
    assert "180 days" in output
    assert "2 history event(s)" in output
    left = set(CallbackRequest.objects.values_list("pk", flat=True))
    gone = {requests["closed-old"].pk, requests["spam-old"].pk}
    assert left == {r.pk for r in requests.values()} - gone
    assert not CallbackRequestEvent.objects.filter(request_id__in=gone).exists()


def test_purge_never_touches_open_requests_however_old(requests):
    run()
    for status in ("new", "attempted", "connected"):
        assert CallbackRequest.objects.filter(pk=requests[f"{status}-old"].pk).exists()


def test_dry_run_prints_counts_and_deletes_nothing(requests):
    output = run("--dry-run")
    assert "Would delete 1 closed and 1 spam" in output
    assert CallbackRequest.objects.count() == 10


def test_retention_is_read_from_the_settings(requests, settings):
    settings.CALLBACK_RETENTION_DAYS = 30
    assert "Deleted 2 closed and 2 spam" in run()


def test_requests_sent_fast_that_nobody_worked_are_purged_like_spam(settings):
    settings.CALLBACK_RETENTION_DAYS = 180
    old = timezone.now() - timedelta(days=181)
    unworked = CallbackRequestFactory(sent_fast=True, created_at=old)
    worked = CallbackRequestFactory(sent_fast=True, status="attempted", created_at=old)
    recent = CallbackRequestFactory(sent_fast=True)
    plain = CallbackRequestFactory(created_at=old)
    output = run()
    assert "and 1 sent fast that nobody worked" in output
    left = set(CallbackRequest.objects.values_list("pk", flat=True))
    assert left == {worked.pk, recent.pk, plain.pk}
    assert unworked.pk not in left
