"""Text typed in the editors' screens keeps one kind of line ending.

Browsers send a textarea's line breaks as CRLF; the database holds LF. Without this, every
text box of a page looks "changed" on each save, and the admin's history names them all.
"""

from functools import cache

from django import forms


def one_line_ending(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class OneLineEndingField:
    """A text form field whose value, and the comparison with the saved value, use LF only."""

    def to_python(self, value):
        if isinstance(value, str):
            value = one_line_ending(value)
        return super().to_python(value)

    def has_changed(self, initial, data):
        # The saved text read as the form reads what is typed: a page saved before (or loaded
        # from the starter content) with CRLF or a final newline is not "changed" by a Save.
        if isinstance(initial, str):
            initial = super().to_python(one_line_ending(initial))
        return super().has_changed(initial, data)


@cache
def _with_one_line_ending(field_class: type) -> type:
    return type(f"OneLineEnding{field_class.__name__}", (OneLineEndingField, field_class), {})


class OneLineEndingInText:
    """Admin mixin: every text field of the screen (and of its inlines) turns CRLF/CR into LF.

    The form field's class is extended in place, as modeltranslation does for its own
    fields, so the widget and the checks the field already has are kept.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.CharField) and not isinstance(field, OneLineEndingField):
            field.__class__ = _with_one_line_ending(type(field))
        return field
