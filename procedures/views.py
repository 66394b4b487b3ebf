"""Public pages about the clinic's procedures."""

from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from procedures.context_processors import page_address
from procedures.models import ClinicDetails, Procedure, Section
from procedures.page_content import PageContent
from procedures.structured_data import as_script_json, procedure_page_data
from procedures.translated import in_english_only


def home(request):
    return render(request, "procedures/home.html", {"procedures": live_procedures()})


def procedure_list(request):
    return render(request, "procedures/procedure_list.html", {"procedures": live_procedures()})


def live_procedures() -> list[Procedure]:
    """Published procedures as patients see them (titles and descriptions as published)."""
    procedures = Procedure.objects.published().with_live_revision()
    return sorted(
        (live_page(procedure).procedure for procedure in procedures),
        key=lambda procedure: procedure.title,
    )


def procedure_detail(request, slug):
    """The explainer, from the version last published: one query, whatever its length."""
    procedure = get_object_or_404(
        Procedure.objects.published().with_live_revision(),
        live_revision__content__procedure__slug=slug,
    )
    return render_procedure_page(request, live_page(procedure))


def live_page(procedure: Procedure) -> PageContent:
    return PageContent.from_snapshot(procedure.live_revision.content, row=procedure)


def render_procedure_page(request, page: PageContent, *, preview: str = ""):
    """The explainer page; the admin's previews use it too, with `preview` saying what
    the editor is looking at (“the unsaved changes”, “version 4”...)."""
    procedure = page.procedure
    sections = list(page.sections)
    give_anchors(sections)
    kinds = {section.kind for section in sections}
    warning_signs = page.warning_signs
    steps = page.steps
    questions = page.questions
    structured_data = procedure_page_data(page, ClinicDetails.objects.current())
    context = {
        "procedure": procedure,
        "sections": sections,
        "steps": steps,
        "call_clinic_signs": [s for s in warning_signs if s.tier == s.Tier.CALL_CLINIC],
        "emergency_signs": [s for s in warning_signs if s.tier == s.Tier.EMERGENCY],
        "questions": questions,
        # A list with any item only in English says so once, above it.
        "steps_in_english": any(in_english_only(step, "text") for step in steps),
        "warning_signs_in_english": any(in_english_only(s, "text") for s in warning_signs),
        "questions_in_english": any(in_english_only(q, "text") for q in questions),
        # Lists whose section an editor has not added yet still show, at the end.
        "steps_need_own_section": Section.Kind.STEPS not in kinds,
        "warning_signs_need_own_section": Section.Kind.WARNING_SIGNS not in kinds,
        "questions_need_own_section": Section.Kind.QUESTIONS not in kinds,
        "structured_data": mark_safe(as_script_json(structured_data)),  # noqa: S308 - escaped
        "preview": preview,
        # The public address, also when staff preview the page from the admin.
        **page_address(request, procedure.get_absolute_url()),
    }
    return render(request, "procedures/procedure_detail.html", context)


# Ids the page itself uses; a section heading never takes one of them.
PAGE_IDS = {
    "main",
    "in-short",
    "on-this-page",
    "steps",
    "warning-signs",
    "questions",
    "about-this-page",
}


def give_anchors(sections: list[Section]) -> None:
    """Give each section a unique id for the “On this page” links, made from its heading."""
    used = set(PAGE_IDS)
    for section in sections:
        base = slugify(section.heading) or "section"
        anchor, number = base, 2
        while anchor in used:
            anchor, number = f"{base}-{number}", number + 1
        used.add(anchor)
        section.anchor = anchor
