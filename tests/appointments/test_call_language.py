"""The question every patient is asked: the language to call them in, and whether they need an
interpreter; how it is stored, corrected, and what the front desk sees of it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from appointments.models import CallbackRequest
from appointments.services import Outcome
from tests.appointments.factories import make_callback_request, submit_through_service
from tests.appointments.helpers import error_summary, field_error, form_page, good_answers
from tests.appointments.test_work_queue import rows
from tests.helpers import real_commits
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db

SPANISH_FORM = "/es" + FORM_URL
LIST = reverse("admin:appointments_callbackrequest_changelist")


def checked(page, name: str) -> list[str]:
    return [box["value"] for box in page.select(f"input[name={name}]") if box.has_attr("checked")]


def test_the_language_of_the_page_is_offered_and_the_interpreter_question_is_not_answered(
    client,
):
    """English is chosen on the English form and Spanish on the Spanish one (the language the
    patient is reading, changed with one tap); nobody is answered “No interpreter” for."""
    english = form_page(client.get(FORM_URL))
    spanish = form_page(client.get(SPANISH_FORM))
    assert checked(english, "call_language") == ["en"]
    assert checked(spanish, "call_language") == ["es"]
    assert checked(english, "needs_interpreter") == []
    assert checked(spanish, "needs_interpreter") == []
    choices = [label.get_text() for label in english.select("#div_id_call_language label")]
    assert choices == ["English", "Spanish (español)", "Another language"]
    choices = [label.get_text() for label in spanish.select("#div_id_call_language label")]
    assert choices == ["Inglés (English)", "Español", "Otro idioma"]
    answers = [label.get_text() for label in english.select("#div_id_needs_interpreter label")]
    assert answers == ["Yes", "No", "Not sure"]


def test_the_answers_are_stored_with_the_language_of_the_form(client):
    """Spanish, with an interpreter, from the English form: all three are kept as sent."""
    response = client.post(FORM_URL, good_answers(call_language="es", needs_interpreter="yes"))
    assert response.status_code == 302
    saved = CallbackRequest.objects.get()
    assert (saved.call_language, saved.call_language_other) == ("es", "")
    assert (saved.needs_interpreter, saved.page_language) == ("yes", "en")


def test_another_language_is_kept_as_written_with_tidy_spacing(client):
    """“Another language: Haitian Creole”, typed with stray spaces, is stored tidy (NFC)."""
    client.post(
        FORM_URL,
        good_answers(
            call_language="other",
            call_language_other="  Kreyo\u0300l   ayisyen ",
            needs_interpreter="not_sure",
        ),
    )
    saved = CallbackRequest.objects.get()
    assert (saved.call_language, saved.call_language_other) == ("other", "Kreyòl ayisyen")


def test_another_language_needs_its_name_and_nothing_else_is_lost(client):
    """“Another language” with no language written: a plain message on that box, every other
    answer as typed, nothing saved."""
    response = client.post(
        FORM_URL, good_answers(call_language="other", call_language_other="", full_name="Ana Ruiz")
    )
    message = "Write which language we should speak, for example Portuguese"
    assert field_error(response, "call_language_other") == message
    assert ("#id_call_language_other", message) in error_summary(response)
    page = form_page(response)
    assert checked(page, "call_language") == ["other"]
    assert page.find("input", attrs={"name": "full_name"})["value"] == "Ana Ruiz"
    assert not CallbackRequest.objects.exists()


def test_a_language_typed_beside_english_or_spanish_is_not_kept(client):
    """The box is only for “another language”: chosen Spanish, a word left in it is dropped."""
    client.post(FORM_URL, good_answers(call_language="es", call_language_other="Portuguese"))
    assert CallbackRequest.objects.get().call_language_other == ""


@pytest.mark.parametrize(
    "typed, message",
    [
        (
            "Portu\u202eguese",
            "This has a hidden or unreadable character in it (it may have come with copied "
            "text). Type the language again, without pasting.",
        ),
        ("x" * 61, "Write the language in 60 characters or fewer"),
    ],
    ids=["hidden character", "too long"],
)
def test_the_other_language_box_follows_the_typed_text_rules(client, typed, message):
    """Hidden characters and overlong text are refused like in every box, in plain words."""
    response = client.post(FORM_URL, good_answers(call_language="other", call_language_other=typed))
    assert field_error(response, "call_language_other") == message
    assert not CallbackRequest.objects.exists()


@pytest.mark.parametrize("field", ["call_language", "needs_interpreter"])
def test_a_made_up_answer_is_refused_in_plain_words(client, field):
    """A value the form never offered gets the same message as no answer."""
    response = client.post(FORM_URL, good_answers(**{field: "klingon"}))
    assert field_error(response, field) in {
        "Choose the language we should speak when we call you",
        "Tell us if you need an interpreter, or choose “Not sure”",
    }
    assert not CallbackRequest.objects.exists()


def test_a_patient_who_sends_again_updates_the_language_and_interpreter(client):
    """Back, “Another language: Portuguese” and “Yes”, Send: the same request, corrected."""
    answers = good_answers()
    client.post(FORM_URL, answers)
    changed = answers | {
        "call_language": "other",
        "call_language_other": "Portuguese",
        "needs_interpreter": "yes",
    }
    client.post(FORM_URL, changed)
    saved = CallbackRequest.objects.get()
    assert saved.corrected_at is not None
    assert (saved.call_language, saved.call_language_other, saved.needs_interpreter) == (
        "other",
        "Portuguese",
        "yes",
    )


def test_the_same_answers_on_a_fresh_form_are_the_same_request_and_new_ones_are_not():
    """The service compares the language answers too: the same ones sent again is the request
    already had; a different interpreter answer on the same form corrects it."""
    first = submit_through_service(needs_interpreter="no")
    again = submit_through_service(
        needs_interpreter="no", previous_reference=first.callback_request.reference
    )
    assert again.outcome == Outcome.ALREADY_HAD
    corrected = submit_through_service(
        needs_interpreter="yes", form_nonce=first.callback_request.form_token
    )
    assert corrected.outcome == Outcome.CORRECTED
    assert CallbackRequest.objects.get().needs_interpreter == "yes"


@pytest.mark.parametrize(
    "answers, shown",
    [
        ({"call_language": "en", "needs_interpreter": "no"}, "English"),
        ({"call_language": "es", "needs_interpreter": "yes"}, "Spanish · interpreter"),
        (
            {
                "call_language": "other",
                "call_language_other": "Portuguese",
                "needs_interpreter": "yes",
            },
            "Other: Portuguese · interpreter",
        ),
        ({"call_language": "en", "needs_interpreter": "not_sure"}, "English · interpreter?"),
        ({"call_language": "", "needs_interpreter": ""}, "Not asked"),
    ],
)
def test_the_queue_shows_the_language_and_interpreter_under_the_phone_number(
    front_desk, answers, shown
):
    """Under the phone number in the list (also on each card on a phone, labelled by its
    heading), in a few words."""
    make_callback_request(**answers)
    [row] = rows(front_desk.get(LIST))
    assert row["Phone and language"].select_one(".queue-language").get_text() == shown
    assert row["Phone and language"]["data-label"] == "Phone and language"


def test_the_requests_page_shows_the_language_answers(front_desk):
    """The request's page: language to call in (another: which), interpreter, form language."""
    request = make_callback_request(
        call_language="other",
        call_language_other="Portuguese",
        needs_interpreter="yes",
        page_language="es",
    )
    page = form_page(
        front_desk.get(reverse("admin:appointments_callbackrequest_change", args=[request.pk]))
    )
    shown = {
        name: page.select_one(f".field-{name} .readonly").get_text(strip=True)
        for name in ("language_to_call_in", "interpreter", "page_language")
    }
    assert shown == {
        "language_to_call_in": "Another language: Portuguese",
        "interpreter": "Yes",
        "page_language": "Spanish",
    }


@real_commits  # migrates for real; the data migrations' rows are put back afterwards
def test_requests_saved_before_the_question_count_as_english_forms_nobody_asked():
    """Migration 0016: older requests came from the English form and were never asked, so the
    language to call in and the interpreter need stay empty (“Not asked”), not guessed."""
    executor = MigrationExecutor(connection)
    executor.migrate([("appointments", "0015_drop_status_due_index")])
    old_apps = executor.loader.project_state([("appointments", "0015_drop_status_due_index")]).apps
    old_model = old_apps.get_model("appointments", "CallbackRequest")
    now = timezone.now()
    old_model.objects.create(
        reference="CB-OLD1",
        received_at=now,
        contact_due_at=now,
        full_name="Maria Lopez",
        phone="+14135550123",
        zip_code="01103",
        state="MA",
        county="Hampden",
        best_time="any_time",
        consent_to_call=True,
        consent_to_voicemail=False,
        consent_to_text=False,
        consent_version="old",
        consented_at=now,
        form_token="old-token",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    saved = CallbackRequest.objects.get(reference="CB-OLD1")
    assert (saved.page_language, saved.call_language, saved.needs_interpreter) == ("en", "", "")
    assert saved.language_in_words == "Not asked"


def test_the_same_answers_from_the_other_languages_page_are_the_same_request():
    """Back, then the Spanish page, the same answers, Send: the request already had (no second
    request, no “corrected” email for staff); a real correction from there records Spanish."""
    first = submit_through_service(page_language="en")
    again = submit_through_service(
        page_language="es", previous_reference=first.callback_request.reference
    )
    assert again.outcome == Outcome.ALREADY_HAD
    same_form = submit_through_service(
        page_language="es", form_nonce=first.callback_request.form_token
    )
    assert same_form.outcome == Outcome.ALREADY_HAD
    assert CallbackRequest.objects.get().page_language == "en"
    corrected = submit_through_service(
        page_language="es",
        best_time="weekday_morning",
        form_nonce=first.callback_request.form_token,
    )
    assert corrected.outcome == Outcome.CORRECTED
    assert CallbackRequest.objects.get().page_language == "es"
