"""The list's search finds a request by reference, name, phone, ZIP code, town or county."""

import pytest
from django.urls import reverse

from tests.appointments.factories import make_callback_request
from tests.appointments.test_work_queue import references

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")


@pytest.fixture
def two_places():
    """A patient in Holyoke (Hampden County, MA) and one in Enfield (Hartford County, CT)."""
    holyoke = make_callback_request(
        full_name="Rosa Diaz", town="Holyoke", zip_code="01040", phone="+14135550111"
    )
    enfield = make_callback_request(
        full_name="Tom Byrne",
        town="Enfield",
        zip_code="06082",
        state="CT",
        county="Hartford",
        phone="+18605550122",
    )
    return holyoke, enfield


@pytest.mark.parametrize(
    ("term", "finds"),
    [
        ("01040", "holyoke"),
        ("06082", "enfield"),
        ("holyoke", "holyoke"),
        ("Enfield", "enfield"),
        ("hampden", "holyoke"),
        ("Hartford", "enfield"),
        ("rosa", "holyoke"),
        ("860.555.0122", "enfield"),
        ("(413) 555 0111", "holyoke"),
    ],
)
def test_the_search_finds_by_zip_town_county_name_and_phone(front_desk, two_places, term, finds):
    """Whatever the patient says first on the phone finds their request."""
    holyoke, enfield = two_places
    wanted = {"holyoke": holyoke, "enfield": enfield}[finds]
    assert references(front_desk.get(LIST, {"q": term})) == [wanted.reference]


def test_a_zip_code_is_found_exactly_not_inside_a_longer_number(front_desk, two_places):
    """Five digits are a ZIP code: “01040” never finds a phone number or reference with them."""
    make_callback_request(full_name="Ann 01040 Lee", zip_code="01103")
    holyoke, _ = two_places
    assert references(front_desk.get(LIST, {"q": " 01040 "})) == [holyoke.reference]


def test_the_search_box_says_what_it_finds(front_desk):
    """The help under the box names every way to search."""
    page = front_desk.get(LIST).content.decode()
    for way in ("reference", "name", "phone number", "ZIP code", "town", "county"):
        assert way in page
