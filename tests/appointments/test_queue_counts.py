"""The staff home's counts (appointments/queue_counts.py): exact, one query, in clinic time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from appointments.models import CallbackRequest
from appointments.queue_counts import QueueCounts, queue_counts
from tests.appointments.factories import make_callback_request
from tests.factories import make_staff_user

pytestmark = pytest.mark.django_db

CLINIC = ZoneInfo("America/New_York")
Status = CallbackRequest.Status
# A Wednesday afternoon at the clinic.
NOW = datetime(2026, 12, 2, 15, 0, tzinfo=CLINIC)


def request_due(due_at, *, status=Status.NEW, assigned_to=None) -> CallbackRequest:
    return make_callback_request(
        received_at=due_at - timedelta(days=1),
        contact_due_at=due_at,
        status=status,
        assigned_to=assigned_to,
    )


@pytest.fixture
def me():
    return make_staff_user("me", groups=["Front desk"])


@pytest.fixture
def seeded_queue(me):
    """Ten requests, each on one side of a line the counts draw."""
    colleague = make_staff_user("colleague", groups=["Front desk"])
    tomorrow_midnight = datetime(2026, 12, 3, 0, 0, tzinfo=CLINIC)
    request_due(NOW - timedelta(days=2))  # overdue, new
    request_due(NOW - timedelta(minutes=1), status=Status.TRYING)  # overdue by a minute
    request_due(NOW, status=Status.TRYING)  # due this very minute: due today, not overdue
    request_due(tomorrow_midnight - timedelta(minutes=1))  # due today (23:59), new
    request_due(tomorrow_midnight)  # due tomorrow at 00:00: new only
    request_due(NOW - timedelta(days=3), status=Status.REACHED)  # reached: not overdue
    request_due(NOW + timedelta(hours=2), assigned_to=me)  # new, due today, mine
    request_due(NOW + timedelta(days=2), status=Status.SCHEDULED, assigned_to=me)  # mine
    request_due(NOW - timedelta(days=4), status=Status.CLOSED, assigned_to=me)  # closed: nowhere
    request_due(NOW - timedelta(hours=5), status=Status.TRYING, assigned_to=colleague)  # overdue


def test_each_count_is_exact_on_a_seeded_queue(me, seeded_queue):
    """Overdue 3, new 4, due later today 3, assigned to me 2: each line drawn where it should."""
    assert queue_counts(user=me, now=NOW) == QueueCounts(
        overdue=3, new=4, due_today=3, assigned_to_me=2
    )


def test_each_count_is_the_length_of_the_list_it_links_to(me, seeded_queue):
    """The counts agree with the QuerySet methods the front desk's list filters with."""
    requests = CallbackRequest.objects
    counts = queue_counts(user=me, now=NOW)
    assert counts.overdue == requests.overdue(NOW).count()
    assert counts.new == requests.filter(status=Status.NEW).count()
    assert counts.due_today == requests.due_today(NOW).count()
    assert counts.assigned_to_me == requests.still_open().filter(assigned_to=me).count()


def test_a_colleague_sees_their_own_assignments_not_mine(me, seeded_queue):
    """Assigned to me is per person: the colleague's one request is theirs, mine are not."""
    colleague = make_staff_user("someone else", groups=["Front desk"])
    request_due(NOW + timedelta(days=1), assigned_to=colleague)
    assert queue_counts(user=colleague, now=NOW).assigned_to_me == 1
    assert queue_counts(user=me, now=NOW).assigned_to_me == 2


def test_closed_requests_count_nowhere(me):
    """A closed request, overdue in date and assigned to me, is in no count."""
    request_due(NOW - timedelta(days=4), status=Status.CLOSED, assigned_to=me)
    request_due(NOW + timedelta(hours=1), status=Status.CLOSED, assigned_to=me)
    counts = queue_counts(user=me, now=NOW)
    assert counts == QueueCounts(overdue=0, new=0, due_today=0, assigned_to_me=0)
    assert counts.nothing_to_do


def test_today_ends_at_midnight_in_the_clinic_not_in_utc(me):
    """At 23:30 in Springfield (04:30 UTC next day), 23:45 is today and 00:15 is tomorrow."""
    late_evening = datetime(2026, 12, 2, 23, 30, tzinfo=CLINIC)
    request_due(datetime(2026, 12, 2, 23, 45, tzinfo=CLINIC))
    request_due(datetime(2026, 12, 3, 0, 15, tzinfo=CLINIC))  # the same UTC date as now
    assert queue_counts(user=me, now=late_evening).due_today == 1


def test_just_after_midnight_yesterdays_due_is_overdue_and_the_whole_day_is_today(me):
    """At 00:10, a request due at 23:50 is overdue; one due at 19:00 (00:00 UTC the next
    day) is due today."""
    just_after_midnight = datetime(2026, 12, 3, 0, 10, tzinfo=CLINIC)
    request_due(datetime(2026, 12, 2, 23, 50, tzinfo=CLINIC))
    request_due(datetime(2026, 12, 3, 19, 0, tzinfo=CLINIC))
    counts = queue_counts(user=me, now=just_after_midnight)
    assert (counts.overdue, counts.due_today) == (1, 1)


def test_the_counts_take_one_query(me, seeded_queue, django_assert_num_queries):
    """One aggregate query, whatever the size of the queue."""
    with django_assert_num_queries(1):
        queue_counts(user=me, now=NOW)
