"""The list's filters: due later today, county and town, the language to call in; and nonsense
in the address."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from appointments.models import CallbackRequest
from tests.appointments.factories import make_callback_request
from tests.appointments.test_work_queue import references
from tests.factories import make_procedure

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")
CLINIC = ZoneInfo("America/New_York")


def due_at(moment: datetime, **fields) -> CallbackRequest:
    request = make_callback_request(received_at=moment - timedelta(days=1), **fields)
    CallbackRequest.objects.filter(pk=request.pk).update(contact_due_at=moment)
    return request


def test_due_later_today_is_what_is_still_on_time_until_midnight_clinic_time(front_desk):
    """Due before midnight in Massachusetts and not yet overdue; reached ones need no call."""
    now = timezone.now()
    midnight = datetime.combine(
        timezone.localdate(now) + timedelta(days=1), datetime.min.time(), tzinfo=CLINIC
    )
    later_today = due_at(now + (midnight - now) / 2)
    last_minute = due_at(midnight - timedelta(seconds=1))
    due_at(midnight)  # tomorrow
    due_at(now - timedelta(minutes=1))  # overdue, not "due today"
    due_at(now + (midnight - now) / 2, status="reached")
    assert references(front_desk.get(LIST, {"due": "today"})) == [
        later_today.reference,
        last_minute.reference,
    ]


def sidebar(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser").select_one("#changelist-filter")


def test_county_filter_lists_the_service_area_and_narrows(front_desk):
    """Every county of the service area is a choice; choosing one shows its requests."""
    hampden = make_callback_request()
    hartford = make_callback_request(
        town="Enfield", zip_code="06082", state="CT", county="Hartford"
    )
    page = front_desk.get(LIST)
    choices = [a.get_text(strip=True) for a in sidebar(page).select("a[href*='county=']")]
    assert "Hampden, MA" in choices and "Hartford, CT" in choices
    assert references(front_desk.get(LIST, {"county": "Hampden"})) == [hampden.reference]
    assert references(front_desk.get(LIST, {"county": "Hartford"})) == [hartford.reference]


def test_towns_are_offered_once_a_county_is_chosen(front_desk):
    """The towns of the chosen county become choices; choosing one narrows to it."""
    springfield = make_callback_request()
    holyoke = make_callback_request(town="Holyoke", zip_code="01040")
    make_callback_request(town="Enfield", zip_code="06082", state="CT", county="Hartford")
    assert sidebar(front_desk.get(LIST)).find(string="By town") is None
    towns = sidebar(front_desk.get(LIST, {"county": "Hampden"})).select("a[href*='town=']")
    assert [a.get_text(strip=True) for a in towns] == ["Holyoke", "Springfield"]
    assert references(front_desk.get(LIST, {"county": "Hampden", "town": "Holyoke"})) == [
        holyoke.reference
    ]
    assert springfield.reference not in references(front_desk.get(LIST, {"town": "Holyoke"}))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    "nonsense",
    [
        {"status": "urgent"},
        {"overdue": "maybe"},
        {"due": "yesterday"},
        {"assigned": "<script>"},
        {"county": "Atlantis"},
        {"town": "Nowhere"},
        {"language": "fr"},
        {"received_at__gte": "not a date"},
        {"procedure__id__exact": "x"},
        {"no_such_field": "1"},
        {"e": "1", "status": "urgent"},
    ],
)
def test_nonsense_in_the_address_gives_the_list_with_a_plain_message(front_desk, nonsense):
    """Never an error page: the list's plain address, open requests, and a message saying why."""
    request = make_callback_request(procedure=make_procedure())
    response = front_desk.get(LIST, nonsense, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == LIST
    assert references(response) == [request.reference]
    text = BeautifulSoup(response.content, "html.parser").select_one(".messagelist").get_text()
    assert "was not understood" in text and "shows all open requests" in text


def test_a_sort_order_that_does_not_exist_is_ignored(front_desk):
    """A broken "o=" (sort by column) leaves the list in the order of the work."""
    request = make_callback_request()
    response = front_desk.get(LIST, {"o": "99.banana"})
    assert response.status_code == 200 and references(response) == [request.reference]


def test_a_download_with_nonsense_in_the_address_says_so_and_sends_nothing(front_desk):
    """The CSV link with a broken filter comes back to the list with the message."""
    make_callback_request()
    export = reverse("admin:appointments_callbackrequest_export")
    response = front_desk.get(export, {"status": "urgent"}, follow=True)
    assert response.redirect_chain[-1][0] == LIST
    assert "Nothing was downloaded" in response.content.decode()


def test_language_filter_finds_english_spanish_another_and_interpreter_needs(front_desk):
    """“Language to call in”: English, Spanish, another, needs an interpreter (or not sure),
    and the requests sent before the question (nobody asked them)."""
    english = make_callback_request(call_language="en", needs_interpreter="no")
    spanish = make_callback_request(call_language="es", needs_interpreter="yes")
    other = make_callback_request(
        call_language="other", call_language_other="Portuguese", needs_interpreter="not_sure"
    )
    before = make_callback_request(call_language="", needs_interpreter="")
    page = front_desk.get(LIST)
    choices = [a.get_text(strip=True) for a in sidebar(page).select("a[href*='language=']")]
    assert choices == [
        "English",
        "Spanish",
        "Another",
        "Needs an interpreter",
        "Not sure about an interpreter",
        "Not asked (sent before the question)",
    ]
    assert references(front_desk.get(LIST, {"language": "en"})) == [english.reference]
    assert references(front_desk.get(LIST, {"language": "es"})) == [spanish.reference]
    assert references(front_desk.get(LIST, {"language": "other"})) == [other.reference]
    assert references(front_desk.get(LIST, {"language": "interpreter"})) == [spanish.reference]
    maybe = front_desk.get(LIST, {"language": "interpreter-not-sure"})
    assert references(maybe) == [other.reference]
    assert references(front_desk.get(LIST, {"language": "not-asked"})) == [before.reference]
