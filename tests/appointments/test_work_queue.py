"""The front desk's work queue in the admin: columns, filters, search, actions, calls, history."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from appointments.models import CallAttempt, CallbackRequest
from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import change_form, good_answers, opened_the_form
from tests.factories import make_procedure
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")


def rows(response) -> list[dict]:
    soup = BeautifulSoup(response.content, "html.parser")
    headers = [th.get_text(" ", strip=True) for th in soup.select("#result_list thead th")]
    table = []
    for tr in soup.select("#result_list tbody tr"):
        cells = tr.find_all(["th", "td"])
        table.append({h: c for h, c in zip(headers, cells, strict=True)})
    return table


def references(response) -> list[str]:
    return [row["Reference"].get_text(strip=True) for row in rows(response)]


def test_the_queue_shows_every_column_the_front_desk_needs(front_desk):
    """Reference, name, tap-to-call phone with the language to call in, town and county, due,
    status with calls, assigned to, and the one-click "Assign to me"."""
    request = make_callback_request(received_at=timezone.now() - timedelta(minutes=5))
    CallAttempt.objects.create(callback_request=request, outcome="no_answer")
    [row] = rows(front_desk.get(LIST))
    assert list(row)[1:] == [
        "Reference",
        "Full name",
        "Phone and language",
        "Town and county",
        "Due",
        "Status",
        "Assigned to",
        "Assign",
    ]
    assert row["Reference"].get_text(strip=True) == request.reference
    assert row["Phone and language"].a["href"] == "tel:+14135550123"
    assert row["Phone and language"].a.get_text(strip=True) == "(413) 555-0123"
    assert row["Phone and language"].select_one(".queue-language").get_text() == "English"
    assert row["Town and county"].get_text(" ", strip=True) == "Springfield Hampden County, MA"
    assert row["Due"].strong.get_text().startswith("Due in ")
    assert row["Status"].get_text(" ", strip=True) == "New 1 call"
    assert row["Assign"].button.get_text(strip=True) == "Assign to me"
    assert row["Assigned to"].get_text(strip=True) == "Nobody yet"


def test_requests_with_no_procedure_are_filtered_as_not_sure_yet(front_desk):
    """The procedure filter names the empty choice as the request's page does."""
    make_procedure(title="Port placement")
    not_sure = make_callback_request(procedure=None)
    page = front_desk.get(LIST)
    assert references(front_desk.get(filter_link(page, "Not sure yet"))) == [not_sure.reference]


def test_a_request_without_a_town_shows_its_zip_code(front_desk):
    """A ZIP code the lookup had no town for still says where the patient is."""
    make_callback_request(town="", zip_code="06001", state="CT", county="Hartford")
    [row] = rows(front_desk.get(LIST))
    assert row["Town and county"].get_text(" ", strip=True) == "ZIP 06001 Hartford County, CT"


def test_overdue_requests_are_said_in_words_and_can_be_filtered(front_desk):
    """A request not reached after one business day says "Overdue by …" in its due cell,
    marked for the whole row; one reached or closed says no call is due."""
    four_days_ago = timezone.now() - timedelta(days=4)
    old = make_callback_request(received_at=four_days_ago)
    still_trying = make_callback_request(received_at=four_days_ago, status="trying")
    reached = make_callback_request(received_at=four_days_ago, status="reached")
    fresh = make_callback_request()
    due = {row["Reference"].get_text(strip=True): row["Due"] for row in rows(front_desk.get(LIST))}
    for overdue in (old, still_trying):
        assert due[overdue.reference].strong.get_text().startswith("Overdue by ")
        assert due[overdue.reference].select_one(".queue-due--overdue") is not None
    assert due[reached.reference].get_text(strip=True) == "No call due"
    assert due[fresh.reference].strong.get_text().startswith("Due in ")
    assert due[fresh.reference].select_one(".queue-due--overdue") is None
    assert sorted(references(front_desk.get(LIST, {"overdue": "yes"}))) == sorted(
        [old.reference, still_trying.reference]
    )


def test_the_exact_due_time_is_beside_the_words(front_desk):
    """ "Due in 3 hours" has the clinic's local time beside it, in a <time> element."""
    received = timezone.make_aware(datetime(2026, 12, 2, 9, 14))  # a Wednesday
    make_callback_request(received_at=received)
    [row] = rows(front_desk.get(LIST))
    time = row["Due"].time
    assert time.get_text() == "Thu 3 Dec, 9:14 AM"
    assert time["datetime"] == "2026-12-03T14:14:00+00:00"


def test_filters_by_status_procedure_and_assigned_to_me(front_desk):
    """The list narrows by status, procedure and “assigned to me”."""
    procedure = make_procedure()
    mine = make_callback_request(assigned_to=front_desk.user, procedure=procedure)
    closed = make_callback_request(status="closed")
    assert references(front_desk.get(LIST, {"assigned": "me"})) == [mine.reference]
    assert references(front_desk.get(LIST, {"status": "closed"})) == [closed.reference]
    assert references(front_desk.get(LIST, {"procedure__id__exact": procedure.pk})) == [
        mine.reference
    ]


def filter_link(response, title: str) -> str:
    """The address of one choice (e.g. “Today”) in the list's filter sidebar."""
    sidebar = BeautifulSoup(response.content, "html.parser").select_one("#changelist-filter")
    return LIST + sidebar.find("a", string=title)["href"]


def test_the_date_filter_narrows_by_when_requests_came_in(front_desk):
    """“Today”, “Past 7 days” and “This month” show only requests received then."""
    now = timezone.localtime()
    today = make_callback_request(received_at=now)
    this_week = make_callback_request(received_at=now - timedelta(days=3))
    long_ago = make_callback_request(received_at=now - timedelta(days=60))
    page = front_desk.get(LIST)
    assert references(front_desk.get(filter_link(page, "Today"))) == [today.reference]
    assert references(front_desk.get(filter_link(page, "Past 7 days"))) == [
        this_week.reference,  # in the order of the work: the one due first comes first
        today.reference,
    ]
    assert long_ago.reference not in references(front_desk.get(filter_link(page, "This month")))
    assert references(front_desk.get(filter_link(page, "Any date"))) == [
        long_ago.reference,
        this_week.reference,
        today.reference,
    ]


@pytest.mark.parametrize("term", ["(413) 555-0199", "413-555-0199", "4135550199", "+14135550199"])
def test_search_finds_a_phone_number_however_it_is_typed(front_desk, term):
    """The front desk can paste a number in any familiar format."""
    wanted = make_callback_request(phone="+14135550199")
    make_callback_request(phone="+14135550123")
    assert references(front_desk.get(LIST, {"q": term})) == [wanted.reference]


def test_search_finds_by_reference_and_name(front_desk):
    """A reference read out over the phone, or a name, finds the request."""
    wanted = make_callback_request(full_name="Ann Lee")
    make_callback_request(full_name="Bob Stone")
    assert references(front_desk.get(LIST, {"q": wanted.reference})) == [wanted.reference]
    assert references(front_desk.get(LIST, {"q": "ann lee"})) == [wanted.reference]


def test_bulk_actions_assign_to_me_and_close_and_leave_history(front_desk):
    """Both actions change the chosen rows and record who did it in the history."""
    first, second = make_callback_request(), make_callback_request()
    ids = [first.pk, second.pk]
    front_desk.post(LIST, {"action": "assign_to_me", "_selected_action": ids})
    front_desk.post(LIST, {"action": "mark_closed", "_selected_action": [first.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.assigned_to == second.assigned_to == front_desk.user
    assert (first.status, second.status) == ("closed", "new")
    history = LogEntry.objects.filter(object_id=str(first.pk)).order_by("action_time")
    assert [(e.user, e.get_change_message()) for e in history] == [
        (front_desk.user, "Changed Assigned to."),
        (front_desk.user, "Changed Status."),
    ]
    assert all(e.object_repr == first.reference for e in history)  # no patient details


def test_logging_a_call_records_who_and_moves_the_status(front_desk):
    """A call logged on the request notes the user and time, and a first try means “Trying”."""
    request = make_callback_request()
    response = change_form(
        front_desk,
        request,
        **{
            "call_attempts-TOTAL_FORMS": "1",
            "call_attempts-0-made_at_0": "2026-11-27",
            "call_attempts-0-made_at_1": "10:30",
            "call_attempts-0-outcome": "voicemail",
            "call_attempts-0-note": "Left message with callback number",
        },
    )
    assert response.status_code == 302, response.content[-2000:]
    attempt = CallAttempt.objects.get()
    assert attempt.made_by == front_desk.user
    assert attempt.outcome == "voicemail"
    request.refresh_from_db()
    assert request.status == CallbackRequest.Status.TRYING


def test_reaching_the_patient_marks_the_request_reached(front_desk):
    """Logging “Reached the patient” moves a request to Reached."""
    request = make_callback_request(status="trying")
    change_form(
        front_desk,
        request,
        **{
            "call_attempts-TOTAL_FORMS": "1",
            "call_attempts-0-made_at_0": "2026-11-27",
            "call_attempts-0-made_at_1": "11:00",
            "call_attempts-0-outcome": "reached",
        },
    )
    request.refresh_from_db()
    assert request.status == CallbackRequest.Status.REACHED


def test_the_request_page_has_the_number_to_correct_and_a_link_to_call_it(front_desk):
    """Beside the editable number, the same number as a tap-to-call link."""
    request = make_callback_request(phone="+14135550199")
    url = reverse("admin:appointments_callbackrequest_change", args=[request.pk])
    page = BeautifulSoup(front_desk.get(url).content, "html.parser")
    assert page.find("label", attrs={"for": "id_phone"}).get_text(strip=True) == "Phone number:"
    link = page.select_one(".field-phone_link a")
    assert (link["href"], link.get_text()) == ("tel:+14135550199", "(413) 555-0199")


def test_past_calls_cannot_be_edited_or_deleted(front_desk):
    """The call log only grows."""
    request = make_callback_request()
    CallAttempt.objects.create(callback_request=request, outcome="no_answer", note="first")
    url = reverse("admin:appointments_callbackrequest_change", args=[request.pk])
    page = BeautifulSoup(front_desk.get(url).content, "html.parser")
    assert page.find("select", attrs={"name": "call_attempts-0-outcome"}) is None
    assert page.find("input", attrs={"name": "call_attempts-0-DELETE"}) is None


def test_changes_are_recorded_with_who_and_what(front_desk):
    """Editing a request leaves a history entry naming the user and the fields changed."""
    request = make_callback_request()
    change_form(front_desk, request, status="scheduled")
    entry = LogEntry.objects.get(object_id=str(request.pk))
    assert entry.user == front_desk.user
    assert entry.get_change_message() == "Changed Status."


def test_the_request_page_shows_each_emails_state(front_desk):
    """The front desk can see whether the staff email and the confirmation went."""
    patient = opened_the_form(Client())  # a visitor of the site, not the logged-in front desk
    patient.post(FORM_URL, good_answers(email="maria@example.org"))
    request = CallbackRequest.objects.get()
    url = reverse("admin:appointments_callbackrequest_change", args=[request.pk])
    text = BeautifulSoup(front_desk.get(url).content, "html.parser").get_text(" ", strip=True)
    assert "Email to staff" in text and "Confirmation to patient" in text
    assert "Waiting to send" in text


def test_nobody_adds_or_deletes_requests_by_hand(admin_client):
    """Requests come only from patients, and go only by the retention purge."""
    request = make_callback_request()
    assert admin_client.get(reverse("admin:appointments_callbackrequest_add")).status_code == 403
    delete = reverse("admin:appointments_callbackrequest_delete", args=[request.pk])
    assert admin_client.get(delete).status_code == 403
