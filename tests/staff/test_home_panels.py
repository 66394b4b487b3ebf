"""The staff home page shows each role its panel (staff/home_panels.py): the front desk's counts."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from appointments.models import CallbackRequest
from staff import home_panels
from tests.appointments.factories import make_callback_request
from tests.factories import make_staff_user, sign_in

pytestmark = pytest.mark.django_db

Status = CallbackRequest.Status
REQUESTS = reverse("admin:appointments_callbackrequest_changelist")


def request_due(due_in: timedelta, **fields) -> CallbackRequest:
    due_at = timezone.now() + due_in
    return make_callback_request(
        received_at=due_at - timedelta(days=1), contact_due_at=due_at, **fields
    )


def home(client, user) -> BeautifulSoup:
    sign_in(client, user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def counts_shown(page) -> list[tuple[str, str, str | None]]:
    """(number, words, link or None) for each count on the front desk's panel."""
    shown = []
    for item in page.select("#front-desk-queue .queue-count"):
        link = item.find("a")
        number = item.select_one(".queue-count__number").get_text(strip=True)
        words = item.select_one(".queue-count__words").get_text(strip=True)
        shown.append((number, words, link["href"] if link else None))
    return shown


def test_the_front_desk_sees_each_count_as_a_link_to_its_list(client):
    """2 overdue, 3 new, 1 due later today, 1 assigned to me: each links to its filtered list."""
    me = make_staff_user("desk", groups=["Front desk"])
    request_due(-timedelta(days=2))
    request_due(-timedelta(hours=1), status=Status.TRYING)
    request_due(timedelta(days=3))
    request_due(timedelta(days=3), assigned_to=me)
    request_due(-timedelta(days=1), status=Status.REACHED)
    request_due(timedelta(days=3), status=Status.CLOSED, assigned_to=me)
    today_later = request_due(timedelta(minutes=5), status=Status.TRYING)
    if timezone.localdate(today_later.contact_due_at) != timezone.localdate():
        pytest.skip("minutes before midnight in the clinic: nothing can be due later today")
    assert counts_shown(home(client, me)) == [
        ("2", "overdue", f"{REQUESTS}?overdue=yes"),
        ("3", "new", f"{REQUESTS}?status=new"),
        ("1", "due later today", f"{REQUESTS}?due=today"),
        ("1", "assigned to me", f"{REQUESTS}?assigned=me"),
    ]


def test_a_zero_is_plain_text_and_overdue_stands_out_only_when_there_are_any(client):
    """No overdue: the 0 is not a link and not marked; the others still link."""
    request_due(timedelta(days=3))
    page = home(client, make_staff_user("desk", groups=["Front desk"]))
    assert counts_shown(page) == [
        ("0", "overdue", None),
        ("1", "new", f"{REQUESTS}?status=new"),
        ("0", "due later today", None),
        ("0", "assigned to me", None),
    ]
    assert page.select(".queue-count--overdue") == []


def test_overdue_is_said_in_words_and_marked_by_more_than_colour(client):
    """Overdue requests: a warning icon, a heavy border class and the words “Call these first”."""
    request_due(-timedelta(days=1))
    page = home(client, make_staff_user("desk", groups=["Front desk"]))
    [overdue] = page.select("#front-desk-queue .queue-count--overdue")
    assert overdue.select_one("svg.queue-count__icon[aria-hidden=true]") is not None
    assert overdue.get_text(" ", strip=True) == "1 overdue Call these first"


def test_nothing_to_do_is_one_calm_sentence(client):
    """All four counts zero (closed and reached requests only): one sentence, no counts."""
    request_due(-timedelta(days=1), status=Status.CLOSED)
    request_due(-timedelta(days=1), status=Status.REACHED)
    page = home(client, make_staff_user("desk", groups=["Front desk"]))
    panel = page.select_one("#front-desk-queue")
    assert panel.select(".queue-count") == []
    assert panel.select_one("p").get_text(strip=True) == (
        "No callback requests need attention right now."
    )


def test_the_panel_names_no_patient(client):
    """Counts and links only: no name, phone, town or reference on the home page."""
    callback_request = request_due(-timedelta(days=1), full_name="Maria Lopez")
    page = home(client, make_staff_user("desk", groups=["Front desk"])).get_text()
    for detail in ["Maria", "Lopez", "555", "Springfield", "01103", callback_request.reference]:
        assert detail not in page


def test_content_editors_see_no_front_desk_panel(client):
    """Editors may not see callback requests: no panel, no heading, no count."""
    request_due(-timedelta(days=1))
    page = home(client, make_staff_user("editor", groups=["Content editors"]))
    assert page.select("#front-desk-queue") == []
    assert "Callback requests to work on" not in page.get_text()


def test_superusers_see_the_front_desk_panel(client):
    """Superusers may see every request, so they see the counts too."""
    request_due(-timedelta(days=1))
    page = home(client, make_staff_user("boss", superuser=True))
    assert counts_shown(page)[0] == ("1", "overdue", f"{REQUESTS}?overdue=yes")


def test_a_panel_that_returns_none_draws_nothing(rf, monkeypatch):
    """The registry keeps the panels each user may see, in their order."""
    shown = home_panels.HomePanel("staff/home/front_desk.html")
    monkeypatch.setattr(home_panels, "PANELS", [lambda r: None, lambda r: shown])
    assert home_panels.home_panels(rf.get("/admin/")) == [shown]


def test_the_home_asks_for_the_requests_once(client, django_assert_max_num_queries):
    """The panel's four counts are one query however many requests there are."""
    user = make_staff_user("desk", groups=["Front desk"])
    sign_in(client, user)
    client.get(reverse("admin:index"))  # the session and permissions, cached from here
    for days in range(5):
        request_due(-timedelta(days=days + 1))
    with django_assert_max_num_queries(12) as queries:
        client.get(reverse("admin:index"))
    requests = [q for q in queries.captured_queries if "appointments_callbackrequest" in q["sql"]]
    assert len(requests) == 1
