"""“Assign to me” in one click, from the list and from a request; never taking a colleague's."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import login
from tests.appointments.test_work_queue import rows
from tests.factories import make_staff_user

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")


def assign_url(request) -> str:
    return reverse("admin:appointments_callbackrequest_assign", args=[request.pk])


def list_form_fields(page) -> dict:
    """What the list's own form sends: its CSRF token (the test client skips the check)."""
    form = BeautifulSoup(page.content, "html.parser").select_one("#changelist-form")
    return {i["name"]: i.get("value", "") for i in form.select("input[type=hidden][name]")}


def test_each_unassigned_row_has_a_button_that_sends_the_lists_form_to_assign_it(front_desk):
    """The button is a submit of the list's form to that row's address, with the filters."""
    request = make_callback_request()
    [row] = rows(front_desk.get(LIST, {"county": "Hampden"}))
    button = row["Assign"].button
    assert button["type"] == "submit"
    assert button["formaction"] == assign_url(request) + "?_changelist_filters=county%3DHampden"
    assert button["aria-label"] == f"Assign {request.reference} to me"


def test_one_click_from_the_list_assigns_and_comes_back_to_the_same_list(front_desk):
    """Assigned, recorded in the history, said in a message, the list's filters kept."""
    request = make_callback_request()
    page = front_desk.get(LIST, {"county": "Hampden"})
    response = front_desk.post(
        assign_url(request) + "?_changelist_filters=county%3DHampden", list_form_fields(page)
    )
    assert response.status_code == 302 and response["Location"] == LIST + "?county=Hampden"
    request.refresh_from_db()
    assert request.assigned_to == front_desk.user
    entry = LogEntry.objects.get(object_id=str(request.pk))
    assert (entry.user, entry.get_change_message()) == (front_desk.user, "Changed Assigned to.")
    shown = front_desk.get(response["Location"]).content.decode()
    assert f"{request.reference} is now assigned to you." in shown


def test_the_assigned_row_shows_who_and_no_button(front_desk):
    """Once taken the row says by whom; closed requests never offer the button."""
    make_callback_request(assigned_to=front_desk.user)
    make_callback_request(status="closed")
    for row in rows(front_desk.get(LIST, {"status": "all"})):
        assert row["Assign"].button is None


def test_one_click_from_a_requests_page_assigns_and_comes_back_to_it(front_desk):
    """The request's page has its own small form; the person lands back on the request."""
    request = make_callback_request()
    change = reverse("admin:appointments_callbackrequest_change", args=[request.pk])
    form = BeautifulSoup(front_desk.get(change).content, "html.parser").select_one(
        "form.queue-assign-form"
    )
    assert form["action"] == assign_url(request)
    response = front_desk.post(form["action"], {"back": "request"})
    assert response["Location"] == change
    request.refresh_from_db()
    assert request.assigned_to == front_desk.user
    assert front_desk.get(change).content.decode().count("queue-assign-form") == 0


def test_a_request_a_colleague_took_first_is_not_taken_from_them(front_desk):
    """Two people clicking at once: the second is told who has it, and nothing changes."""
    colleague = make_staff_user("colleague", groups=["Front desk"])
    request = make_callback_request(assigned_to=colleague)
    response = front_desk.post(assign_url(request), follow=True)
    request.refresh_from_db()
    assert request.assigned_to == colleague
    assert f"{request.reference} was already assigned to colleague" in response.content.decode()
    assert not LogEntry.objects.exists()


def test_assigning_is_a_post_only_for_those_who_may_change_requests(client):
    """A link followed (GET) changes nothing; content editors cannot assign."""
    request = make_callback_request()
    editor = login(client, "Content editors")
    assert editor.post(assign_url(request)).status_code == 403
    front = login(client, "Front desk")
    assert front.get(assign_url(request)).status_code == 405
    request.refresh_from_db()
    assert request.assigned_to is None


def test_a_request_that_no_longer_exists_says_so(front_desk):
    """A row purged since the list was opened: a plain message, back to the list."""
    response = front_desk.post(
        reverse("admin:appointments_callbackrequest_assign", args=[987654]), follow=True
    )
    assert "That request no longer exists." in response.content.decode()


def test_the_lists_action_never_takes_a_colleagues_request_either(front_desk):
    """Ticked rows with "Assign to me": the free one becomes mine, a colleague's stays theirs,
    and the message says which."""
    colleague = make_staff_user("colleague", groups=["Front desk"])
    free = make_callback_request()
    theirs = make_callback_request(assigned_to=colleague)
    response = front_desk.post(
        LIST, {"action": "assign_to_me", "_selected_action": [free.pk, theirs.pk]}, follow=True
    )
    free.refresh_from_db()
    theirs.refresh_from_db()
    assert (free.assigned_to, theirs.assigned_to) == (front_desk.user, colleague)
    shown = response.content.decode()
    assert f"{free.reference} is now assigned to you." in shown
    assert f"{theirs.reference} was already assigned to colleague" in shown
    assert not LogEntry.objects.filter(object_id=str(theirs.pk)).exists()
