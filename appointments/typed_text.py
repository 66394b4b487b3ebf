"""What a person may type into a text box: the one rule, for the callback form and the admin.

Refused, wherever they come from (pasted text, a robot, bytes that were not UTF-8):
- control characters (Unicode category Cc): NUL, escape sequences, BEL, backspace; a
  line break or tab only in a box of several lines;
- format characters (Cf): right-to-left overrides and isolates (U+202E and friends, which
  make a name read differently than it is stored), zero-width spaces, soft hyphens, the
  byte-order mark. Two are kept, between letters only: the zero-width joiner and
  non-joiner (U+200D, U+200C), which spell names correctly in Persian, Hindi, Bengali,
  Malayalam and other scripts;
- private-use (Co), unassigned code points and noncharacters (Cn), and lone surrogates
  (Cs): nothing any keyboard types, and nothing the front desk's screens can show;
- line and paragraph separators (U+2028, U+2029) outside a box of several lines;
- U+FFFD, the replacement character: Django reads bytes that are not UTF-8 as U+FFFD,
  so refusing it refuses invalid UTF-8.

Everything a real name needs passes: letters and marks of every script (accents typed
as one character or as a combining mark), apostrophes (straight and curly), hyphens, periods,
spaces of any kind (the name field joins them into single spaces), digits.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

JOINERS = {"\u200c", "\u200d"}  # zero-width non-joiner, zero-width joiner
LINE_BREAKS = {"\n", "\r", "\t"}
REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"}
REPLACEMENT_CHARACTER = "\ufffd"


def _is_letter_or_mark(character: str) -> bool:
    return unicodedata.category(character)[0] in "LM"


def refused_characters(text: str, *, multiline: bool = False) -> list[str]:
    """The characters of text that the rule refuses, in order (empty when it is clean)."""
    refused = []
    for i, character in enumerate(text):
        if character == REPLACEMENT_CHARACTER:
            refused.append(character)
        elif character in JOINERS:
            between_letters = (
                0 < i < len(text) - 1
                and _is_letter_or_mark(text[i - 1])
                and _is_letter_or_mark(text[i + 1])
            )
            if not between_letters:
                refused.append(character)
        elif multiline and character in LINE_BREAKS:
            continue
        elif unicodedata.category(character) in REFUSED_CATEGORIES:
            refused.append(character)
    return refused


class TypedText:
    """A validator: refuse text with characters a person could not have meant to type; then,
    only for clean text, the field's own checks (`then`), so a box shows one message."""

    # Each box of the patient's form has its own words for this; translated in case one does not.
    message = _(
        "This has a hidden or unreadable character in it (it may have come with copied text). "
        "Type it again, without copying and pasting."
    )
    code = "hidden_character"

    def __init__(self, *, multiline: bool = False, then=()):
        self.multiline = multiline
        self.then = list(then)

    def __call__(self, value) -> None:
        if isinstance(value, str) and refused_characters(value, multiline=self.multiline):
            raise ValidationError(self.message, code=self.code)
        for validator in self.then:
            validator(value)


def protect(field: forms.Field, *, multiline: bool = False) -> forms.Field:
    """The form field, refusing what the rule refuses before any other check. Its message is
    the field's own error_messages["hidden_character"] when it has one. Django's check for
    NUL alone (in words nobody should read) gives way to this one, which refuses NUL too."""
    others = [
        validator
        for validator in field.validators
        if not isinstance(validator, ProhibitNullCharactersValidator)
    ]
    if others and isinstance(others[0], TypedText):
        return field  # already protected
    field.validators = [TypedText(multiline=multiline, then=others)]
    return field
