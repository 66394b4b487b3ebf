"""Clean text in: every box patients and the front desk type into refuses hidden and unreadable
characters with a plain message on the box, keeps what was typed, and saves nothing."""

import pytest
from django.urls import reverse

from appointments.forms import CallbackRequestForm
from appointments.models import CallAttempt, CallbackRequest, Notification
from appointments.typed_text import refused_characters
from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import (
    TEST_BROWSER,
    change_form,
    field_error,
    form_page,
    good_answers,
)
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db

NAME_MESSAGE = (
    "Your name has a hidden or unreadable character in it (it may have come with copied "
    "text). Type your name again, without pasting."
)

REAL_NAMES = [
    "Maria Lopez",
    "Seán O'Brien",
    "Seán O’Brien",  # noqa: RUF001 (a curly apostrophe, as phones type it)
    "Anne-Marie Dupont-Leclerc",
    "José Núñez",
    "Jose\u0301 Nu\u0303n\u0303ez",  # the same accents typed as combining marks
    "Nguyễn Thị Minh Khai",
    "Zoë Ørsted Łukasz",
    "Ἀλέξανδρος",
    "Владимир Петров",
    "李小龍",
    "김민준",
    "محمد\u200cرضا",  # noqa: RUF001 (Persian: a zero-width non-joiner between letters)
    "क्\u200dष",  # Devanagari: a zero-width joiner between letters
    "Dr. J. R. Smith Jr.",
    "Maria\u00a0Lopez",  # a no-break space, pasted from a document
]

HIDDEN = [
    "Maria\x00Lopez",  # NUL
    "Maria\x1b[31mLopez",  # an ANSI escape sequence
    "Maria\x07",  # BEL
    "Maria\x7fLopez",  # DEL
    "\u202eZEPOL airaM",  # a right-to-left override
    "Maria\u2066Lopez\u2069",  # bidi isolates
    "Ma\u200bria",  # a zero-width space
    "\ufeffMaria",  # a byte-order mark
    "Maria\u00adLopez",  # a soft hyphen
    "Maria\ue000",  # private use
    "Maria\U000f0000",  # private use, plane 15
    "Maria\ufffeLopez",  # a noncharacter
    "Maria\ufffdLopez",  # U+FFFD: bytes that were not UTF-8
    "Maria\u2028Lopez",  # a line separator
    "Maria\nLopez",  # a line break in a one-line box
    "\u200dMaria",  # a joiner not between letters
    "Maria \u200c Lopez",
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_names_in_every_script_are_accepted(client, name):
    """Apostrophes, hyphens, accents, non-Latin scripts, ZWJ/ZWNJ between letters: saved."""
    response = client.post(FORM_URL, good_answers(full_name=name))
    assert response.status_code == 302, field_error(response, "full_name")
    assert CallbackRequest.objects.count() == 1


def test_a_name_is_stored_in_one_unicode_form(client):
    """Accents typed as combining marks are stored as the single characters (NFC), so a search
    for the name finds it however it was typed."""
    client.post(FORM_URL, good_answers(full_name="Jose\u0301 Nu\u0301n\u0303ez"))
    assert CallbackRequest.objects.get().full_name == "José Núñez"


@pytest.mark.parametrize("name", HIDDEN)
def test_a_name_with_hidden_characters_is_refused_on_its_box_keeping_what_was_typed(client, name):
    """Control, format, private-use characters, U+FFFD, lone surrogates: a message on the name's
    box, the name kept in it, and nothing saved."""
    response = client.post(FORM_URL, good_answers(full_name=name))
    assert response.status_code == 200
    assert field_error(response, "full_name") == NAME_MESSAGE
    assert form_page(response).find(id="id_full_name")["value"] == name.strip()
    assert CallbackRequest.objects.count() == 0
    assert Notification.objects.count() == 0


def test_a_lone_surrogate_is_refused_on_its_box():
    """A lone surrogate (which no UTF-8 body can carry, but a form can be given) is refused."""
    form = CallbackRequestForm(good_answers(full_name="Maria\ud800Lopez"), browser=TEST_BROWSER)
    assert not form.is_valid()
    assert form.errors["full_name"] == [NAME_MESSAGE]


def test_invalid_utf8_in_the_body_is_refused_on_its_box(client):
    """Bytes that are not UTF-8 arrive as U+FFFD: refused on the box, not stored as typed."""
    body = (
        "&".join(f"{k}={v}" for k, v in good_answers(full_name="x").items() if k != "full_name")
        + "&full_name=Jos%E9+N%FA%F1ez"
    )
    response = client.generic(
        "POST", FORM_URL, body.encode(), content_type="application/x-www-form-urlencoded"
    )
    assert field_error(response, "full_name") == NAME_MESSAGE
    assert CallbackRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("phone", "Enter a US phone number with its area code, for example 413-555-0123"),
        ("zip_code", "Enter a 5-digit ZIP code, for example 01103"),
        ("email", "Enter an email address like name@example.com, or leave this empty"),
    ],
)
@pytest.mark.parametrize("hidden", ["\x00", "\u202e", "\ufffd", "\x1b"])
def test_every_other_box_of_the_form_refuses_hidden_characters_in_its_own_words(
    client, field, message, hidden
):
    """Phone, ZIP code and email: the box's own plain message, nothing saved."""
    good = {"phone": "413-555-0123", "zip_code": "01103", "email": "maria@example.org"}
    response = client.post(FORM_URL, good_answers(**{field: good[field] + hidden}))
    assert field_error(response, field) == message
    assert CallbackRequest.objects.count() == 0


def test_nul_gets_only_the_plain_message_not_djangos(client):
    """Django's own “Null characters are not allowed.” is not shown beside the plain one."""
    response = client.post(FORM_URL, good_answers(full_name="Maria\x00"))
    assert "Null characters" not in response.content.decode()


def test_the_rule_lets_line_breaks_and_tabs_through_only_in_boxes_of_several_lines():
    """A note of several lines may have line breaks and tabs; a one-line box may not."""
    assert refused_characters("one\r\ntwo\tthree", multiline=True) == []
    assert refused_characters("one\r\ntwo\tthree") == ["\r", "\n", "\t"]
    assert refused_characters("one\x00two", multiline=True) == ["\x00"]
    assert refused_characters("one\u2028two", multiline=True) == ["\u2028"]


# --- the front desk's forms in the admin --------------------------------------


@pytest.mark.parametrize("hidden", ["\x00", "\u202e", "\ufffd", "\x1b[2J"])
def test_the_front_desk_cannot_save_a_name_with_hidden_characters(front_desk, hidden):
    """Correcting a patient's name in the admin: refused on the box, the request unchanged."""
    request = make_callback_request(full_name="Maria Lopez")
    response = change_form(front_desk, request, full_name="Maria " + hidden + "Lopez")
    assert response.status_code == 200
    errors = form_page(response).select(".field-full_name .errorlist li")
    assert [e.get_text() for e in errors] == [
        "This has a hidden or unreadable character in it (it may have come with copied text). "
        "Type it again, without copying and pasting."
    ]
    request.refresh_from_db()
    assert request.full_name == "Maria Lopez"


@pytest.mark.parametrize("hidden", ["\x00", "\u202e", "\ufffd", "\x07"])
def test_a_call_note_with_hidden_characters_is_refused_and_no_call_is_logged(front_desk, hidden):
    """The call log's note: refused on the box, no call saved, the status unchanged."""
    request = make_callback_request()
    response = change_form(
        front_desk,
        request,
        **{
            "call_attempts-TOTAL_FORMS": "1",
            "call_attempts-0-made_at_0": "2026-11-27",
            "call_attempts-0-made_at_1": "10:30",
            "call_attempts-0-outcome": "voicemail",
            "call_attempts-0-note": "Left a message" + hidden,
        },
    )
    assert response.status_code == 200
    assert "hidden or unreadable character" in response.content.decode()
    assert CallAttempt.objects.count() == 0
    request.refresh_from_db()
    assert request.status == CallbackRequest.Status.NEW


def test_a_county_with_hidden_characters_is_refused(admin_client):
    """The service area's county names follow the same rule (superusers edit them)."""
    response = admin_client.post(
        reverse("admin:appointments_serviceareacounty_add"),
        {"state": "MA", "county": "Hamp\u202eden"},
    )
    assert response.status_code == 200
    assert "hidden or unreadable character" in response.content.decode()
