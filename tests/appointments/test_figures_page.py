"""The page "How the front desk is doing" and its CSV: who may open them, and no patient on them."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from appointments.figures_views import row_in_words
from appointments.models import CallAttempt, PatientRecordAccess
from appointments.service_figures import Figures
from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import leaked_details, login
from tests.factories import make_staff_user, sign_in

pytestmark = pytest.mark.django_db

FIGURES = reverse("admin:appointments_callbackrequest_figures")
FIGURES_CSV = reverse("admin:appointments_callbackrequest_figures_csv")
REQUESTS = reverse("admin:appointments_callbackrequest_changelist")


@pytest.fixture
def called_patient(port_placement):
    """Maria Lopez of Springfield (Hampden County), received and called just now."""
    now = timezone.now()
    request = make_callback_request(received_at=now, procedure=port_placement)
    CallAttempt.objects.create(callback_request=request, made_at=now, outcome="reached")
    return request


def page_text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_the_front_desk_opens_the_page_and_downloads_the_csv(client):
    """A Front desk member: the page (200) and the CSV, as a download."""
    login(client, "Front desk")
    assert client.get(FIGURES).status_code == 200
    response = client.get(FIGURES_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="front-desk-figures-')


def test_a_superuser_opens_the_page_and_the_csv(client):
    """Superusers see the figures too."""
    sign_in(client, make_staff_user("boss", superuser=True))
    assert client.get(FIGURES).status_code == 200
    assert client.get(FIGURES_CSV).status_code == 200


@pytest.mark.parametrize("groups", [["Content editors"], []], ids=["content editor", "no group"])
@pytest.mark.parametrize("address", [FIGURES, FIGURES_CSV], ids=["page", "csv"])
def test_other_staff_are_refused(client, groups, address):
    """Content editors and staff in no group get 403, for the page and for the CSV."""
    sign_in(client, make_staff_user("other", groups=groups))
    assert client.get(address).status_code == 403


@pytest.mark.parametrize("address", [FIGURES, FIGURES_CSV], ids=["page", "csv"])
def test_someone_not_signed_in_is_sent_to_sign_in(client, address):
    """Not signed in: to the sign-in page, and back here afterwards."""
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_the_page_shows_the_figures_in_tables_with_captions_and_headers(client, called_patient):
    """Three tables (today, this week, the last 30 days), each with a caption, column headers
    and a row header per county; the request called at once shows in all three."""
    login(client, "Front desk")
    page = BeautifulSoup(client.get(FIGURES).content, "html.parser")
    tables = page.select("table.front-desk-figures__table")
    captions = [table.caption.get_text(" ", strip=True) for table in tables]
    assert [caption.split(":")[0] for caption in captions] == [
        "Today",
        "This week",
        "Last 30 days",
    ]
    for table in tables:
        headers = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
        assert headers == [
            "County",
            "Received",
            "Called within one business day",
            "Median time to the first call",
        ]
        rows = {
            row.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in row.find_all("td")]
            for row in table.select("tbody tr")
        }
        assert all(row.th["scope"] == "row" for row in table.select("tbody tr"))
        assert rows["All counties"] == ["1", "100% (1 of 1)", "under a minute"]
        assert rows["Hampden, MA"] == ["1", "100% (1 of 1)", "under a minute"]
        assert rows["Berkshire, MA"] == ["0", "No requests", "No requests"]


def test_a_request_not_due_and_not_called_is_said_and_not_a_failure(client):
    """A request just in, not called: "None due yet (1 not called, not due yet)", not 0%."""
    make_callback_request()
    login(client, "Front desk")
    text = page_text(client.get(FIGURES))
    assert "None due yet (1 not called, not due yet)" in text
    assert "0%" not in text


def test_with_no_requests_the_page_says_no_requests_not_zero_percent(client):
    """Empty periods say "No requests", never 0% or an error."""
    login(client, "Front desk")
    response = client.get(FIGURES)
    text = page_text(response)
    assert response.status_code == 200
    assert "No requests" in text
    assert "%" not in text.split("What the figures say")[1]


def test_the_page_and_the_csv_show_nothing_of_the_patient(client, called_patient):
    """No name, phone number in any form, ZIP code, town, procedure or reference."""
    login(client, "Front desk")
    for address in (FIGURES, FIGURES_CSV):
        text = client.get(address).content.decode()
        assert leaked_details(text) == [], address
        assert called_patient.reference not in text, address


def test_the_page_and_the_csv_are_not_recorded_as_seeing_a_patient(client, called_patient):
    """They show no patient, so the access log gets no record."""
    login(client, "Front desk")
    client.get(FIGURES)
    client.get(FIGURES_CSV)
    assert PatientRecordAccess.objects.count() == 0


def test_the_list_links_to_the_figures(client):
    """The requests' list has a link "How the front desk is doing" at the top."""
    login(client, "Front desk")
    page = BeautifulSoup(client.get(REQUESTS).content, "html.parser")
    link = page.select_one(f'.object-tools a[href="{FIGURES}"]')
    assert link is not None and link.get_text(strip=True) == "How the front desk is doing"


def test_the_page_takes_a_handful_of_queries(client, called_patient, django_assert_max_num_queries):
    """The figures' two queries, and the session's and user's few."""
    login(client, "Front desk")
    client.get(FIGURES)  # the session's first-use writes out of the way
    with django_assert_max_num_queries(8):
        assert client.get(FIGURES).status_code == 200


def test_thousands_are_written_with_a_comma():
    """1,234 requests, "1,234 not called, not due yet": easy to read at a glance."""
    figures = Figures(received=1234, not_yet_due=1234)
    row = row_in_words("Hampden, MA", figures)
    assert (row["received"], row["share"], row["share_detail"]) == (
        "1,234",
        "None due yet",
        "1,234 not called, not due yet",
    )
