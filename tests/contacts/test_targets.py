"""The first-contact target: due times counted within intake hours, and where each
request stands against it."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from contacts.models import CallbackRequest, ContactSettings
from contacts.targets import DUE_SOON, LATE, ON_TIME, WEEKDAYS, first_contact_due, standing
from tests.factories import CallbackRequestFactory

LA = ZoneInfo("America/Los_Angeles")


@pytest.fixture(autouse=True)
def _centre_time_zone(settings):
    settings.TIME_ZONE = "America/Los_Angeles"


def local(*args, zone=LA):
    return datetime(*args, tzinfo=zone)


def hours(**changes):
    """Contact settings with the default hours (8:00 to 20:00 every day), changed."""
    return ContactSettings(**changes)


def test_by_default_the_target_is_fifteen_minutes_between_eight_and_eight_every_day():
    contact = ContactSettings()
    assert contact.first_contact_target == 15
    assert not contact.open_all_hours
    assert (contact.tuesday_opens, contact.tuesday_closes) == (time(8), time(20))
    # Tuesday 1 December 2026, 10:00
    assert first_contact_due(local(2026, 12, 1, 10, 0), contact) == local(2026, 12, 1, 10, 15)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Open: fifteen minutes later.
        (local(2026, 12, 1, 8, 0), local(2026, 12, 1, 8, 15)),
        (local(2026, 12, 1, 19, 45), local(2026, 12, 1, 20, 0)),
        # Before opening: counted from the opening.
        (local(2026, 12, 1, 3, 12), local(2026, 12, 1, 8, 15)),
        # Near closing: five minutes today, ten tomorrow after opening.
        (local(2026, 12, 1, 19, 55), local(2026, 12, 2, 8, 10)),
        # After closing: from tomorrow's opening.
        (local(2026, 12, 1, 23, 59), local(2026, 12, 2, 8, 15)),
        (local(2026, 12, 1, 20, 0), local(2026, 12, 2, 8, 15)),
    ],
)
def test_the_target_is_counted_within_intake_hours(received, due):
    assert first_contact_due(received, hours()) == due


def test_a_request_on_a_closed_day_is_counted_from_the_next_opening():
    weekdays = hours(
        saturday_opens=None, saturday_closes=None, sunday_opens=None, sunday_closes=None
    )
    # Friday 4 December 2026, 19:50: ten minutes on Friday, five on Monday.
    assert first_contact_due(local(2026, 12, 4, 19, 50), weekdays) == local(2026, 12, 7, 8, 5)
    # Saturday afternoon: Monday 8:15.
    assert first_contact_due(local(2026, 12, 5, 15, 0), weekdays) == local(2026, 12, 7, 8, 15)


def test_closing_at_midnight_counts_until_the_end_of_the_day():
    late_shift = hours(monday_opens=time(18), monday_closes=time(0))
    # Monday 30 November 2026, 23:50: ten minutes before midnight, five from Tuesday 8:00.
    assert first_contact_due(local(2026, 11, 30, 23, 50), late_shift) == local(2026, 12, 1, 8, 5)
    assert first_contact_due(local(2026, 11, 30, 23, 0), late_shift) == local(2026, 11, 30, 23, 15)


def test_open_all_hours_is_received_plus_the_target():
    always = hours(open_all_hours=True, first_contact_target=30)
    assert first_contact_due(local(2026, 12, 1, 3, 0), always) == local(2026, 12, 1, 3, 30)


def test_a_longer_target_runs_over_several_days_of_hours():
    contact = hours(first_contact_target=13 * 60)  # more than one day's 12 hours
    assert first_contact_due(local(2026, 12, 1, 8, 0), contact) == local(2026, 12, 2, 9, 0)


def test_minutes_are_real_minutes_across_a_change_of_clocks():
    # Sunday 8 March 2026: at 2:00 Pacific Standard Time clocks go to 3:00 daylight time.
    night = hours(sunday_opens=time(1), sunday_closes=time(6))
    received = local(2026, 3, 8, 1, 50)
    due = first_contact_due(received, night)
    assert due - received == timedelta(minutes=15)
    assert due.astimezone(LA).replace(tzinfo=None) == datetime(2026, 3, 8, 3, 5)


def test_hours_are_the_centres_local_hours(settings):
    settings.TIME_ZONE = "America/New_York"
    received = local(2026, 12, 1, 6, 0)  # 9:00 in New York, open there
    assert first_contact_due(received, hours()) == received + timedelta(minutes=15)
    settings.TIME_ZONE = "America/Los_Angeles"  # 6:00 in Los Angeles, closed
    assert first_contact_due(received, hours()) == local(2026, 12, 1, 8, 15)


# Where a request stands


def request_due(due, first_contact_at=None, status="new"):
    return CallbackRequest(
        first_contact_due_at=due, first_contact_at=first_contact_at, status=status
    )


@pytest.mark.parametrize(
    ("minutes_left", "expected"),
    [(14, ON_TIME), (6, ON_TIME), (5, DUE_SOON), (0, DUE_SOON), (-1, LATE)],
)
def test_a_waiting_request_is_on_time_then_due_soon_then_late(minutes_left, expected):
    """Due soon once less than a third of the target is left (5 minutes of 15)."""
    now = local(2026, 12, 1, 10, 0)
    due = now + timedelta(minutes=minutes_left)
    assert standing(request_due(due), now, 15) == expected


def test_due_soon_scales_with_the_target():
    now = local(2026, 12, 1, 10, 0)
    assert standing(request_due(now + timedelta(minutes=15)), now, 60) == DUE_SOON


def test_a_contacted_request_was_on_time_or_late_whatever_the_time_now():
    due = local(2026, 12, 1, 10, 15)
    later = local(2026, 12, 9)
    assert standing(request_due(due, due, "attempted"), later, 15) == ON_TIME
    late = request_due(due, due + timedelta(seconds=1), "connected")
    assert standing(late, later, 15) == LATE


def test_spam_and_requests_without_a_due_time_have_no_standing():
    now = local(2026, 12, 1, 10, 0)
    assert standing(request_due(now - timedelta(hours=1), status="spam"), now, 15) is None
    assert standing(request_due(None), now, 15) is None


# Stored with each request


@pytest.mark.django_db
def test_a_stored_request_keeps_the_due_time_of_the_target_in_force_when_it_arrived():
    contact = ContactSettings.objects.get_or_create(pk=1)[0]
    contact.open_all_hours = True
    contact.save()
    received = local(2026, 12, 1, 3, 0)
    first = CallbackRequestFactory(created_at=received)
    assert first.first_contact_due_at == received + timedelta(minutes=15)
    contact.open_all_hours = False
    contact.first_contact_target = 30
    contact.save()
    second = CallbackRequestFactory(created_at=received)
    assert second.first_contact_due_at == local(2026, 12, 1, 8, 30)
    first.refresh_from_db()
    assert first.first_contact_due_at == received + timedelta(minutes=15)
    first.status = "attempted"
    first.save()
    first.refresh_from_db()
    assert first.first_contact_due_at == received + timedelta(minutes=15)


# The settings that define it


def valid(**changes):
    contact = ContactSettings(phone="858-888-0101", **changes)
    contact.full_clean()
    return contact


def test_hours_need_both_times_or_neither():
    with pytest.raises(ValidationError) as refused:
        valid(monday_closes=None)
    assert "monday_closes" in refused.value.message_dict
    assert valid(monday_opens=None, monday_closes=None).monday_opens is None


def test_a_day_cannot_close_before_it_opens_but_may_close_at_midnight():
    with pytest.raises(ValidationError) as refused:
        valid(friday_opens=time(20), friday_closes=time(8))
    assert "friday_closes" in refused.value.message_dict
    assert valid(friday_opens=time(20), friday_closes=time(0)).friday_closes == time(0)


def test_intake_must_have_some_hours_or_be_open_all_hours():
    closed = {f"{day}_{end}": None for day in WEEKDAYS for end in ("opens", "closes")}
    with pytest.raises(ValidationError) as refused:
        valid(**closed)
    assert "open_all_hours" in refused.value.message_dict
    assert valid(open_all_hours=True, **closed).open_all_hours


def test_the_target_is_at_least_a_minute():
    with pytest.raises(ValidationError) as refused:
        valid(first_contact_target=0)
    assert "first_contact_target" in refused.value.message_dict
