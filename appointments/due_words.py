"""When a callback is due, in the words a person at the front desk would say it.

"Overdue by 2 days", "Due in 3 hours": the list says how urgent a request is
without anyone doing sums with dates, and says the exact time beside it.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import ngettext

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def how_long(span: timedelta) -> str:
    """A length of time, rounded down to its largest whole unit: "2 days", "3 hours", "1 minute".

    Rounded down, so "Overdue by 1 day" is never said of a request 23 hours late,
    and a request due in 59 seconds is "due in less than a minute".
    """
    if span >= DAY:
        days = span // DAY
        return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    if span >= HOUR:
        hours = span // HOUR
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = span // MINUTE
    if minutes < 1:
        return "less than a minute"
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def due_in_words(due: datetime, now: datetime | None = None) -> str:
    """ "Overdue by 2 days" once the due time has passed, otherwise "Due in 3 hours"."""
    now = now or timezone.now()
    if due < now:
        return f"Overdue by {how_long(now - due)}"
    return f"Due in {how_long(due - now)}"


def exact_time(moment: datetime) -> str:
    """The clinic's local time, short and unambiguous: "Thu 3 Dec, 9:14 AM"."""
    local = timezone.localtime(moment)
    hour = local.strftime("%I").lstrip("0")
    return f"{local:%a} {local.day} {local:%b}, {hour}:{local:%M} {local:%p}"
