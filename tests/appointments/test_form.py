"""Every field of the callback form: what it accepts, and the plain message for what it does not."""

import pytest
from django.urls import reverse

from appointments.models import CallbackRequest, ServiceAreaCounty
from tests.appointments.helpers import error_summary, field_error, form_page, good_answers
from tests.factories import make_procedure
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db


def post(client, **overrides):
    return client.post(FORM_URL, good_answers(**overrides))


def test_the_form_has_labels_autocomplete_and_phone_keyboard(client):
    """Each field is labelled and tells phones what it wants: name, tel, postal code, email."""
    page = form_page(client.get(FORM_URL))
    for name, token in [
        ("full_name", "name"),
        ("phone", "tel"),
        ("zip_code", "postal-code"),
        ("email", "email"),
    ]:
        field = page.find("input", attrs={"name": name})
        assert field["autocomplete"] == token
        assert page.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert page.find("input", attrs={"name": "phone"})["type"] == "tel"
    assert page.find("legend", string="Best time to call")
    assert page.find("legend", string="How may we contact you?")


def test_consent_boxes_start_unticked(client):
    """Nobody agrees to anything by default."""
    page = form_page(client.get(FORM_URL))
    for name in ("consent_to_call", "consent_to_voicemail", "consent_to_text"):
        assert not page.find("input", attrs={"name": name}).has_attr("checked")


def test_there_is_no_box_for_medical_details_and_the_note_says_why(client):
    """No free text for health details; the page says to keep them for the call."""
    page = form_page(client.get(FORM_URL))
    assert page.find("textarea") is None
    assert "keep medical questions for the call" in page.select_one(".form-note").get_text()


def test_procedures_offered_are_the_published_ones_and_not_sure(client):
    """Patients choose a published procedure, or “Not sure yet”; drafts are not offered."""
    make_procedure(title="Port placement", slug="port-placement")
    make_procedure(title="Secret draft", slug="secret", status="draft")
    options = [o.get_text() for o in form_page(client.get(FORM_URL)).select("#id_procedure option")]
    assert options == ["Choose one", "Port placement", "Not sure yet"]


def test_an_empty_form_gets_a_message_for_each_required_field(client):
    """Sending nothing lists every missing answer, each linking to its field."""
    response = client.post(
        FORM_URL,
        good_answers(
            full_name="", phone="", zip_code="", procedure="", best_time="", consent_to_call=""
        ),
    )
    assert response.status_code == 200
    assert error_summary(response) == [
        ("#id_full_name", "Enter your full name"),
        ("#id_phone", "Enter a phone number"),
        ("#id_zip_code", "Enter your ZIP code"),
        ("#id_procedure", "Choose what you would like to talk about"),
        ("#id_best_time_0", "Choose the best time to call you"),
        ("#id_consent_to_call", "Tick “You may call me” so that we can call you back"),
    ]
    assert not CallbackRequest.objects.exists()


def test_errors_prefix_the_title_sit_beside_fields_and_keep_what_was_typed(client):
    """The page title starts “Error:”, each field shows its message, and nothing typed is lost."""
    response = post(client, phone="12", email="maria@", consent_to_voicemail="on")
    page = form_page(response)
    assert page.title.get_text().startswith("Error: ")
    assert page.select_one(".error-summary h2").get_text(strip=True) == "There is a problem"
    assert field_error(response, "phone").startswith("Enter a US phone number")
    phone = page.find("input", attrs={"name": "phone"})
    assert phone["value"] == "12"
    assert phone["aria-invalid"] == "true"
    assert "id_phone_error" in phone["aria-describedby"]
    assert page.find("input", attrs={"name": "full_name"})["value"] == "Maria Lopez"
    assert page.find("input", attrs={"name": "email"})["value"] == "maria@"
    assert page.find("input", attrs={"name": "consent_to_voicemail"}).has_attr("checked")
    assert page.find("input", attrs={"value": "weekday_morning"}).has_attr("checked")


@pytest.mark.parametrize(
    "typed",
    [
        "(413) 555-0123",
        "413-555-0123",
        "413.555.0123",
        "4135550123",
        "+1 413 555 0123",
        "1-413-555-0123",
    ],
)
def test_familiar_phone_formats_are_accepted_and_stored_in_e164(client, typed):
    """However a US number is written, it is stored as +14135550123."""
    response = post(client, phone=typed)
    assert response.status_code == 302, field_error(response, "phone")
    assert CallbackRequest.objects.get().phone.as_e164 == "+14135550123"


@pytest.mark.parametrize(
    "typed", ["555-0123", "123", "413-555-01234", "+44 20 7946 0958", "call me", "1" * 31]
)
def test_phone_numbers_that_cannot_be_called_are_refused(client, typed):
    """Short, foreign, wordy or overlong numbers get one plain message with an example."""
    response = post(client, phone=typed)
    assert field_error(response, "phone") == (
        "Enter a US phone number with its area code, for example 413-555-0123"
    )
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize(
    ("typed", "town", "county"),
    [
        ("01103", "Springfield", "Hampden"),
        ("01201", "Pittsfield", "Berkshire"),
        ("01060", "Northampton", "Hampshire"),
        ("01301", "Greenfield", "Franklin"),
        ("06103", "Hartford", "Hartford"),
        ("06066", "Vernon Rockville", "Tolland"),
        ("06226", "Willimantic", "Windham"),
        ("06790", "Torrington", "Litchfield"),
    ],
)
def test_zip_codes_in_the_service_area_are_accepted(client, typed, town, county):
    """Every county of Western Massachusetts and Northern Connecticut is served."""
    response = post(client, zip_code=typed)
    assert response.status_code == 302, field_error(response, "zip_code")
    saved = CallbackRequest.objects.get()
    assert (saved.zip_code, saved.town, saved.county) == (typed, town, county)


@pytest.mark.parametrize("typed", ["01103-1234", "01103 1234", "011031234", " 01103 "])
def test_zip_plus_four_and_spaces_are_accepted(client, typed):
    """ZIP+4, with or without its dash, is read as the 5-digit ZIP."""
    response = post(client, zip_code=typed)
    assert response.status_code == 302, field_error(response, "zip_code")
    assert CallbackRequest.objects.get().zip_code == "01103"


@pytest.mark.parametrize("typed", ["1103", "ABCDE", "01103-12", "0110-31234"])
def test_zip_codes_in_the_wrong_shape_are_refused(client, typed):
    """Anything but 5 digits (or ZIP+4) gets an example of a good ZIP code."""
    response = post(client, zip_code=typed)
    assert field_error(response, "zip_code") == "Enter a 5-digit ZIP code, for example 01103"


def test_a_zip_code_that_does_not_exist_is_refused(client):
    """A well-formed ZIP that no place has is named as not found."""
    response = post(client, zip_code="99999")
    assert field_error(response, "zip_code") == (
        "We couldn't find that ZIP code. Check it and try again."
    )
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("typed", ["02108", "10001", "06510", "01608"])
def test_a_zip_code_outside_the_service_area_gets_a_kind_message(client, typed):
    """Boston, New York, New Haven or Worcester: told kindly, with the area and phone number."""
    response = post(client, zip_code=typed)
    message = field_error(response, "zip_code")
    assert message.startswith("Sorry, we can only take callback requests from our service area.")
    assert "Western Massachusetts and Northern Connecticut" in message
    assert "413-693-2852" in message
    assert ("#id_zip_code", message) in error_summary(response)
    assert form_page(response).find("input", attrs={"name": "zip_code"})["value"] == typed
    assert not CallbackRequest.objects.exists()


SERVED_COUNTIES = (
    "Berkshire, Franklin, Hampden and Hampshire counties in Massachusetts; "
    "Hartford, Litchfield, Tolland and Windham counties in Connecticut"
)


def test_the_out_of_area_message_names_the_counties_served_by_state(client):
    """The counties come from the service area table, grouped by state."""
    message = field_error(post(client, zip_code="02108"), "zip_code")
    assert f"That is {SERVED_COUNTIES}. Please call us" in message


def test_the_out_of_area_message_follows_the_service_area_table(client):
    """A county added in the admin appears in the message at once; no text to keep in step."""
    ServiceAreaCounty.objects.create(state="MA", county="Worcester")
    ServiceAreaCounty.objects.create(state="NY", county="Albany")
    message = field_error(post(client, zip_code="02108"), "zip_code")
    assert (
        "That is Berkshire, Franklin, Hampden, Hampshire and Worcester counties in Massachusetts; "
        "Hartford, Litchfield, Tolland and Windham counties in Connecticut; "
        "Albany County in New York."
    ) in message


def test_a_name_made_only_of_spaces_is_refused(client):
    """Spaces alone are not a name."""
    assert field_error(post(client, full_name="    "), "full_name") == "Enter your full name"


def test_a_name_is_stored_with_tidy_spacing(client):
    """Extra spaces a phone keyboard adds are dropped."""
    post(client, full_name="  Maria   Lopez ")
    assert CallbackRequest.objects.get().full_name == "Maria Lopez"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "x" * 101, "Your name must be 100 characters or fewer"),
        ("zip_code", "0" * 11, "Enter a 5-digit ZIP code, for example 01103"),
        (
            "email",
            "a" * 250 + "@x.org",
            "Enter an email address like name@example.com, or leave this empty",
        ),
    ],
)
def test_every_field_has_a_length_limit(client, field, value, message):
    """Overlong answers are refused with a plain message, not cut or stored."""
    assert field_error(post(client, **{field: value}), field) == message
    assert not CallbackRequest.objects.exists()


def test_an_unknown_procedure_or_time_is_refused(client):
    """Values that are not among the choices are refused in plain words."""
    response = post(client, procedure="brain-surgery", best_time="midnight")
    assert field_error(response, "procedure") == "Choose what you would like to talk about"
    assert field_error(response, "best_time") == "Choose the best time to call you"


def test_a_bad_email_address_is_refused(client):
    """An email address that cannot work gets an example of one that can."""
    response = post(client, email="maria at home")
    assert field_error(response, "email") == (
        "Enter an email address like name@example.com, or leave this empty"
    )


def test_the_callback_form_is_linked_from_every_page(client):
    """Patients can reach the form from any page."""
    procedure = make_procedure()
    target = reverse("appointments:callback_request")
    for url in ["/", "/procedures/", procedure.get_absolute_url(), "/no-such-page/"]:
        assert form_page(client.get(url)).find("a", href=target), url
