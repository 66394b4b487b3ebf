"""The front desk's list in the order of the work: overdue first, then by due time, closed out."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from appointments.models import CallbackRequest
from tests.appointments.factories import make_callback_request
from tests.appointments.test_work_queue import references

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")
NOW = timezone.now()


def due(hours_from_now: float, **fields) -> CallbackRequest:
    """A request due `hours_from_now` hours from now (negative: that many hours overdue)."""
    request = make_callback_request(received_at=NOW - timedelta(days=2), **fields)
    request.contact_due_at = NOW + timedelta(hours=hours_from_now)
    request.save(update_fields=["contact_due_at"])
    return request


@pytest.fixture
def queue():
    """Two overdue among new ones, and requests in every other state: named by what they are."""
    return {
        "new, due in 5 hours": due(5),
        "overdue by 3 hours": due(-3),
        "reached, was due 50 hours ago": due(-50, status="reached"),
        "trying, due in 1 hour": due(1, status="trying"),
        "closed, was due 60 hours ago": due(-60, status="closed"),
        "overdue by 2 days, trying": due(-49, status="trying"),
        "scheduled, due in 2 hours": due(2, status="scheduled"),
        "new, due in 20 hours": due(20),
    }


def test_overdue_come_first_longest_overdue_first_then_the_rest_by_due_time(front_desk, queue):
    """The list opens on the patients who have waited longest past their promise."""
    shown = references(front_desk.get(LIST))
    assert shown == [
        queue[name].reference
        for name in [
            "overdue by 2 days, trying",
            "overdue by 3 hours",
            "trying, due in 1 hour",
            "new, due in 5 hours",
            "new, due in 20 hours",
            # Already reached or scheduled: nobody needs to call them first.
            "reached, was due 50 hours ago",
            "scheduled, due in 2 hours",
        ]
    ]


def test_closed_requests_are_one_click_away(front_desk, queue):
    """Closed requests are out of the default list; "All, including closed" shows them last."""
    closed = queue["closed, was due 60 hours ago"].reference
    assert closed not in references(front_desk.get(LIST))
    assert references(front_desk.get(LIST, {"status": "closed"})) == [closed]
    everything = references(front_desk.get(LIST, {"status": "all"}))
    assert len(everything) == len(queue) and everything[-1] == closed
    page = front_desk.get(LIST).content.decode()
    assert "All, including closed" in page and "?status=all" in page


def test_a_search_looks_at_closed_requests_too(front_desk, queue):
    """A patient may call about a request already closed: its reference still finds it."""
    closed = queue["closed, was due 60 hours ago"].reference
    assert references(front_desk.get(LIST, {"q": closed})) == [closed]


def test_each_status_keeps_the_order_of_the_work(front_desk, queue):
    """Within one status the longest overdue still comes first."""
    assert references(front_desk.get(LIST, {"status": "trying"})) == [
        queue["overdue by 2 days, trying"].reference,
        queue["trying, due in 1 hour"].reference,
    ]


def test_a_clicked_column_heading_still_sorts(front_desk, queue):
    """Sorting by name (a heading clicked) replaces the order of the work, as the admin does."""
    for n, request in enumerate(queue.values()):
        CallbackRequest.objects.filter(pk=request.pk).update(full_name=f"Patient {9 - n}")
    response = front_desk.get(LIST, {"o": "2"})  # the second column: Full name
    names = [r.full_name for r in response.context["cl"].result_list]
    assert names == sorted(names)


def test_the_order_is_the_same_on_every_page(front_desk):
    """Pages never overlap or skip: the id breaks ties between equal due times."""
    same_time = timezone.make_aware(datetime(2026, 11, 30, 9, 0))
    made = [make_callback_request(received_at=same_time) for _ in range(5)]
    shown = references(front_desk.get(LIST))
    assert shown == [request.reference for request in sorted(made, key=lambda r: r.pk)]
