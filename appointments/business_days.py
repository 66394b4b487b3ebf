"""The clinic promises a call within one business day (Monday to Friday)."""

from datetime import datetime, timedelta

SATURDAY = 5


def one_business_day_after(moment: datetime) -> datetime:
    """The same time on the next weekday; a request on Friday or the weekend is due on Monday."""
    due = moment + timedelta(days=1)
    while due.weekday() >= SATURDAY:
        due += timedelta(days=1)
    return due
