"""How the front desk is doing: every figure of a seeded set of requests and calls, exactly.

The clock stands at Thursday, December 3, 2026, 3:00 p.m. in the clinic (EST, UTC-5).
Today starts at midnight, this week at midnight on Monday, November 30, and the last
30 days at 3:00 p.m. on Tuesday, November 3. The requests sit on those edges, over a
weekend and across midnight in UTC (11:59 p.m. in the clinic is 4:59 a.m. UTC, the
next day there).
"""

import csv
import io
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from appointments import service_figures
from appointments.figures_views import CSV_COLUMNS, figures_csv_text
from appointments.models import CallAttempt, CallbackRequest
from appointments.service_figures import (
    Figures,
    front_desk_figures,
    minutes_in_words,
    periods_at,
)
from tests.appointments.factories import make_callback_request

CLINIC = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 3, 15, 0, tzinfo=CLINIC)
HAMPDEN = {"state": "MA", "county": "Hampden"}
HAMPSHIRE = {"state": "MA", "county": "Hampshire"}
HARTFORD = {"state": "CT", "county": "Hartford"}
WORCESTER = {"state": "MA", "county": "Worcester"}  # outside the service area

# The service area (appointments/migrations/0002), by state then name, then Worcester.
COUNTIES = [
    "Hartford, CT",
    "Litchfield, CT",
    "Tolland, CT",
    "Windham, CT",
    "Berkshire, MA",
    "Franklin, MA",
    "Hampden, MA",
    "Hampshire, MA",
    "Worcester, MA",
]


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in the clinic's time, in 2026."""
    return datetime(2026, month, day, hour, minute, tzinfo=CLINIC)


def request(received_at: datetime, place: dict, *calls: datetime, **fields) -> CallbackRequest:
    """A request received then (due one business day later), with calls made at `calls`."""
    made = make_callback_request(received_at=received_at, **place, **fields)
    for made_at in calls:
        CallAttempt.objects.create(callback_request=made, made_at=made_at, outcome="no_answer")
    return made


@pytest.fixture
def seeded(db):
    """Twelve requests; the comment says when each is due and what its first call was."""
    # A: today; due Fri 9:00; called 1 h 30 min later: in time.
    request(at(12, 3, 9), HAMPDEN, at(12, 3, 10, 30))
    # B: the first minute of today; due Fri 0:00; not called: not due yet.
    request(at(12, 3, 0), HAMPDEN)
    # C: the last minute of yesterday (Dec 3, 4:59 UTC); called 8 h 1 min later: in time.
    request(at(12, 2, 23, 59), HAMPDEN, at(12, 3, 8))
    # D: Friday before this week; due Monday 10:00; first call Monday 9:00 (71 h): in time.
    # Its later call is recorded first: the earliest call counts, not the first recorded.
    request(at(11, 27, 10), HAMPDEN, at(12, 1, 12), at(11, 30, 9))
    # E: the last minute of Sunday, before this week; due Monday 23:59; called Tuesday
    # 8:00 (32 h 1 min): late.
    request(at(11, 29, 23, 59), HAMPDEN, at(12, 1, 8))
    # F: the first minute of this week; due Tuesday 0:00; not called: due and not called.
    request(at(11, 30, 0), HARTFORD)
    # G: due Wed 14:00, called at exactly 14:00 (24 h): in time.
    request(at(12, 1, 14), HARTFORD, at(12, 2, 14))
    # H: today; called 20 min later: in time.
    request(at(12, 3, 14), HARTFORD, at(12, 3, 14, 20))
    # I: the first moment of the last 30 days; due Nov 4 15:00; called Nov 5 15:00 (48 h): late.
    request(at(11, 3, 15), HARTFORD, at(11, 5, 15))
    # J: one minute before the last 30 days: in no period.
    request(at(11, 3, 14, 59), HARTFORD, at(11, 3, 15))
    # L: closed without a call on record, due Thu 10:00: due and not called, whatever its status.
    request(at(12, 2, 10), WORCESTER, status=CallbackRequest.Status.CLOSED)
    # M: a call recorded an hour before the request came in (a mistyped time): at once, in time.
    request(at(12, 1, 9), HAMPSHIRE, at(12, 1, 8))


def figures_by_period():
    return {result.period.key: result for result in front_desk_figures(NOW)}


def summary(figures: Figures) -> tuple:
    """(received, in time, late, due and not called, not due yet, share %, median minutes)."""
    return (
        figures.received,
        figures.called_in_time,
        figures.called_late,
        figures.overdue_not_called,
        figures.not_yet_due,
        figures.share_in_time_percent,
        figures.median_wait_minutes,
    )


def by_county(result) -> dict[str, tuple]:
    return {str(county): summary(figures) for county, figures in result.by_county.items()}


NOTHING = (0, 0, 0, 0, 0, None, None)


def test_the_periods_start_at_midnight_on_monday_and_30_days_ago_in_clinic_time():
    """Today from midnight, this week from Monday midnight, the last 30 days from this clock
    time 30 days ago; all end now."""
    periods = periods_at(NOW)
    assert [(p.key, p.start, p.end) for p in periods] == [
        ("today", at(12, 3, 0), NOW),
        ("this_week", at(11, 30, 0), NOW),
        ("last_30_days", at(11, 3, 15), NOW),
    ]


def test_on_a_monday_this_week_and_today_start_at_the_same_midnight():
    """On Monday, the week so far is today."""
    monday = at(11, 30, 8)
    today, week, _ = periods_at(monday)
    assert today.start == week.start == at(11, 30, 0)


def test_the_last_30_days_keep_the_clock_time_across_the_end_of_daylight_saving_time():
    """On Nov 5 at 3 p.m. (EST) the last 30 days start on Oct 6 at 3 p.m. (EDT): 721 hours."""
    now = datetime(2026, 11, 5, 15, 0, tzinfo=CLINIC)
    *_, last_30_days = periods_at(now)
    assert last_30_days.start == datetime(2026, 10, 6, 15, 0, tzinfo=CLINIC)
    assert now.astimezone(UTC) - last_30_days.start.astimezone(UTC) == timedelta(hours=721)


@pytest.mark.django_db
def test_a_request_inside_the_hour_that_daylight_saving_time_added_is_counted():
    """A request at 3:30 p.m. on Oct 6 (EDT) is in the last 30 days on Nov 5 at 3 p.m.;
    one at 2:59 p.m. is not."""
    request(datetime(2026, 10, 6, 15, 30, tzinfo=CLINIC), HAMPDEN)
    request(datetime(2026, 10, 6, 14, 59, tzinfo=CLINIC), HAMPDEN)
    *_, last_30_days = front_desk_figures(datetime(2026, 11, 5, 15, 0, tzinfo=CLINIC))
    assert last_30_days.all_counties.received == 1


def test_today_for_all_counties(seeded):
    """Today: A, B, H received; A and H called in time, B not due yet (left out of the share);
    the median of 90 and 20 minutes is 55 minutes."""
    assert summary(figures_by_period()["today"].all_counties) == (3, 2, 0, 0, 1, 100, 55)


def test_this_week_for_all_counties(seeded):
    """This week: A, B, C, F, G, H, L, M; 5 of 7 due or called were called in time (71%);
    the median of 0, 20, 90, 481 and 1440 minutes is 90."""
    assert summary(figures_by_period()["this_week"].all_counties) == (8, 5, 0, 2, 1, 71, 90)


def test_the_last_30_days_for_all_counties(seeded):
    """The last 30 days: all but J; 6 of 10 in time (60%); the median of eight waits
    is between 481 and 1440 minutes: 960 minutes 30 seconds, so 961 minutes."""
    result = figures_by_period()["last_30_days"].all_counties
    assert summary(result) == (11, 6, 2, 2, 1, 60, 961)
    assert result.median_wait == timedelta(minutes=960, seconds=30)


def test_today_by_county(seeded):
    """Today: Hampden A and B, Hartford H; every other county has no requests."""
    expected = dict.fromkeys(COUNTIES, NOTHING)
    expected["Hampden, MA"] = (2, 1, 0, 0, 1, 100, 90)
    expected["Hartford, CT"] = (1, 1, 0, 0, 0, 100, 20)
    assert by_county(figures_by_period()["today"]) == expected
    assert list(by_county(figures_by_period()["today"])) == COUNTIES


def test_this_week_by_county(seeded):
    """This week: Hampden A, B, C; Hartford F, G, H (2 of 3, 67%); Hampshire M; Worcester L
    (0% of 1: its due time passed with no call on record)."""
    expected = dict.fromkeys(COUNTIES, NOTHING)
    expected["Hampden, MA"] = (3, 2, 0, 0, 1, 100, 286)  # median of 90 and 481: 285.5
    expected["Hartford, CT"] = (3, 2, 0, 1, 0, 67, 730)  # median of 20 and 1440
    expected["Hampshire, MA"] = (1, 1, 0, 0, 0, 100, 0)
    expected["Worcester, MA"] = (1, 0, 0, 1, 0, 0, None)
    assert by_county(figures_by_period()["this_week"]) == expected


def test_the_last_30_days_by_county(seeded):
    """The last 30 days: Hampden A to E (3 of 4, 75%; median of 90, 481, 1921 and 4260
    minutes: 1201); Hartford F to I (2 of 4; median 1440); Hampshire M; Worcester L."""
    expected = dict.fromkeys(COUNTIES, NOTHING)
    expected["Hampden, MA"] = (5, 3, 1, 0, 1, 75, 1201)
    expected["Hartford, CT"] = (4, 2, 1, 1, 0, 50, 1440)
    expected["Hampshire, MA"] = (1, 1, 0, 0, 0, 100, 0)
    expected["Worcester, MA"] = (1, 0, 0, 1, 0, 0, None)
    assert by_county(figures_by_period()["last_30_days"]) == expected


def test_the_figures_take_two_queries(seeded, django_assert_num_queries):
    """The requests with their first calls, and the service area: two queries, however many."""
    with django_assert_num_queries(2):
        front_desk_figures(NOW)


@pytest.mark.django_db
def test_with_no_requests_every_figure_is_empty_not_zero_percent():
    """No requests: received 0, no share and no median (None), never a division error."""
    for result in front_desk_figures(NOW):
        assert summary(result.all_counties) == NOTHING
        assert set(by_county(result).values()) == {NOTHING}


@pytest.mark.parametrize(
    ("in_time", "late", "not_called", "percent"),
    [(1, 7, 0, 13), (1, 2, 0, 33), (2, 1, 0, 67), (1, 1, 0, 50), (0, 0, 3, 0), (199, 1, 0, 100)],
)
def test_the_share_is_in_whole_percent_and_a_half_rounds_up(in_time, late, not_called, percent):
    """1 of 8 (12.5%) is 13%; 199 of 200 (99.5%) is 100%."""
    figures = Figures(called_in_time=in_time, called_late=late, overdue_not_called=not_called)
    assert figures.share_in_time_percent == percent


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (0, "under a minute"),
        (1, "1 minute"),
        (45, "45 minutes"),
        (60, "1 hour"),
        (61, "1 hour 1 minute"),
        (961, "16 hours 1 minute"),
        (1440, "24 hours"),
    ],
)
def test_a_median_is_said_in_hours_and_minutes(minutes, words):
    """Plain words: hours and minutes, singular and plural."""
    assert minutes_in_words(minutes) == words


def cells(*values) -> list[str]:
    """A CSV line's cells: numbers as text, None as an empty cell."""
    return ["" if value is None else str(value) for value in values]


def test_the_csv_holds_every_figure_of_every_period_and_county(seeded):
    """A line per period for all counties, then one per county; the figures as numbers,
    empty where there is no share or median; no patient's details."""
    lines = list(csv.reader(io.StringIO(figures_csv_text(front_desk_figures(NOW)))))
    assert lines[0] == CSV_COLUMNS
    assert len(lines) == 1 + 3 * (1 + len(COUNTIES))
    starts = {(line[0], line[1], line[2]) for line in lines[1:]}
    assert starts == {
        ("Today", "2026-12-03 00:00", "2026-12-03 15:00"),
        ("This week", "2026-11-30 00:00", "2026-12-03 15:00"),
        ("Last 30 days", "2026-11-03 15:00", "2026-12-03 15:00"),
    }
    rows = {(line[0], line[3], line[4]): line[5:] for line in lines[1:]}
    all_counties = {period: rows[(period, "", "All counties")] for period, *_ in starts}
    assert all_counties == {
        "Today": cells(3, 2, 2, 0, 0, 1, 100, 2, 55),
        "This week": cells(8, 7, 5, 0, 2, 1, 71, 5, 90),
        "Last 30 days": cells(11, 10, 6, 2, 2, 1, 60, 8, 961),
    }
    assert rows[("Last 30 days", "MA", "Hampden")] == cells(5, 4, 3, 1, 0, 1, 75, 4, 1201)
    assert rows[("This week", "CT", "Hartford")] == cells(3, 3, 2, 0, 1, 0, 67, 2, 730)
    assert rows[("This week", "MA", "Worcester")] == cells(1, 1, 0, 0, 1, 0, 0, 0, None)
    assert rows[("Today", "CT", "Tolland")] == cells(0, 0, 0, 0, 0, 0, None, 0, None)
    text = "\n".join(",".join(line) for line in lines)
    for detail in ["Maria", "Lopez", "Springfield", "01103", "555", "CB-"]:
        assert detail not in text


def test_the_figures_are_the_same_with_djangos_own_subtraction_as_on_postgresql(
    seeded, monkeypatch
):
    """On SQLite the waits come from julianday(); Django's own date-time subtraction (what
    PostgreSQL runs) gives the same figures, to the second."""
    on_sqlite = every_figure()
    monkeypatch.setattr(service_figures, "connection", SimpleNamespace(vendor="postgresql"))
    assert every_figure() == on_sqlite


def every_figure() -> list[tuple]:
    return [
        summary(figures)
        for result in front_desk_figures(NOW)
        for figures in [result.all_counties, *result.by_county.values()]
    ]
