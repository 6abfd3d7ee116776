"""Speed-to-lead numbers for the admin dashboard.

Computed in Python from bounded queries (30 days, a few weeks), so SQLite and
PostgreSQL give the same answers without database-specific date functions.
"""

import math
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Sum
from django.utils import timezone

from contacts.models import CallbackRequest, SpamTrapCount, short_duration

DAYS = 30
WEEKS = 8
WAITING_LIMIT = 10


def percentile(values, fraction):
    """Linear interpolation between the closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * fraction
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _counted():
    return CallbackRequest.objects.exclude(status=CallbackRequest.Status.SPAM)


def requests_per_day(now, days=DAYS):
    """[(date, count)] for the last `days` local days, today last; spam not counted."""
    first_day = timezone.localdate(now) - timedelta(days=days - 1)
    received = _counted().filter(created_at__gte=_start_of(first_day), created_at__lte=now)
    counts = Counter(
        timezone.localdate(created) for created in received.values_list("created_at", flat=True)
    )
    return [
        (first_day + timedelta(days=i), counts[first_day + timedelta(days=i)]) for i in range(days)
    ]


def response_times_by_week(now, weeks=WEEKS):
    """Per week (Monday first): requests, median and 90th percentile minutes to first contact,
    and how many were still not contacted."""
    today = timezone.localdate(now)
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    minutes = defaultdict(list)
    received = Counter()
    waiting = Counter()
    rows = _counted().filter(created_at__gte=_start_of(first_monday), created_at__lte=now)
    for created, first_contact in rows.values_list("created_at", "first_contact_at"):
        day = timezone.localdate(created)
        week = day - timedelta(days=day.weekday())
        received[week] += 1
        if first_contact is None:
            waiting[week] += 1
        else:
            minutes[week].append(max((first_contact - created).total_seconds() / 60, 0))
    result = []
    for i in range(weeks):
        week = first_monday + timedelta(weeks=i)
        result.append(
            {
                "week": week,
                "received": received[week],
                "contacted": len(minutes[week]),
                "not_contacted": waiting[week],
                "median": percentile(minutes[week], 0.5),
                "p90": percentile(minutes[week], 0.9),
            }
        )
    return result


def waiting_longest(now, limit=WAITING_LIMIT):
    waiting = (
        CallbackRequest.objects.filter(status=CallbackRequest.Status.NEW)
        .select_related("assigned_to")
        .order_by("created_at")[:limit]
    )
    return [(item, short_duration(now - item.created_at)) for item in waiting]


def screening(now, days=DAYS):
    """What the spam traps did over the last `days` local days: submissions the honeypot
    discarded, and requests stored but flagged as sent fast."""
    first_day = timezone.localdate(now) - timedelta(days=days - 1)
    caught = SpamTrapCount.objects.filter(day__gte=first_day).aggregate(total=Sum("count"))
    sent_fast = CallbackRequest.objects.filter(
        sent_fast=True, created_at__gte=_start_of(first_day), created_at__lte=now
    )
    return {
        "honeypot": caught["total"] or 0,
        "sent_fast": sent_fast.count(),
        "sent_fast_waiting": sent_fast.filter(status=CallbackRequest.Status.NEW).count(),
    }


def bar_chart(labels, series, *, width=640, height=200, gap=2):
    """Geometry for a grouped bar chart drawn as inline SVG by the template.

    series: [(name, css_class, values)], values aligned with labels (None: no bar).
    """
    top, bottom, left, right = 12, 24, 36, 4
    plot_width = width - left - right
    plot_height = height - top - bottom
    peak = max((v for _, _, values in series for v in values if v is not None), default=0)
    scale_max = _nice_ceiling(peak)
    if 0 < scale_max < 20:
        # Small counts: a multiple of the four grid steps, so every label is a whole number.
        scale_max = 4 * math.ceil(peak / 4)
    slot = plot_width / max(len(labels), 1)
    bar_width = max((slot - gap * 2) / max(len(series), 1), 1)
    bars = []
    for index, label in enumerate(labels):
        for position, (name, css_class, values) in enumerate(series):
            value = values[index]
            if value is None:
                continue
            bar_height = plot_height * value / scale_max if scale_max else 0
            bars.append(
                {
                    "x": round(left + index * slot + gap + position * bar_width, 1),
                    "y": round(top + plot_height - bar_height, 1),
                    "width": round(bar_width, 1),
                    "height": round(bar_height, 1),
                    "css_class": css_class,
                    "title": f"{label}: {name} {_format(value)}",
                }
            )
    every = max(math.ceil(len(labels) / 8), 1)
    return {
        "width": width,
        "height": height,
        "bars": bars,
        "baseline": top + plot_height,
        "left": left,
        "right": width - right,
        "grid": [
            {
                "y": round(top + plot_height * (1 - step / 4), 1),
                "label": _format(scale_max * step / 4),
            }
            for step in range(1, 5)
        ],
        "x_labels": [
            {"x": round(left + index * slot + slot / 2, 1), "label": label}
            for index, label in enumerate(labels)
            if index % every == 0
        ],
        "legend": [{"name": name, "css_class": css_class} for name, css_class, _ in series],
    }


def _nice_ceiling(value):
    if value <= 0:
        return 0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _format(value):
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def dashboard_context(now):
    days = requests_per_day(now)
    weeks = response_times_by_week(now)
    return {
        "days": days,
        "weeks": weeks,
        "waiting": waiting_longest(now),
        "screening": screening(now),
        "days_chart": bar_chart(
            [f"{day:%b} {day.day}" for day, _ in days],
            [("requests", "bar--requests", [count for _, count in days])],
        ),
        "weeks_chart": bar_chart(
            [f"{week['week']:%b} {week['week'].day}" for week in weeks],
            [
                ("median minutes", "bar--median", [week["median"] for week in weeks]),
                ("90th percentile minutes", "bar--p90", [week["p90"] for week in weeks]),
            ],
        ),
    }
