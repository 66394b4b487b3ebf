"""What changed between two versions of a procedure page, in words an editor recognises.

`compare(older, newer)` reads two snapshots (procedures/page_content.py) and lists each
changed part of the page: the title, “In short”, a section, a step, a warning sign, a
question. Sections and list items are matched by their `id` (rows keep it across saves);
an item whose id is in only one version is matched to an identical item, then to the item
in the same place. Unchanged parts are not listed, so a one-sentence edit is one change.

Each changed field carries a word-by-word difference, rendered as HTML with <del> and <ins>
that say “Removed:” and “Added:” to screen readers as well.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from procedures.models import Procedure, Section, WarningSign

LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
# The page's own fields, in the order the edit screen shows them.
PAGE_FIELDS = {
    "title": "Title",
    "slug": "Web address",
    "summary": "In short",
    "other_names": "Other names",
    "meta_description": "Description for search engines",
    "procedure_type": "Kind of procedure (for search engines)",
    "body_location": "Part of the body (for search engines)",
}
SECTION_FIELDS = {
    "heading": "Heading",
    "kind": "What this section is about",
    "body": "Body",
    "image_alt": "Picture description",
}
LISTS = {
    "steps": ("Steps (numbered list)", "Step"),
    "warning_signs": ("Warning signs", "Sign"),
    "questions": ("Questions", "Question"),
}
ITEM_FIELDS = {"tier": "Who to call", "text": "Text"}
# Fields kept once per language in a snapshot (`title_en`, `title_es`).
TRANSLATED = {"title", "summary", "other_names", "meta_description", "body_location"}
TRANSLATED |= {"heading", "body", "image_alt", "text"}
CHOICES = {
    "procedure_type": dict(Procedure.ProcedureType.choices),
    "kind": dict(Section.Kind.choices),
    "tier": dict(WarningSign.Tier.choices),
}
# Unchanged words (and the spaces between them) kept on each side of a change; the rest is “…”.
CONTEXT_TOKENS = 24


@dataclass
class FieldChange:
    """One field of one part that differs, e.g. “Body (English)”."""

    label: str
    before: str
    after: str
    whole: bool = False  # a choice, shown whole rather than word by word

    @property
    def html(self) -> SafeString:
        return word_diff_html(self.before, self.after, whole=self.whole)


@dataclass
class PictureChange:
    """A section's picture: storage names before and after ("" for none)."""

    before: str
    after: str

    @property
    def label(self) -> str:
        if not self.before:
            return "Picture added"
        if not self.after:
            return "Picture removed"
        return "Picture changed"

    @property
    def before_url(self) -> str:
        return default_storage.url(self.before) if self.before else ""

    @property
    def after_url(self) -> str:
        return default_storage.url(self.after) if self.after else ""


@dataclass
class PartChange:
    """One part of the page that is not the same in both versions.

    `what` is "changed", "added", "removed" or "moved"; a moved part may also be changed
    (`moved` says so, with `place_before` and `place_after` counted from 1).
    """

    label: str
    what: str
    fields: list[FieldChange] = field(default_factory=list)
    picture: PictureChange | None = None
    moved: bool = False
    place_before: int | None = None
    place_after: int | None = None

    @property
    def summary(self) -> str:
        """A few words on what happened to this part, e.g. “Moved from place 3 to place 1”."""
        if self.what == "added":
            return "Added"
        if self.what == "removed":
            return "Removed"
        moved = f"Moved from place {self.place_before} to place {self.place_after}"
        if self.moved and (self.fields or self.picture):
            return f"{moved}, and changed"
        return moved if self.moved else "Changed"


def compare(older: dict, newer: dict) -> list[PartChange]:
    """Each part of the page that differs from `older` to `newer`, in page order."""
    changes = _page_changes(older.get("procedure", {}), newer.get("procedure", {}))
    changes += _part_changes(
        older.get("sections", []), newer.get("sections", []), _section_label, _section_fields
    )
    for name, (list_label, item_name) in LISTS.items():

        def label(item, place, list_label=list_label, item_name=item_name):
            return f"{list_label}: {item_name.lower()} {place}"

        changes += _part_changes(older.get(name, []), newer.get(name, []), label, _item_fields)
    return changes


def _page_changes(older: dict, newer: dict) -> list[PartChange]:
    changes = []
    for name, label in PAGE_FIELDS.items():
        fields = _field_changes(older, newer, name, label)
        if fields:
            changes.append(PartChange(label=label, what="changed", fields=fields))
    return changes


def _section_label(section: dict, place: int) -> str:
    heading = _text(section.get("heading_en")) or f"number {place}"
    return f"Section “{heading}”"


def _section_fields(older: dict, newer: dict) -> list[FieldChange]:
    fields = []
    for name, label in SECTION_FIELDS.items():
        fields += _field_changes(older, newer, name, label)
    return fields


def _item_fields(older: dict, newer: dict) -> list[FieldChange]:
    fields = []
    for name, label in ITEM_FIELDS.items():
        fields += _field_changes(older, newer, name, label)
    return fields


def _field_changes(older: dict, newer: dict, name: str, label: str) -> list[FieldChange]:
    """The field `name` where it differs, once per language if it is translated."""
    if name not in TRANSLATED:
        before, after = _shown(name, older.get(name)), _shown(name, newer.get(name))
        if before == after:
            return []
        return [FieldChange(label, before, after, whole=name in CHOICES)]
    changes = []
    for code, language in LANGUAGE_NAMES.items():
        before, after = _text(older.get(f"{name}_{code}")), _text(newer.get(f"{name}_{code}"))
        if before != after:
            changes.append(FieldChange(f"{label} ({language})", before, after))
    return changes


def _shown(name: str, value) -> str:
    """A stored value as editors choose it: a choice's label, not its code."""
    value = _text(value)
    return str(CHOICES.get(name, {}).get(value, value))


def _text(value) -> str:
    """None (no Spanish yet) and "" are the same to a reader."""
    return "" if value is None else str(value)


def _part_changes(older: list[dict], newer: list[dict], label, field_changes) -> list[PartChange]:
    """Changes to a list of sections or items, matched by id, then content, then place."""
    pairs = _matched(older, newer)
    moved = _moved(pairs)
    changes = []
    matched_older = set(pairs.values())
    for new_index, item in enumerate(newer):
        place = new_index + 1
        old_index = pairs.get(new_index)
        if old_index is None:
            changes.append(
                PartChange(
                    label=label(item, place),
                    what="added",
                    fields=field_changes({}, item),
                    picture=_picture_change({}, item),
                    place_after=place,
                )
            )
            continue
        before = older[old_index]
        fields, picture = field_changes(before, item), _picture_change(before, item)
        is_moved = new_index in moved
        if fields or picture or is_moved:
            changes.append(
                PartChange(
                    label=label(item, place),
                    what="moved" if is_moved else "changed",
                    fields=fields,
                    picture=picture,
                    moved=is_moved,
                    place_before=old_index + 1,
                    place_after=place,
                )
            )
    for old_index, item in enumerate(older):
        if old_index not in matched_older:
            removed = PartChange(
                label=label(item, old_index + 1),
                what="removed",
                fields=field_changes(item, {}),
                picture=_picture_change(item, {}),
                place_before=old_index + 1,
            )
            # Listed where it stood: after the parts that now come before its old place.
            at = sum(1 for change in changes if (change.place_after or 0) <= old_index)
            changes.insert(at, removed)
    return changes


def _matched(older: list[dict], newer: list[dict]) -> dict[int, int]:
    """Which older item each newer item is (by index): same id, else same words, else same
    place among the items left over."""
    pairs = {}
    old_by_id = {item.get("id"): index for index, item in enumerate(older) if item.get("id")}
    for new_index, item in enumerate(newer):
        old_index = old_by_id.get(item.get("id"))
        if old_index is not None:
            pairs[new_index] = old_index
    for new_index, item in enumerate(newer):
        if new_index in pairs:
            continue
        for old_index, old in enumerate(older):
            if old_index not in pairs.values() and _same_words(old, item):
                pairs[new_index] = old_index
                break
    for new_index in range(len(newer)):
        if new_index not in pairs and new_index < len(older) and new_index not in pairs.values():
            pairs[new_index] = new_index
    return pairs


def _same_words(older: dict, newer: dict) -> bool:
    ignored = {"id", "position"}
    names = (set(older) | set(newer)) - ignored
    return all(_text(older.get(name)) == _text(newer.get(name)) for name in names)


def _moved(pairs: dict[int, int]) -> set[int]:
    """The newer indexes of matched items that changed order; the fewest that explain it
    (an item added above the others does not make them all “moved”)."""
    in_new_order = [pairs[new_index] for new_index in sorted(pairs)]
    in_old_order = sorted(in_new_order)
    matcher = difflib.SequenceMatcher(None, in_old_order, in_new_order, autojunk=False)
    kept = set()
    for block in matcher.get_matching_blocks():
        kept.update(in_new_order[block.b : block.b + block.size])
    return {new_index for new_index, old_index in pairs.items() if old_index not in kept}


def _picture_change(older: dict, newer: dict) -> PictureChange | None:
    before, after = _text(older.get("image")), _text(newer.get("image"))
    return PictureChange(before, after) if before != after else None


def word_diff_html(before: str, after: str, *, whole: bool = False) -> SafeString:
    """`before` turned into `after`, word by word: removed words in <del>, added in <ins>,
    each announced (“Removed:”, “Added:”) to screen readers; long unchanged runs shortened.

    With `whole`, the two values are shown whole, one after the other (for a choice such as
    “Call the clinic”, where a word-by-word mix would read as nonsense).
    """
    if whole:
        segments = [("change", [before], [after])]
    else:
        segments = _merged(_segments(_words(before), _words(after)))
    html = []
    last = len(segments) - 1
    for index, (tag, old, new) in enumerate(segments):
        if tag == "equal":
            html.append(_unchanged(old, first=index == 0, last=index == last))
            continue
        if "".join(old).strip():
            html.append(_marked("del", "Removed:", "".join(old)))
        if "".join(old).strip() and "".join(new).strip():
            html.append(" ")
        if "".join(new).strip():
            html.append(_marked("ins", "Added:", "".join(new)))
    return mark_safe("".join(html))  # noqa: S308 - every word is escaped above


def _words(text: str) -> list[str]:
    """Words, runs of spaces and punctuation marks, so joining them gives back the text."""
    return re.findall(r"\w+|\s+|[^\w\s]", text)


def _segments(old: list[str], new: list[str]) -> list[tuple[str, list[str], list[str]]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        ("equal" if tag == "equal" else "change", old[i1:i2], new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _merged(segments: list) -> list:
    """Changes separated only by a space become one change: “<del>two days</del>”, not
    “<del>two</del> <del>days</del>”."""
    merged = []
    for segment in segments:
        tag, old, new = segment
        between = len(merged) >= 2 and merged[-1][0] == "equal" and merged[-2][0] == "change"
        if tag == "change" and between and not "".join(merged[-1][1]).strip():
            space = merged.pop()[1]
            _, old_before, new_before = merged.pop()
            segment = ("change", old_before + space + old, new_before + space + new)
        merged.append(segment)
    return merged


def _marked(tag: str, announced: str, text: str) -> str:
    # Spaces around the words stay outside the mark, so they are not struck through.
    words = text.strip()
    return format_html(
        '{before}<{tag}><span class="visually-hidden">{announced} </span>{words}</{tag}>{after}',
        tag=mark_safe(tag),  # noqa: S308 - "del" or "ins", from this module
        announced=announced,
        words=words,
        before=text[: len(text) - len(text.lstrip())],
        after=text[len(text.rstrip()) :],
    )


def _unchanged(tokens: list[str], *, first: bool, last: bool) -> str:
    keep_before = 0 if first else CONTEXT_TOKENS
    keep_after = 0 if last else CONTEXT_TOKENS
    if len(tokens) <= keep_before + keep_after + CONTEXT_TOKENS:
        return escape("".join(tokens))
    head = "".join(tokens[:keep_before])
    tail = "".join(tokens[len(tokens) - keep_after :]) if keep_after else ""
    return escape(head) + "…" + escape(tail)
