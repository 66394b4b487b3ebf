"""JSON-LD for a procedure page: a schema.org MedicalWebPage about a MedicalProcedure."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from procedures.models import Section
from procedures.page_content import PageContent
from procedures.readability import visible_sentences

# Characters that must not appear raw inside a <script> element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _section_text(page: PageContent, kind: str) -> str:
    for section in page.sections:
        if section.kind == kind:
            return " ".join(visible_sentences(section.body_html))
    return ""


def procedure_page_data(page: PageContent, clinic) -> dict:
    procedure = page.procedure
    url = settings.SITE_URL + procedure.get_absolute_url()
    steps = [step.text for step in page.steps]
    medical_procedure = {
        "@type": "MedicalProcedure",
        "name": procedure.title,
        "alternateName": procedure.other_names_list,
        "procedureType": f"https://schema.org/{procedure.procedure_type}",
        "bodyLocation": procedure.body_location,
        "howPerformed": " ".join(steps),
        "preparation": _section_text(page, Section.Kind.PREPARATION),
        "followup": _section_text(page, Section.Kind.RECOVERY),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": procedure.title,
        "description": procedure.meta_description,
        "inLanguage": f"{get_language() or settings.LANGUAGE_CODE}-US",
        "audience": {"@type": "Patient"},
        "about": {key: value for key, value in medical_procedure.items() if value},
        "publisher": {
            "@type": "MedicalClinic",
            "name": clinic.name,
            "telephone": clinic.phone_e164,
            "url": settings.SITE_URL + reverse("procedures:home"),
        },
    }
    if procedure.last_reviewed:
        data["lastReviewed"] = procedure.last_reviewed.isoformat()
    if procedure.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": procedure.reviewed_by}
    return data


def as_script_json(data: dict) -> str:
    """JSON safe to place between <script type="application/ld+json"> tags."""
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
