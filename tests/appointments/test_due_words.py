"""Due times in words: "Overdue by 2 days", "Due in 3 hours", and the exact time beside them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from appointments.due_words import due_in_words, exact_time

NOW = datetime(2026, 12, 3, 15, 0, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    ("due", "words"),
    [
        (NOW - timedelta(days=2, hours=5), "Overdue by 2 days"),
        (NOW - timedelta(days=1), "Overdue by 1 day"),
        (NOW - timedelta(hours=23, minutes=59), "Overdue by 23 hours"),
        (NOW - timedelta(hours=1), "Overdue by 1 hour"),
        (NOW - timedelta(minutes=5), "Overdue by 5 minutes"),
        (NOW - timedelta(seconds=20), "Overdue by less than a minute"),
        (NOW, "Due in less than a minute"),
        (NOW + timedelta(minutes=1), "Due in 1 minute"),
        (NOW + timedelta(hours=3, minutes=40), "Due in 3 hours"),
        (NOW + timedelta(days=3), "Due in 3 days"),
    ],
)
def test_due_times_are_said_in_whole_units_rounded_down(due, words):
    """Never "Overdue by 1 day" for 23 hours late; singular and plural said right."""
    assert due_in_words(due, NOW) == words


def test_the_exact_time_is_the_clinics_local_time():
    """15:00 UTC on 3 December is 10:00 AM in Massachusetts."""
    assert exact_time(NOW) == "Thu 3 Dec, 10:00 AM"
    assert exact_time(NOW + timedelta(hours=3, minutes=5)) == "Thu 3 Dec, 1:05 PM"
