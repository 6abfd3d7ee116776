"""The first-contact target: when a call-back request is due, and whether it was met.

A request is due `first_contact_target` minutes after it arrived, counted within the
intake hours of the contact settings, in the centre's time zone (settings.TIME_ZONE):
one received while intake is closed is counted from the next opening. With the line
open 24/7 it is simply received + target.

The due time is computed once, when the request is stored (CallbackRequest.save()), so
the list sorts and filters on a column, and a request is judged by the target and hours
in force when it arrived, whatever they are changed to later.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from itertools import count

from django.utils import timezone

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "Due soon" once less than this share of the target is left (5 minutes of 15).
DUE_SOON_SHARE = 1 / 3


def opening_hours(contact, weekday):
    """(opens, closes) local times on a weekday (0 is Monday), or None when closed.

    A closing time of 00:00 is midnight at the end of the day.
    """
    opens = getattr(contact, f"{WEEKDAYS[weekday]}_opens")
    closes = getattr(contact, f"{WEEKDAYS[weekday]}_closes")
    if opens is None or closes is None:
        return None
    return opens, closes


def _window(day, opens, closes, zone):
    """The day's opening hours as two aware datetimes (real durations apart, across a
    change of clocks too)."""
    start = datetime.combine(day, opens, tzinfo=zone)
    end = (
        datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
        if closes == time.min
        else datetime.combine(day, closes, tzinfo=zone)
    )
    return start.astimezone(UTC), end.astimezone(UTC)


def first_contact_due(received, contact):
    """When a request received at `received` must have been first contacted."""
    target = timedelta(minutes=contact.first_contact_target)
    # Arithmetic in UTC: Python adds to a local time by the wall clock.
    received = received.astimezone(UTC)
    if contact.open_all_hours:
        return received + target
    zone = timezone.get_default_timezone()
    first_day = timezone.localtime(received, zone).date()
    remaining = target
    moment = received
    for offset in count():
        day = first_day + timedelta(days=offset)
        hours = opening_hours(contact, day.weekday())
        if hours is None:
            if offset >= 7 and remaining == target:
                return received + target  # never open: nothing to count within
            continue
        opens, closes = _window(day, *hours, zone)
        if closes <= moment:
            continue
        start = max(moment, opens)
        if remaining <= closes - start:
            return start + remaining
        remaining -= closes - start
        moment = closes
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Standing:
    """Where a request stands against its target, as the list and the page show it."""

    key: str  # on_time, due_soon, late
    label: str

    @property
    def css_class(self):
        return f"target target--{self.key.replace('_', '-')}"


ON_TIME = Standing("on_time", "on time")
DUE_SOON = Standing("due_soon", "due soon")
LATE = Standing("late", "late")


def standing(callback_request, now, target_minutes):
    """On time, due soon or late; None for spam, and for a request stored without a
    due time.

    A request first contacted by its due time was on time, after it late. One still
    waiting is late once its due time has passed, due soon when less than a third of
    its target is left.
    """
    due = callback_request.first_contact_due_at
    if due is None or callback_request.status == callback_request.Status.SPAM:
        return None
    if callback_request.first_contact_at is not None:
        return ON_TIME if callback_request.first_contact_at <= due else LATE
    if now > due:
        return LATE
    soon = timedelta(minutes=target_minutes * DUE_SOON_SHARE)
    return DUE_SOON if due - now <= soon else ON_TIME
