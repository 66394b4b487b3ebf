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

The database does the cheap part in one query: the requests received in the last
30 days (the widest period, which holds the other two), each with its first call
(a subquery on the calls' index). Python does the rest, which is clearer there (the
median needs every wait). With 100,000 requests over six months that is about 40,000
short rows.

No patient's details are read: only times, state and county.
"""

import statistics
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import OuterRef, Subquery
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

    def holds(self, moment: datetime) -> bool:
        return self.start <= moment <= self.end


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

    def add(self, *, received_at, due_at, first_call_at, now) -> None:
        self.received += 1
        if first_call_at is None:
            if due_at < now:  # the one definition of overdue (models.overdue_condition)
                self.overdue_not_called += 1
            else:
                self.not_yet_due += 1
            return
        if first_call_at <= due_at:
            self.called_in_time += 1
        else:
            self.called_late += 1
        self.waits.append(max(first_call_at - received_at, timedelta(0)))

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


def front_desk_figures(now: datetime | None = None) -> list[PeriodFigures]:
    """The figures for each period, for all counties and for each county.

    Every county of the service area is listed, with no requests or some, and
    any other county a request in the last 30 days came from; by state, then name.
    Two queries.
    """
    now = now or timezone.now()
    periods = periods_at(now)
    widest = periods[-1]
    first_call = Subquery(
        CallAttempt.objects.filter(callback_request=OuterRef("pk"))
        .order_by("made_at")
        .values("made_at")[:1]
    )
    rows = (
        CallbackRequest.objects.filter(received_at__gte=widest.start, received_at__lte=now)
        .order_by()
        .annotate(first_call_at=first_call)
        .values_list("received_at", "contact_due_at", "state", "county", "first_call_at")
    )
    service_area = ServiceAreaCounty.objects.values_list("state", "county")
    counties = {County(state, name) for state, name in service_area}
    results = [PeriodFigures(period, Figures(), {}) for period in periods]
    for received_at, due_at, state, county_name, first_call_at in rows:
        county = County(state, county_name)
        counties.add(county)
        for result in results:
            if result.period.holds(received_at):
                figures = [result.all_counties, result.by_county.setdefault(county, Figures())]
                for group in figures:
                    group.add(
                        received_at=received_at,
                        due_at=due_at,
                        first_call_at=first_call_at,
                        now=now,
                    )
    for result in results:
        found = result.by_county
        result.by_county = {county: found.get(county, Figures()) for county in sorted(counties)}
    return results
