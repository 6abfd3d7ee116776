"""The speed-to-lead dashboard's numbers on known data."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from contacts import dashboard
from contacts.models import SpamTrapCount
from tests.factories import CallbackRequestFactory

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
# Thursday 20 November 2026, noon in the centre's time zone.
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=LA)


def received(at, contacted_after=None, **kwargs):
    first_contact = at + timedelta(minutes=contacted_after) if contacted_after is not None else None
    status = "attempted" if contacted_after is not None else "new"
    return CallbackRequestFactory(
        created_at=at, first_contact_at=first_contact, status=kwargs.pop("status", status), **kwargs
    )


@pytest.mark.parametrize(
    ("values", "fraction", "expected"),
    [
        ([], 0.5, None),
        ([7], 0.5, 7),
        ([7], 0.9, 7),
        ([1, 2, 3, 4], 0.5, 2.5),
        ([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9, 91),
        ([5, 1, 3], 0.5, 3),
    ],
)
def test_percentile(values, fraction, expected):
    assert dashboard.percentile(values, fraction) == expected


def test_requests_per_day_counts_local_days_and_leaves_out_spam():
    received(datetime(2026, 11, 20, 0, 30, tzinfo=LA))  # today, just after local midnight
    received(datetime(2026, 11, 19, 23, 30, tzinfo=LA))  # yesterday (already the 20th in UTC)
    received(datetime(2026, 11, 19, 9, 0, tzinfo=LA))
    received(datetime(2026, 11, 19, 10, 0, tzinfo=LA), status="spam")
    received(datetime(2026, 10, 22, 0, 30, tzinfo=LA))  # the first of the 30 days shown
    received(datetime(2026, 10, 21, 23, 0, tzinfo=LA))  # the day before: outside
    days = dashboard.requests_per_day(NOW)
    assert len(days) == 30
    assert days[0] == (date(2026, 10, 22), 1)
    assert days[-1] == (date(2026, 11, 20), 1)
    assert dict(days)[date(2026, 11, 19)] == 2
    assert sum(count for _, count in days) == 4


def test_response_times_by_week_median_and_90th_percentile():
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=LA)  # this week
    for i, minutes in enumerate([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]):
        received(monday + timedelta(hours=i), contacted_after=minutes)
    received(monday + timedelta(days=1), contacted_after=None)  # still waiting
    received(monday + timedelta(days=2), contacted_after=1, status="spam")  # left out
    last_week = datetime(2026, 11, 10, 9, 0, tzinfo=LA)
    received(last_week, contacted_after=30)
    received(last_week + timedelta(hours=1), contacted_after=90)

    weeks = dashboard.response_times_by_week(NOW)
    assert len(weeks) == 8
    this, previous = weeks[-1], weeks[-2]
    assert this["week"] == date(2026, 11, 16)
    assert (this["received"], this["contacted"], this["not_contacted"]) == (11, 10, 1)
    assert this["median"] == 11
    assert this["p90"] == pytest.approx(18.2)
    assert previous["week"] == date(2026, 11, 9)
    assert previous["median"] == 60
    assert previous["p90"] == 84
    assert weeks[0]["median"] is None
    assert weeks[0]["week"] == date(2026, 9, 28)


def test_waiting_longest_lists_new_requests_oldest_first():
    oldest = received(NOW - timedelta(hours=5))
    newer = received(NOW - timedelta(minutes=12))
    received(NOW - timedelta(days=1), contacted_after=3)
    waiting = dashboard.waiting_longest(NOW)
    assert [(r.pk, text) for r, text in waiting] == [(oldest.pk, "5 h"), (newer.pk, "12 min")]


def test_bar_chart_geometry():
    chart = dashboard.bar_chart(["a", "b"], [("n", "bar", [5, None])], width=100, height=100)
    assert len(chart["bars"]) == 1
    bar = chart["bars"][0]
    assert bar["height"] == 40  # 5 of a scale of 8 (64 px of plot)
    assert bar["y"] == 36
    assert bar["title"] == "a: n 5"


def test_small_counts_get_whole_number_grid_labels():
    chart = dashboard.bar_chart(["a", "b"], [("n", "bar", [5, 3])])
    assert [line["label"] for line in chart["grid"]] == ["2", "4", "6", "8"]


def test_bar_chart_of_nothing():
    chart = dashboard.bar_chart(["a"], [("n", "bar", [0])])
    assert chart["bars"][0]["height"] == 0


def test_dashboard_page_renders_svg_charts_without_scripts(admin_client):
    with time_machine.travel(NOW, tick=False):
        received(NOW - timedelta(minutes=12))
        received(NOW - timedelta(days=2), contacted_after=7)
        response = admin_client.get("/admin/contacts/callbackrequest/dashboard/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg class="stl-chart" role="img"') == 5
    assert html.count('<svg class="stl-chart stl-rows" role="img"') == 1
    assert "<rect" in html
    assert "New requests waiting longest" in html
    assert "12 min" in html
    assert "<script" not in html.split('<div id="content-main">', 1)[1]


def test_dashboard_is_for_staff_only(client):
    response = client.get("/admin/contacts/callbackrequest/dashboard/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_the_dashboard_counts_what_the_spam_traps_did(intake_client):
    SpamTrapCount.objects.create(day=timezone.localdate(), count=7)
    CallbackRequestFactory(sent_fast=True)
    CallbackRequestFactory(sent_fast=True, status="attempted")
    html = intake_client.get("/admin/contacts/callbackrequest/dashboard/").content.decode()
    assert "Caught by the hidden field and discarded (bots)</th><td>7</td>" in html
    assert "?sent_fast__exact=1" in html
    assert ">2</a>" in html


# Within target, by week


def due_received(at, due_after, contacted_after=None, **kwargs):
    return received(
        at, contacted_after, first_contact_due_at=at + timedelta(minutes=due_after), **kwargs
    )


def test_share_reached_within_target_per_week():
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=LA)
    due_received(monday, 15, contacted_after=10)  # in time
    due_received(monday, 15, contacted_after=15)  # in time, just
    due_received(monday, 15, contacted_after=16)  # late
    due_received(monday, 15)  # still waiting, past due: counts against
    due_received(NOW - timedelta(minutes=5), 15)  # not due yet: not judged
    due_received(monday, 15, contacted_after=1, status="spam")  # not counted
    due_received(monday - timedelta(weeks=1), 15, contacted_after=3)
    weeks = dashboard.within_target_by_week(NOW)
    this_week, last_week = weeks[-1], weeks[-2]
    assert this_week["week"] == date(2026, 11, 16)
    assert (this_week["received"], this_week["in_time"], this_week["late"]) == (5, 2, 1)
    assert (this_week["overdue"], this_week["not_yet_due"]) == (1, 1)
    assert this_week["share"] == 50
    assert (last_week["in_time"], last_week["share"]) == (1, 100)
    assert weeks[0]["share"] is None  # nothing judged: no share, not 0%


# First-contact time by hour and day


def test_first_contact_time_by_the_local_hour_and_day_a_request_arrived():
    tuesday_night = datetime(2026, 11, 17, 23, 30, tzinfo=LA)  # 07:30 Wednesday in UTC
    received(tuesday_night, contacted_after=500)
    received(tuesday_night + timedelta(minutes=10), contacted_after=300)
    received(datetime(2026, 11, 18, 9, 5, tzinfo=LA), contacted_after=4)
    received(datetime(2026, 11, 18, 9, 50, tzinfo=LA))  # not reached yet: left out
    by_hour, by_day = dashboard.first_contact_by_time_received(NOW)
    assert [row["label"] for row in by_hour][:2] == ["00", "01"] and len(by_hour) == 24
    assert (by_hour[23]["count"], by_hour[23]["median"]) == (2, 400)
    assert (by_hour[9]["count"], by_hour[9]["median"]) == (1, 4)
    assert by_hour[7]["count"] == 0 and by_hour[7]["median"] is None
    assert [row["label"] for row in by_day] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert (by_day[1]["count"], by_day[1]["median"]) == (2, 400)
    assert (by_day[2]["count"], by_day[2]["median"]) == (1, 4)


# Where people asked from


def test_requests_by_the_page_they_came_from_with_published_titles_only():
    from tests.factories import ArticleFactory

    with time_machine.travel(NOW, tick=False):
        published = ArticleFactory(title="Klonopin withdrawal", slug="klonopin")
        draft = ArticleFactory(title="Unannounced draft", slug="secret-draft", draft=True)
        for _ in range(3):
            received(NOW - timedelta(days=1), source_path=published.get_absolute_url())
        received(NOW - timedelta(days=1), source_path="/articles/secret-draft/")
        received(NOW - timedelta(days=2), source_path="/")
        received(NOW - timedelta(days=2), source_path="/no-such-page/")
        received(NOW - timedelta(days=2), source_path="/", status="spam")
        received(NOW - timedelta(days=40), source_path="/")  # too long ago
        pages = dashboard.requests_by_page(NOW)
    assert pages["total"] == 6
    rows = {row["path"]: row for row in pages["pages"]}
    assert list(rows)[0] == "/articles/klonopin/"
    assert rows["/articles/klonopin/"]["title"] == "Klonopin withdrawal"
    assert rows["/articles/klonopin/"]["requests"] == 3
    assert rows["/articles/klonopin/"]["share"] == 50
    assert rows["/articles/secret-draft/"]["title"] is None  # a draft's title stays hidden
    assert draft.title not in str(pages)
    assert rows["/"]["title"] == "Home page"
    assert rows["/no-such-page/"]["title"] is None


def test_the_dashboard_shows_the_target_and_where_people_asked_from(intake_client):
    with time_machine.travel(NOW, tick=False):
        received(NOW - timedelta(days=1), contacted_after=5, source_path="/call-back/")
        html = intake_client.get("/admin/contacts/callbackrequest/dashboard/").content.decode()
    assert "Reached within the first-contact target, by week" in html
    assert "The target is 15 minutes" in html
    assert "Call-back form" in html and "/call-back/" in html
    assert "Minutes to first contact by the hour a request arrived" in html


# Attempts needed to connect


def called(request, *outcomes, start=None):
    from contacts.models import CallAttempt

    start = start or request.created_at
    for minutes, outcome in enumerate(outcomes, start=1):
        CallAttempt.objects.create(
            request=request, outcome=outcome, created_at=start + timedelta(minutes=minutes)
        )


def test_attempts_needed_to_connect_counts_calls_up_to_the_first_connection():
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=LA)
    called(received(monday), "connected")
    called(received(monday), "no_answer", "connected", "connected")  # later calls not counted
    called(received(monday), "voicemail", "no_answer", "connected")
    called(
        received(monday),
        "no_answer",
        "no_answer",
        "no_answer",
        "no_answer",
        "no_answer",
        "connected",
    )
    called(received(monday), "no_answer", "voicemail")  # not reached yet, tried twice
    called(received(monday), "no_answer", "wrong_number")  # wrong number: apart
    received(monday)  # never called: left out
    called(received(monday, status="spam"), "connected")  # spam: left out
    called(received(monday - timedelta(weeks=9)), "connected")  # too long ago
    attempts = dashboard.attempts_to_connect(NOW)
    by_label = {row["label"]: row for row in attempts["rows"]}
    assert list(by_label) == ["1", "2", "3", "4", "5 or more"]
    assert [row["connected"] for row in attempts["rows"]] == [1, 1, 1, 0, 1]
    assert by_label["2"]["not_reached"] == 1
    assert by_label["1"]["share"] == 25
    assert attempts["connected"] == 4
    assert attempts["median"] == 2.5
    assert attempts["wrong_numbers"] == 1
    assert attempts["not_reached"] == 1


def test_attempts_with_nothing_logged():
    received(NOW - timedelta(days=1))
    attempts = dashboard.attempts_to_connect(NOW)
    assert attempts["connected"] == 0 and attempts["median"] is None
    assert all(row["share"] is None and row["connected"] == 0 for row in attempts["rows"])


def test_the_dashboard_shows_attempts_needed_with_a_table(intake_client):
    with time_machine.travel(NOW, tick=False):
        called(received(NOW - timedelta(days=1)), "no_answer", "connected")
        html = intake_client.get("/admin/contacts/callbackrequest/dashboard/").content.decode()
    assert "Calls it took to reach people" in html
    assert "1 connected, on call 2 in the middle (median)" in html
    assert "<td>5 or more</td>" in html
