"""Pieces every editors' screen shares: labels for the two languages, and dropping cached pages."""

from django.utils.text import capfirst

# Staff screens are in English: the language of each column, as editors read it.
LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
SPANISH_OUT_OF_DATE = "Spanish out of date: the English changed after the last review"


class EnglishBesideSpanish:
    """Each translated field shows as two, labelled “Title (English)” and “Title (Spanish)”.

    modeltranslation's plain admin classes (not the tabbed ones, which load jQuery UI from
    another host) make the columns; the English stays required where the field was, the
    Spanish is optional (an empty Spanish field shows the English on the Spanish page).
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        original = getattr(db_field, "translated_field", None)
        if field is not None and original is not None:
            language = LANGUAGE_NAMES.get(db_field.language, db_field.language)
            field.label = f"{capfirst(original.verbose_name)} ({language})"
        return field
