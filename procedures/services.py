"""Writes to procedure content that touch several rows or other systems."""

from datetime import date
from types import ModuleType

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.formats import date_format

from procedures.models import (
    ClinicDetails,
    ClinicDetailsChange,
    LanguageHelpNotice,
    Procedure,
    Question,
    Section,
    StarterContentLoad,
    Step,
    WarningSign,
)
from procedures.publishing import page_publish, public_pages_clear_cache, working_copy_is_live
from procedures.spanish_review import fingerprints

POSITION_GAP = 10


@transaction.atomic
def clinic_details_save(
    *, details: ClinicDetails, by, undoes: ClinicDetailsChange | None = None
) -> ClinicDetails:
    """Save the clinic's details and show them on every page from the next visit on.

    What changed is recorded (ClinicDetailsChange) with who changed it (`by`, a user), so a
    wrong phone number can be traced and undone (clinic_details_change_undo).
    """
    stored = ClinicDetails.objects.select_for_update().filter(pk=ClinicDetails.SINGLETON_PK)
    before = ClinicDetailsChange.values_of(stored.first())
    details.save()
    ClinicDetailsChange.record(
        before=before, after=ClinicDetailsChange.values_of(details), by=by, undoes=undoes
    )
    transaction.on_commit(lambda: ClinicDetails.objects.remember(details))
    public_pages_clear_cache()
    return details


@transaction.atomic
def language_help_notice_save(*, notice: LanguageHelpNotice) -> LanguageHelpNotice:
    """Save one more language's sentence; the language help page shows it from the next visit."""
    notice.save()
    public_pages_clear_cache()
    return notice


@transaction.atomic
def language_help_notice_delete(*, notice: LanguageHelpNotice) -> None:
    notice.delete()
    public_pages_clear_cache()


@transaction.atomic
def clinic_details_change_undo(*, change: ClinicDetailsChange, by) -> ClinicDetails:
    """Put back the values the clinic's details had before `change`, for the fields it
    changed, as a save of its own (recorded too). ValidationError if they are no longer
    valid; nothing is saved then."""
    details = ClinicDetails.objects.select_for_update().get(pk=ClinicDetails.SINGLETON_PK)
    for name, value in change.values_before.items():
        setattr(details, name, value)
    details.full_clean()
    return clinic_details_save(details=details, by=by, undoes=change)


@transaction.atomic
def procedure_create_from_content(*, content: ModuleType) -> Procedure:
    """Create a published procedure, with its sections and lists, from a content module.

    See procedures/content/port_placement.py for the shape of a content module. The page
    is reviewed by nobody: no one at the clinic has checked it yet, and the page says so
    until an editor records a clinical review (clinical_review_record).
    """
    procedure = Procedure(**content.PROCEDURE)
    procedure.full_clean()
    procedure.save()
    for index, section in enumerate(content.SECTIONS, start=1):
        Section.objects.create(procedure=procedure, position=index * POSITION_GAP, **section)
    Step.objects.bulk_create(
        Step(procedure=procedure, position=index * POSITION_GAP, text=text)
        for index, text in enumerate(content.STEPS, start=1)
    )
    WarningSign.objects.bulk_create(
        WarningSign(procedure=procedure, tier=tier, position=index * POSITION_GAP, text=text)
        for tier, signs in content.WARNING_SIGNS.items()
        for index, text in enumerate(signs, start=1)
    )
    Question.objects.bulk_create(
        Question(procedure=procedure, position=index * POSITION_GAP, text=text)
        for index, text in enumerate(content.QUESTIONS, start=1)
    )
    page_publish(procedure=procedure, by=None, note="The clinic's starter page")
    return procedure


def spanish_from_content(*, procedure: Procedure, english: ModuleType, spanish: ModuleType) -> int:
    """Fill the procedure's empty Spanish fields from a Spanish content module; the count filled.

    A part gets the module's Spanish only while its English is still the starter's English
    (the same part at the same place), so an editor's rewrite never gets a stale
    translation beside it, and Spanish an editor wrote is never replaced.
    """
    filled = 0

    def fill(row, field: str, english_text: str, spanish_text: str) -> None:
        nonlocal filled
        if getattr(row, f"{field}_en") == english_text and not getattr(row, f"{field}_es"):
            setattr(row, f"{field}_es", spanish_text)
            filled += 1

    for field, spanish_text in spanish.PROCEDURE.items():
        fill(procedure, field, english.PROCEDURE[field], spanish_text)
    procedure.save()
    sections = list(procedure.sections.order_by("position", "pk"))
    for row, en, es in zip(sections, english.SECTIONS, spanish.SECTIONS, strict=False):
        fill(row, "heading", en["heading"], es["heading"])
        fill(row, "body", en["body"], es["body"])
        row.save()
    lists = [
        (procedure.steps.order_by("position", "pk"), english.STEPS, spanish.STEPS),
        (procedure.questions.order_by("position", "pk"), english.QUESTIONS, spanish.QUESTIONS),
        *[
            (
                procedure.warning_signs.filter(tier=tier).order_by("position", "pk"),
                english.WARNING_SIGNS[tier],
                spanish.WARNING_SIGNS[tier],
            )
            for tier in english.WARNING_SIGNS
        ],
    ]
    for rows, english_texts, spanish_texts in lists:
        for row, en, es in zip(rows, english_texts, spanish_texts, strict=False):
            fill(row, "text", en, es)
            row.save()
    return filled


@transaction.atomic
def starter_spanish_load(*, english: ModuleType, spanish: ModuleType) -> Procedure | None:
    """Add the Spanish starter text to the English starter page, the first time only.

    None if it was loaded before, or the page is gone. A database made before Spanish came
    gets it on its next `make run`, beside whatever editors have changed since.
    """
    slug = english.PROCEDURE["slug"]
    _, first_time = StarterContentLoad.objects.get_or_create(name=f"{slug}:es")
    procedure = Procedure.objects.filter(slug=slug).first()
    if not first_time or procedure is None:
        return None
    # Patients get the Spanish at once only if editors have nothing unpublished on the page;
    # otherwise it waits in the working copy for their next publish.
    was_live = working_copy_is_live(procedure)
    spanish_from_content(procedure=procedure, english=english, spanish=spanish)
    if was_live:
        page_publish(procedure=procedure, by=None, note="The clinic's starter Spanish")
    return procedure


@transaction.atomic
def starter_content_load(*, content: ModuleType) -> Procedure | None:
    """Create the content module's procedure the first time only; None if it was ever loaded.

    Loading is recorded by the page's slug, so a page editors later delete stays deleted.
    """
    _, first_time = StarterContentLoad.objects.get_or_create(name=content.PROCEDURE["slug"])
    if not first_time:
        return None
    return procedure_create_from_content(content=content)


@transaction.atomic
def spanish_review_record(
    *, procedure: Procedure, reviewed_by: str, reviewed_on: date | None
) -> Procedure:
    """Record who reviewed the Spanish and when, and what the English said at that time.

    From then on, editors see which parts' English changed after this review
    (procedures/spanish_review.py). With no reviewer (both left empty), the page is back to
    "not reviewed yet", and the Spanish page says so to patients.
    """
    procedure = Procedure.objects.with_page_parts().select_for_update().get(pk=procedure.pk)
    procedure.spanish_reviewed_by = reviewed_by.strip()
    procedure.spanish_reviewed_on = reviewed_on
    reviewed = procedure.spanish_is_reviewed
    procedure.english_at_spanish_review = fingerprints(procedure) if reviewed else {}
    procedure.save(
        update_fields=[
            "spanish_reviewed_by",
            "spanish_reviewed_on",
            "english_at_spanish_review",
            "updated_at",
        ]
    )
    public_pages_clear_cache()
    return procedure


@transaction.atomic
def clinical_review_record(
    *,
    procedure: Procedure,
    reviewed_by: str,
    reviewed_on: date,
    next_review_due: date,
    by: User,
) -> Procedure:
    """Record that a clinician checked the page's medical facts, and when it is due again.

    The form (procedures/admin/clinical_review.py) has refused dates in the future or
    past. The page's history (the admin's LogEntry) keeps who recorded it and when;
    patients see the new review on their next visit.
    """
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    procedure.reviewed_by = reviewed_by.strip()
    procedure.last_reviewed = reviewed_on
    procedure.next_review_due = next_review_due
    procedure.save(update_fields=["reviewed_by", "last_reviewed", "next_review_due", "updated_at"])
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[procedure],
        action_flag=CHANGE,
        change_message=clinical_review_message(procedure),
        single_object=True,
    )
    public_pages_clear_cache()
    return procedure


def clinical_review_message(procedure: Procedure) -> str:
    """The review in words, as the page's history and the editor's confirmation say it."""
    return (
        f"Recorded a clinical review by {procedure.reviewed_by} on "
        f"{date_format(procedure.last_reviewed, 'F j, Y')}. Next review due "
        f"{date_format(procedure.next_review_due, 'F j, Y')}."
    )
