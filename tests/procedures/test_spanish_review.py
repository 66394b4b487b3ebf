"""The translator's review of the Spanish, and which parts' English changed after it."""

from datetime import date

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.urls import reverse

from procedures import spanish_review
from procedures.models import Procedure, Section, Step
from procedures.services import spanish_review_record
from tests.factories import add_question, add_section, add_step, add_warning_sign, make_procedure
from tests.procedures.helpers import save_in_admin

pytestmark = pytest.mark.django_db

REVIEWED_ON = date(2026, 11, 20)
TRANSLATOR = "Ana Rivera, CMI-Spanish"


def fresh(procedure: Procedure) -> Procedure:
    """The procedure as the admin reads it, with its sections and lists."""
    return Procedure.objects.with_page_parts().get(pk=procedure.pk)


def reviewed_page():
    """A page with two sections, a steps section with its steps, signs and questions,
    whose Spanish a translator has just reviewed."""
    procedure = make_procedure(title="Port placement")
    ready = add_section(procedure, "How to get ready", position=10, body="Eat a light meal.")
    steps = add_section(procedure, "What happens", kind=Section.Kind.STEPS, position=20)
    add_step(procedure, "You lie down.", position=10)
    add_step(procedure, "We numb the skin.", position=20)
    add_warning_sign(procedure, "Fever")
    add_question(procedure, "How long will it take?")
    spanish_review_record(procedure=procedure, reviewed_by=TRANSLATOR, reviewed_on=REVIEWED_ON)
    return fresh(procedure), ready, steps


def stale_keys(procedure) -> list[str]:
    return [part.key for part in spanish_review.out_of_date_parts(fresh(procedure))]


def test_fingerprints_cover_the_page_each_section_and_each_list():
    """One fingerprint for the page's own text, one per section, one per list."""
    procedure, ready, steps = reviewed_page()
    assert set(spanish_review.fingerprints(procedure)) == {
        "page",
        f"section:{ready.pk}",
        f"section:{steps.pk}",
        "steps",
        "warning_signs",
        "questions",
    }


def test_recording_a_review_makes_every_part_current():
    """Right after the review, the Spanish is reviewed and nothing is out of date."""
    procedure, _, _ = reviewed_page()
    assert procedure.spanish_is_reviewed
    assert procedure.english_at_spanish_review == spanish_review.fingerprints(procedure)
    assert spanish_review.out_of_date_parts(procedure) == []
    assert (procedure.spanish_reviewed_by, procedure.spanish_reviewed_on) == (
        TRANSLATOR,
        REVIEWED_ON,
    )


def test_a_page_never_reviewed_is_not_reviewed_and_lists_no_parts():
    """Without a recorded review the whole Spanish is unreviewed: no part is singled out."""
    procedure = make_procedure()
    add_section(procedure, "What is it?")
    assert not fresh(procedure).spanish_is_reviewed
    assert spanish_review.out_of_date_parts(fresh(procedure)) == []


def test_an_english_change_in_one_section_names_that_section_only():
    """Editing one section's English marks that section, by its heading, and nothing else."""
    procedure, ready, _ = reviewed_page()
    Section.objects.filter(pk=ready.pk).update(body_en="Eat nothing after midnight.")
    parts = spanish_review.out_of_date_parts(fresh(procedure))
    assert [(part.key, part.label) for part in parts] == [
        (f"section:{ready.pk}", "Section “How to get ready”")
    ]
    assert spanish_review.out_of_date_section_pks(fresh(procedure)) == {ready.pk}


def test_line_ending_and_trailing_space_changes_do_not_count():
    """The same text saved with CRLF line endings and spaces at line ends is not a change."""
    procedure = make_procedure(summary="- It is quick.\n- You go home the same day.")
    section = add_section(procedure, "What is it?", body="First line.\n\nSecond line.")
    spanish_review_record(procedure=procedure, reviewed_by=TRANSLATOR, reviewed_on=REVIEWED_ON)
    Procedure.objects.filter(pk=procedure.pk).update(
        summary_en="- It is quick.  \r\n- You go home the same day.\r\n"
    )
    Section.objects.filter(pk=section.pk).update(body_en="First line. \r\n\r\nSecond line.\r\n")
    assert stale_keys(procedure) == []


def test_a_spanish_change_alone_leaves_everything_current():
    """Editors improving the Spanish do not make it out of date: only the English counts."""
    procedure, ready, _ = reviewed_page()
    Section.objects.filter(pk=ready.pk).update(body_es="Coma algo ligero.")
    Procedure.objects.filter(pk=procedure.pk).update(title_es="Colocación de un puerto")
    assert stale_keys(procedure) == []


def test_a_changed_step_marks_the_steps_section():
    """A step's English is shown under the “What happens” section: that section is marked."""
    procedure, _, steps = reviewed_page()
    Step.objects.filter(text_en="You lie down.").update(text_en="You lie on your back.")
    parts = spanish_review.out_of_date_parts(fresh(procedure))
    assert [(part.key, part.label, part.section_pk) for part in parts] == [
        ("steps", "Numbered steps (in “What happens”)", steps.pk)
    ]
    assert spanish_review.out_of_date_section_pks(fresh(procedure)) == {steps.pk}


def test_an_added_step_warning_sign_or_question_marks_its_list():
    """A new item in a list is English the translator has not seen."""
    procedure, _, _ = reviewed_page()
    add_step(procedure, "You rest for an hour.", position=30)
    add_warning_sign(procedure, "Chest pain", tier="emergency")
    add_question(procedure, "Will it hurt?", position=10)
    assert stale_keys(procedure) == ["steps", "warning_signs", "questions"]


def test_a_section_added_after_the_review_is_out_of_date():
    """A new section's Spanish was never reviewed."""
    procedure, _, _ = reviewed_page()
    new = add_section(procedure, "Recovery at home", position=30)
    assert stale_keys(procedure) == [f"section:{new.pk}"]


def test_a_change_to_the_title_marks_the_page_part():
    """The title, summary and search details count as one part, “page”."""
    procedure, _, _ = reviewed_page()
    Procedure.objects.filter(pk=procedure.pk).update(meta_description_en="New description.")
    parts = spanish_review.out_of_date_parts(fresh(procedure))
    assert [(part.key, part.label) for part in parts] == [
        ("page", "Title, summary and search details")
    ]


def test_a_review_needs_both_the_translator_and_the_date():
    """A name without a date, or a date without a name, is refused in plain words."""
    procedure = make_procedure()
    procedure.spanish_reviewed_by = TRANSLATOR
    with pytest.raises(ValidationError) as raised:
        procedure.full_clean()
    assert raised.value.message_dict["spanish_reviewed_on"] == [
        "Give the date the translator reviewed the Spanish."
    ]
    procedure.spanish_reviewed_by, procedure.spanish_reviewed_on = "", REVIEWED_ON
    with pytest.raises(ValidationError) as raised:
        procedure.full_clean()
    assert raised.value.message_dict["spanish_reviewed_by"] == [
        "Say which qualified medical translator reviewed the Spanish."
    ]


def test_the_admin_records_a_review_through_the_service(
    admin_client, django_capture_on_commit_callbacks
):
    """Saving who and when in the admin records the English as it is, and drops cached pages."""
    procedure, ready, _ = reviewed_page()
    Section.objects.filter(pk=ready.pk).update(body_en="Eat nothing after midnight.")
    assert stale_keys(procedure) == [f"section:{ready.pk}"]
    caches["pages"].set("a-cached-page", "old")

    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    changes = {
        "spanish_reviewed_by": "Luis Ortiz, CHI-Spanish",
        "spanish_reviewed_on": "2026-11-25",
    }
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(admin_client, url, changes)

    procedure = fresh(procedure)
    assert procedure.spanish_reviewed_by == "Luis Ortiz, CHI-Spanish"
    assert procedure.spanish_reviewed_on == date(2026, 11, 25)
    assert procedure.english_at_spanish_review == spanish_review.fingerprints(procedure)
    assert stale_keys(procedure) == []
    assert caches["pages"].get("a-cached-page") is None


def test_an_admin_save_that_leaves_the_review_alone_keeps_the_record(admin_client):
    """Changing the English in the admin, review untouched, leaves that part out of date."""
    procedure, _, _ = reviewed_page()
    url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    save_in_admin(admin_client, url, {"title_en": "Port placement for chemotherapy"})
    assert stale_keys(procedure) == ["page"]
    assert fresh(procedure).spanish_reviewed_by == TRANSLATOR


def test_a_review_dated_in_the_future_is_refused():
    """A review cannot be recorded before it happened."""
    procedure = make_procedure()
    procedure.spanish_reviewed_by = TRANSLATOR
    procedure.spanish_reviewed_on = date(2099, 1, 1)
    with pytest.raises(ValidationError) as raised:
        procedure.full_clean()
    assert raised.value.message_dict["spanish_reviewed_on"] == [
        "The Spanish review cannot be in the future."
    ]
