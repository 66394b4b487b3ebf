"""A procedure page's words and pictures as one value: read from the rows editors work on,
written down as a snapshot (a PageRevision's `content`), and read back from one.

The public page is always built from a snapshot (the live revision), so what patients see
changes only when an editor publishes; previews and history use the same value, so they
show exactly what the public page would.

A snapshot is plain JSON:

    {"format": 1,
     "procedure": {"slug": ..., "procedure_type": ..., "title_en": ..., "title_es": ..., ...},
     "sections": [{"id": 12, "position": 10, "kind": ..., "heading_en": ..., "body_en": ...,
                   "image": "procedures/x.png", "image_width": ..., "image_alt_en": ...}, ...],
     "steps": [{"id": .., "position": .., "text_en": .., "text_es": ..}, ...],
     "warning_signs": [{... "tier": "call_clinic" or "emergency" ...}, ...],
     "questions": [...]}

Lists are in page order. Who reviewed the page, and when, is not part of it: a review is
recorded on the procedure's own row and applies to the page at once.
"""

import copy
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models

from procedures.models import Procedure, Question, Section, Step, WarningSign

FORMAT = 1
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def _in_each_language(*names: str) -> list[str]:
    return [f"{name}_{language}" for name in names for language in LANGUAGES]


# What a snapshot keeps of each kind of row: the words and pictures patients see.
PROCEDURE_FIELDS = [
    "slug",
    "procedure_type",
    *_in_each_language("title", "summary", "other_names", "meta_description", "body_location"),
]
PART_FIELDS = {
    "sections": (
        Section,
        [
            "id",
            "position",
            "kind",
            *_in_each_language("heading", "body"),
            "image",
            "image_width",
            "image_height",
            *_in_each_language("image_alt"),
        ],
    ),
    "steps": (Step, ["id", "position", *_in_each_language("text")]),
    "warning_signs": (WarningSign, ["id", "position", "tier", *_in_each_language("text")]),
    "questions": (Question, ["id", "position", *_in_each_language("text")]),
}


@dataclass
class PageContent:
    """Everything a procedure page shows, as model instances in page order.

    The instances may be unsaved (read from a snapshot or an unsaved form): use the lists,
    never `procedure.sections`.
    """

    procedure: Procedure
    sections: list[Section] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    warning_signs: list[WarningSign] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    @classmethod
    def from_rows(cls, procedure: Procedure) -> "PageContent":
        """The working copy: what editors have saved, published or not."""
        procedure = Procedure.objects.with_page_parts().get(pk=procedure.pk)
        return cls(
            procedure=procedure,
            sections=in_page_order(procedure.sections.all()),
            steps=in_page_order(procedure.steps.all()),
            warning_signs=in_page_order(procedure.warning_signs.all()),
            questions=in_page_order(procedure.questions.all()),
        )

    @classmethod
    def from_snapshot(cls, content: dict, *, row: Procedure) -> "PageContent":
        """The page as a snapshot recorded it, with the review details of `row` today."""
        procedure = copy.copy(row)
        procedure.__dict__.pop("_prefetched_objects_cache", None)
        _fill(procedure, Procedure, content["procedure"])
        parts = {}
        for name, (model, _) in PART_FIELDS.items():
            parts[name] = []
            for values in content.get(name, []):
                part = model(procedure=procedure)
                _fill(part, model, values)
                parts[name].append(part)
        return cls(procedure=procedure, **parts)

    def snapshot(self) -> dict:
        """This page as a snapshot: plain JSON that PageContent.from_snapshot reads back."""
        content = {"format": FORMAT, "procedure": _values(self.procedure, PROCEDURE_FIELDS)}
        for name, (_, names) in PART_FIELDS.items():
            content[name] = [_values(part, names) for part in getattr(self, name)]
        return content


def in_page_order(parts) -> list:
    """Parts as the page lists them: by position, then the order they were added."""
    return sorted(parts, key=lambda part: (part.position, part.pk or 0))


def _values(obj: models.Model, names: list[str]) -> dict:
    values = {}
    for name in names:
        value = getattr(obj, name)
        if isinstance(value, models.fields.files.FieldFile):
            value = value.name or ""
        values[name] = value
    return values


def _fill(obj: models.Model, model: type[models.Model], values: dict) -> None:
    """Set each stored value on `obj`, past the translated fields' language switching.

    A value a later release no longer has is left out; a field a snapshot predates keeps
    its default.
    """
    known = {f.attname for f in model._meta.concrete_fields}
    for name, value in values.items():
        if name in known:
            obj.__dict__[name] = value
