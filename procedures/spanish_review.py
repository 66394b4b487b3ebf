"""Is a procedure's Spanish still a translation of its English? Part by part, for editors.

When a qualified medical translator reviews the Spanish, services.spanish_review_record keeps
a fingerprint of the English of each part of the page (`fingerprints`). Later, a part whose
English fingerprint differs was changed after the review: its Spanish is out of date
(`out_of_date_parts`). Patients keep seeing the Spanish as it is; only editors are told.

The parts: "page" (title, summary, other names, search description, body location), one
"section:<pk>" per section (heading, text, picture description), and the three lists shown
under their sections: "steps", "warning_signs", "questions" (every item, in order).
Line endings and spaces at the ends of lines do not count as changes.
"""

import hashlib
import json
from dataclasses import dataclass

from procedures.models import Procedure, Section

PAGE_FIELDS = ("title", "summary", "other_names", "meta_description", "body_location")
SECTION_FIELDS = ("heading", "body", "image_alt")
# Each list and the kind of section it is shown under.
LISTS = {
    "steps": Section.Kind.STEPS,
    "warning_signs": Section.Kind.WARNING_SIGNS,
    "questions": Section.Kind.QUESTIONS,
}
LIST_NAMES = {
    "steps": "Numbered steps",
    "warning_signs": "Warning signs",
    "questions": "Questions to ask",
}


@dataclass(frozen=True)
class OutOfDatePart:
    """A part of the page whose English changed after the Spanish was last reviewed."""

    key: str
    label: str  # for editors, e.g. "Section “How to get ready”"
    section_pk: int | None  # the section it shows in, if any


def normalised(text: str | None) -> str:
    """The text as a reader sees it: one kind of line ending, no spaces at line ends."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def fingerprint(values) -> str:
    """The sha256 of the normalised English texts, in order."""
    data = json.dumps([normalised(value) for value in values], ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def english(obj, field: str) -> str:
    return getattr(obj, f"{field}_en") or ""


def fingerprints(procedure: Procedure) -> dict[str, str]:
    """A fingerprint of the English of each part of the page, by part key.

    Reads the procedure's sections and lists (prefetched by with_page_parts, if they were).
    """
    prints = {"page": fingerprint(english(procedure, field) for field in PAGE_FIELDS)}
    for section in procedure.sections.all():
        prints[f"section:{section.pk}"] = fingerprint(
            english(section, field) for field in SECTION_FIELDS
        )
    prints["steps"] = fingerprint(english(step, "text") for step in procedure.steps.all())
    signs = sorted(procedure.warning_signs.all(), key=lambda s: (s.tier, s.position, s.pk))
    prints["warning_signs"] = fingerprint(
        value for sign in signs for value in (sign.tier, english(sign, "text"))
    )
    prints["questions"] = fingerprint(english(q, "text") for q in procedure.questions.all())
    return prints


def has_spanish(procedure: Procedure) -> bool:
    """Any part of the page has Spanish text."""
    parts = [(procedure, PAGE_FIELDS)]
    parts += [(section, SECTION_FIELDS) for section in procedure.sections.all()]
    for name in LISTS:
        parts += [(item, ("text",)) for item in getattr(procedure, name).all()]
    return any(
        (getattr(obj, f"{field}_es") or "").strip() for obj, fields in parts for field in fields
    )


def out_of_date_parts(procedure: Procedure) -> list[OutOfDatePart]:
    """The parts whose English changed (or that were added) since the last Spanish review.

    In the order of the page. Empty when the Spanish was never reviewed
    (Procedure.spanish_is_reviewed).
    """
    if not procedure.spanish_is_reviewed:
        return []
    reviewed = procedure.english_at_spanish_review or {}
    now = fingerprints(procedure)
    sections = list(procedure.sections.all())
    stale = []
    if reviewed.get("page") != now["page"]:
        stale.append(OutOfDatePart("page", "Title, summary and search details", None))
    for section in sections:
        key = f"section:{section.pk}"
        if reviewed.get(key) != now[key]:
            stale.append(OutOfDatePart(key, f"Section “{section.heading_en}”", section.pk))
    for name, kind in LISTS.items():
        if reviewed.get(name) == now[name]:
            continue
        home = next((s for s in sections if s.kind == kind), None)
        label = LIST_NAMES[name]
        if home is not None:
            label += f" (in “{home.heading_en}”)"
        stale.append(OutOfDatePart(name, label, home.pk if home else None))
    return stale


def out_of_date_section_pks(procedure: Procedure) -> set[int]:
    """The sections to mark out of date: their own English changed, or their list's did."""
    return {part.section_pk for part in out_of_date_parts(procedure) if part.section_pk}


def status(procedure: Procedure) -> str:
    """One line for the editors' list of pages."""
    if not has_spanish(procedure):
        return "No Spanish yet"
    if not procedure.spanish_is_reviewed:
        return "Spanish: not reviewed yet"
    count = len(out_of_date_parts(procedure))
    if count == 0:
        return "Spanish: up to date"
    return f"Spanish: {count} part{'s' if count != 1 else ''} out of date"
