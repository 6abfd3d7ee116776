"""Speed-to-lead numbers for the admin dashboard.

Computed in Python from bounded queries (30 days, a few weeks), so SQLite and
PostgreSQL give the same answers without database-specific date functions, and in the
centre's time zone (settings.TIME_ZONE).
"""

import math
from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from django.db.models import Count, Sum
from django.urls import Resolver404, resolve
from django.utils import timezone

from contacts.models import CallAttempt, CallbackRequest, SpamTrapCount, short_duration

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PAGES_LIMIT = 12

DAYS = 30
WEEKS = 8
WAITING_LIMIT = 10
# Attempts are counted one by one up to this many; more go in a last "or more" row.
ATTEMPTS_SHOWN = 5


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


def _since_monday(now, weeks):
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)


def within_target_by_week(now, weeks=WEEKS):
    """Per week (Monday first) of requests received: how many were first reached by
    their due time, how many after it, how many are still waiting past it, and the share
    reached within target of those whose due time has come. Requests not yet due (and
    any stored without a due time) are left out of the share; spam is not counted."""
    first_monday = _since_monday(now, weeks)
    rows = _counted().filter(created_at__gte=_start_of(first_monday), created_at__lte=now)
    tally = defaultdict(Counter)
    for created, due, first_contact in rows.values_list(
        "created_at", "first_contact_due_at", "first_contact_at"
    ):
        day = timezone.localdate(created)
        week = tally[day - timedelta(days=day.weekday())]
        week["received"] += 1
        if due is None:
            week["no_due"] += 1
        elif first_contact is not None:
            week["in_time" if first_contact <= due else "late"] += 1
        elif due < now:
            week["overdue"] += 1
        else:
            week["not_yet_due"] += 1
    result = []
    for i in range(weeks):
        week = first_monday + timedelta(weeks=i)
        counts = tally[week]
        judged = counts["in_time"] + counts["late"] + counts["overdue"]
        result.append(
            {
                "week": week,
                "received": counts["received"],
                "in_time": counts["in_time"],
                "late": counts["late"],
                "overdue": counts["overdue"],
                "not_yet_due": counts["not_yet_due"],
                "share": 100 * counts["in_time"] / judged if judged else None,
            }
        )
    return result


def first_contact_by_time_received(now, weeks=WEEKS):
    """Minutes from received to first contact by the local hour of day and by the day of
    the week the request arrived (median, 90th percentile and how many), over `weeks`
    weeks: when does the team answer slowly? Requests not yet reached are left out."""
    first_monday = _since_monday(now, weeks)
    rows = _counted().filter(
        created_at__gte=_start_of(first_monday),
        created_at__lte=now,
        first_contact_at__isnull=False,
    )
    by_hour, by_day = defaultdict(list), defaultdict(list)
    for created, first_contact in rows.values_list("created_at", "first_contact_at"):
        local = timezone.localtime(created)
        minutes = max((first_contact - created).total_seconds() / 60, 0)
        by_hour[local.hour].append(minutes)
        by_day[local.weekday()].append(minutes)

    def summary(label, values):
        return {
            "label": label,
            "count": len(values),
            "median": percentile(values, 0.5),
            "p90": percentile(values, 0.9),
        }

    return (
        [summary(f"{hour:02d}", by_hour[hour]) for hour in range(24)],
        [summary(WEEKDAY_NAMES[day], by_day[day]) for day in range(7)],
    )


def attempts_to_connect(now, weeks=WEEKS):
    """How many calls it took to reach people, over the requests received in the last
    `weeks` weeks (spam left out): per number of attempts (the last row is "or more"),
    how many requests were connected on that attempt, and how many were tried that many
    times and not reached yet. A wrong number ends the tries without a connection and is
    counted apart; requests nobody has called yet are left out."""
    first_monday = _since_monday(now, weeks)
    attempts = (
        CallAttempt.objects.filter(
            request__in=_counted().filter(
                created_at__gte=_start_of(first_monday), created_at__lte=now
            ),
            created_at__lte=now,
        )
        .order_by("request_id", "created_at", "pk")
        .values_list("request_id", "outcome")
    )
    tried, outcome_of = Counter(), {}
    for request_id, outcome in attempts:
        if request_id in outcome_of:
            continue  # already connected or a wrong number: later calls do not count
        tried[request_id] += 1
        if outcome in (CallAttempt.Outcome.CONNECTED, CallAttempt.Outcome.WRONG_NUMBER):
            outcome_of[request_id] = outcome
    connected, waiting = Counter(), Counter()
    wrong_numbers = 0
    for request_id, count in tried.items():
        bucket = min(count, ATTEMPTS_SHOWN)
        outcome = outcome_of.get(request_id)
        if outcome == CallAttempt.Outcome.CONNECTED:
            connected[bucket] += 1
        elif outcome == CallAttempt.Outcome.WRONG_NUMBER:
            wrong_numbers += 1
        else:
            waiting[bucket] += 1
    reached = [
        count
        for request_id, count in tried.items()
        if outcome_of.get(request_id) == CallAttempt.Outcome.CONNECTED
    ]
    total_connected = len(reached)
    rows = []
    for attempts_made in range(1, ATTEMPTS_SHOWN + 1):
        rows.append(
            {
                "label": f"{attempts_made} or more"
                if attempts_made == ATTEMPTS_SHOWN
                else str(attempts_made),
                "connected": connected[attempts_made],
                "share": 100 * connected[attempts_made] / total_connected
                if total_connected
                else None,
                "not_reached": waiting[attempts_made],
            }
        )
    return {
        "rows": rows,
        "connected": total_connected,
        "median": percentile(reached, 0.5),
        "wrong_numbers": wrong_numbers,
        "not_reached": sum(waiting.values()),
    }


def page_title(path, titles):
    """What the page at `path` is called, when it is a published article or page of this
    site, the home page or the call-back form; else None. `titles` maps (kind, slug)
    to titles, read beforehand in one query per kind."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in ("articles:detail", "pages:detail"):
        return titles.get((match.view_name, match.kwargs.get("slug")))
    return {"home": "Home page", "contacts:callback": "Call-back form"}.get(match.view_name)


def requests_by_page(now, days=DAYS, limit=PAGES_LIMIT):
    """The pages people asked from over the last `days` local days, most first: which
    articles lead people to ask for help. Spam is not counted. Titles are shown only
    for what the public can read (published articles and pages): a draft's title is
    not the Intake team's to see."""
    from articles.models import Article
    from pages.models import Page

    first_day = timezone.localdate(now) - timedelta(days=days - 1)
    received = _counted().filter(created_at__gte=_start_of(first_day), created_at__lte=now)
    counts = list(
        received.values("source_path")
        .annotate(requests=Count("pk"))
        .order_by("-requests", "source_path")[:limit]
    )
    total = received.count()
    slugs = defaultdict(set)
    for row in counts:
        try:
            match = resolve(row["source_path"] or "/")
        except Resolver404:
            continue
        if match.view_name in ("articles:detail", "pages:detail"):
            slugs[match.view_name].add(match.kwargs.get("slug"))
    titles = {}
    for view_name, model in (("articles:detail", Article), ("pages:detail", Page)):
        if slugs[view_name]:
            published = model.objects.published().filter(slug__in=slugs[view_name])
            titles.update(
                ((view_name, slug), title) for slug, title in published.values_list("slug", "title")
            )
    return {
        "total": total,
        "pages": [
            {
                "path": row["source_path"] or "(not known)",
                "title": page_title(row["source_path"], titles) if row["source_path"] else None,
                "requests": row["requests"],
                "share": 100 * row["requests"] / total if total else 0,
            }
            for row in counts
        ],
    }


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


def bar_chart(labels, series, *, width=640, height=200, gap=2, scale_max=None):
    """Geometry for a grouped bar chart drawn as inline SVG by the template.

    series: [(name, css_class, values)], values aligned with labels (None: no bar).
    scale_max: the top of the scale (100 for percentages); by default from the data.
    """
    top, bottom, left, right = 12, 24, 36, 4
    plot_width = width - left - right
    plot_height = height - top - bottom
    peak = max((v for _, _, values in series for v in values if v is not None), default=0)
    scale_max = scale_max or _nice_ceiling(peak)
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


def row_chart(rows, *, width=640, row_height=34, bar_height=12):
    """Geometry for a chart of one labelled horizontal bar per row (label above its bar,
    so long page titles fit a phone), drawn as inline SVG by the template.

    rows: [(label, value, value_text)].
    """
    peak = max((value for _, value, _ in rows), default=0)
    bars = []
    for index, (label, value, value_text) in enumerate(rows):
        top = index * row_height
        bars.append(
            {
                "label": label,
                "label_y": top + 13,
                "y": top + 17,
                "width": round((width - 60) * value / peak, 1) if peak else 0,
                "height": bar_height,
                "value_text": value_text,
                "value_x": round((width - 60) * value / peak, 1) + 6 if peak else 6,
                "value_y": top + 17 + bar_height - 2,
            }
        )
    return {"width": width, "height": max(len(rows) * row_height, row_height), "bars": bars}


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
    target_weeks = within_target_by_week(now)
    by_hour, by_day = first_contact_by_time_received(now)
    pages = requests_by_page(now)
    attempts = attempts_to_connect(now)
    return {
        "attempts": attempts,
        "attempts_chart": bar_chart(
            [row["label"] for row in attempts["rows"]],
            [
                (
                    "connected on this attempt",
                    "bar--requests",
                    [row["connected"] for row in attempts["rows"]],
                )
            ],
        ),
        "target_weeks": target_weeks,
        "target_weeks_chart": bar_chart(
            [f"{week['week']:%b} {week['week'].day}" for week in target_weeks],
            [("% reached within target", "bar--share", [w["share"] for w in target_weeks])],
            scale_max=100,
        ),
        "by_hour": by_hour,
        "by_hour_chart": bar_chart(
            [row["label"] for row in by_hour],
            [("median minutes", "bar--median", [row["median"] for row in by_hour])],
        ),
        "by_day": by_day,
        "by_day_chart": bar_chart(
            [row["label"] for row in by_day],
            [
                ("median minutes", "bar--median", [row["median"] for row in by_day]),
                ("90th percentile minutes", "bar--p90", [row["p90"] for row in by_day]),
            ],
        ),
        "pages": pages,
        "pages_chart": row_chart(
            [
                (row["title"] or row["path"], row["requests"], str(row["requests"]))
                for row in pages["pages"]
            ]
        ),
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
