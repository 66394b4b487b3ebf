"""How the front desk is doing: requests received, the share called within one business day,
and the median time to the first call, for today, this week and the last 30 days, by county.

Each figure is about the requests *received* in the period, whenever they were called.
Times are the clinic's (America/New_York): today starts at midnight, this week at
midnight on Monday, and the last 30 days at this same clock time 30 days ago (so a
change to or from daylight saving time in between moves no request in or out).

- Called within one business day: the first call attempt (the earliest CallAttempt's
  `made_at`) at or before the request's `contact_due_at`, which is one business day
  after it came in (appointments/business_days.py: a Friday request is due Monday).
  The share is of the requests that are *settled*: called, or with their due time
  passed. A request not called yet whose due time has not come is no failure yet:
  it is counted apart (`not_yet_due`) and left out of the share until it is called
  or falls due. A request with no call on record whose due time has passed counts as
  not called in time, whatever its status: a call not recorded cannot be counted.
- Median time to the first call: of the requests called so far; half were called
  sooner, half later. A call recorded as made before the request came in (a mistyped
  time) counts as made at once.

The database does what is cheap for it, in one query over the requests received in
the last 30 days (the widest period, which holds the other two): which period each
falls in, its first call (a subquery on the calls' index), whether a call was made
by the due time, and whether the due time has passed. Python adds them up and takes
the medians, which need every wait. The work grows with the requests of the last
30 days, not with all requests: with 100,000 made-up requests over six months
(about 40,000 of them in the last 30 days) the page took about 0.7 s of CPU on
SQLite (benchmarks/front_desk.py), most of it SQLite reading those 40,000 rows
and their calls; the first version, which read every due and call time into
Python and sorted each request's calls, took 1.1 s.

No patient's details are read: only times, state and county.
"""

import statistics
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    Min,
    OuterRef,
    Q,
    Subquery,
    When,
)
from django.utils import timezone

from appointments.models import CallAttempt, CallbackRequest, ServiceAreaCounty

LAST_DAYS = 30


@dataclass(frozen=True)
class Period:
    """Requests received from `start` up to and including `end` (now)."""

    key: str  # for the CSV: today, this_week, last_30_days
    name: str  # for people: "Today"
    start: datetime
    end: datetime


def periods_at(now: datetime) -> list[Period]:
    """Today, this week (from Monday) and the last 30 days, in the clinic's time zone."""
    local_now = timezone.localtime(now)
    zone = local_now.tzinfo
    today = local_now.date()
    midnight = datetime.combine(today, time.min, tzinfo=zone)
    monday = datetime.combine(today - timedelta(days=today.weekday()), time.min, tzinfo=zone)
    # Same clock time 30 days ago: arithmetic on a zone-aware local time keeps the clock time.
    days_ago = local_now - timedelta(days=LAST_DAYS)
    return [
        Period("today", "Today", midnight, now),
        Period("this_week", "This week", monday, now),
        Period("last_30_days", f"Last {LAST_DAYS} days", days_ago, now),
    ]


@dataclass
class Figures:
    """The figures of one group of requests (one period; all counties or one)."""

    received: int = 0
    called_in_time: int = 0  # first call at or before the due time
    called_late: int = 0  # first call after the due time
    overdue_not_called: int = 0  # no call yet, due time passed
    not_yet_due: int = 0  # no call yet, due time not come: left out of the share
    waits: list[timedelta] = field(default_factory=list, repr=False)

    def add(self, *, wait: timedelta | None, in_time: bool, due_passed: bool) -> None:
        """Count one request: the time from received to its first call (None: no call yet),
        whether a call was made by the due time, and whether the due time has passed."""
        self.received += 1
        if wait is None:
            if due_passed:
                self.overdue_not_called += 1
            else:
                self.not_yet_due += 1
            return
        if in_time:
            self.called_in_time += 1
        else:
            self.called_late += 1
        self.waits.append(max(wait, timedelta(0)))

    @classmethod
    def total(cls, groups) -> "Figures":
        """The figures of several groups of requests taken together."""
        total = cls()
        for figures in groups:
            total.received += figures.received
            total.called_in_time += figures.called_in_time
            total.called_late += figures.called_late
            total.overdue_not_called += figures.overdue_not_called
            total.not_yet_due += figures.not_yet_due
            total.waits += figures.waits
        return total

    @property
    def settled(self) -> int:
        """The requests the share is of: called, or due and not called."""
        return self.called_in_time + self.called_late + self.overdue_not_called

    @property
    def called(self) -> int:
        return self.called_in_time + self.called_late

    @property
    def share_in_time_percent(self) -> int | None:
        """Called within one business day, in whole percent (a half rounds up); None when
        no request is settled."""
        if not self.settled:
            return None
        return (200 * self.called_in_time + self.settled) // (2 * self.settled)

    @property
    def median_wait(self) -> timedelta | None:
        """The median time from received to the first call; None when none was called."""
        return statistics.median(self.waits) if self.waits else None

    @property
    def median_wait_minutes(self) -> int | None:
        """The median wait in whole minutes (30 seconds round up)."""
        wait = self.median_wait
        return None if wait is None else in_minutes(wait)


def in_minutes(wait: timedelta) -> int:
    return (wait + timedelta(seconds=30)) // timedelta(minutes=1)


def minutes_in_words(minutes: int) -> str:
    """ "3 hours 5 minutes", "1 hour", "45 minutes", "under a minute"."""
    if minutes == 0:
        return "under a minute"
    hours, minutes = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


@dataclass(frozen=True, order=True)
class County:
    state: str
    name: str

    def __str__(self) -> str:
        return f"{self.name}, {self.state}"  # "Hampden, MA", under the heading "County"


@dataclass
class PeriodFigures:
    period: Period
    all_counties: Figures
    by_county: dict[County, Figures]


def time_between(start, end) -> Func | ExpressionWrapper:
    """`end - start` (two date-times) as a duration, computed by the database.

    On SQLite to the millisecond with julianday(), which SQLite works out in C
    (it keeps times to the millisecond); Django's own subtraction there calls a
    Python function for every row. Elsewhere (PostgreSQL) Django's subtraction.
    """
    if connection.vendor == "sqlite":
        return Func(
            end,
            start,
            # Milliseconds, as microseconds: how SQLite holds a duration for Django.
            template="CAST(ROUND((julianday(%(expressions)s)) * 86400000) AS INTEGER) * 1000",
            arg_joiner=") - julianday(",
            output_field=DurationField(),
        )
    return ExpressionWrapper(end - start, output_field=DurationField())


def front_desk_figures(now: datetime | None = None) -> list[PeriodFigures]:
    """The figures for each period, for all counties and for each county.

    Every county of the service area is listed, with no requests or some, and
    any other county a request in the last 30 days came from; by state, then name.
    Two queries.

    Each request is tallied once, under the narrowest period it falls in (today, the
    rest of this week, the rest of the 30 days) and its county; each period's figures
    are then the sum of its own and the narrower periods' tallies, rather than adding
    every request to six groups.
    """
    now = now or timezone.now()
    today, this_week, last_30_days = periods = periods_at(now)
    calls = CallAttempt.objects.filter(callback_request=OuterRef("pk")).order_by()
    # The earliest call: MIN reads the request's calls from the index without sorting them.
    first_call = Subquery(
        calls.values("callback_request").annotate(first=Min("made_at")).values("first")
    )
    narrowest_period = Case(
        When(received_at__gte=today.start, then=0),
        When(received_at__gte=this_week.start, then=1),
        default=2,
    )
    rows = (
        CallbackRequest.objects.filter(received_at__gte=last_30_days.start, received_at__lte=now)
        .order_by()
        .values_list(
            narrowest_period,
            "state",
            "county",
            time_between(F("received_at"), first_call),  # None when no call was made
            # Whether a call was made by the due time, compared exactly by the database.
            Exists(calls.filter(made_at__lte=OuterRef("contact_due_at"))),
            # The one definition of overdue (models.overdue_condition): the due time passed.
            ExpressionWrapper(Q(contact_due_at__lt=now), output_field=BooleanField()),
        )
    )
    tallies: dict[tuple[int, str, str], Figures] = {}
    for narrowest, state, county_name, wait, in_time, due_passed in rows:
        key = (narrowest, state, county_name)
        tally = tallies.get(key) or tallies.setdefault(key, Figures())
        tally.add(wait=wait, in_time=in_time, due_passed=due_passed)

    service_area = ServiceAreaCounty.objects.values_list("state", "county")
    counties = {County(state, name) for state, name in service_area}
    counties |= {County(state, name) for _, state, name in tallies}
    results = []
    for index, period in enumerate(periods):
        by_county = {
            county: Figures.total(
                tallies.get((narrower, county.state, county.name), Figures())
                for narrower in range(index + 1)
            )
            for county in sorted(counties)
        }
        results.append(PeriodFigures(period, Figures.total(by_county.values()), by_county))
    return results
