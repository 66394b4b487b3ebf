"""Pieces every editors' screen shares: labels for the two languages, and dropping cached pages."""

from django.utils.text import capfirst

from procedures.services import (
    public_pages_clear_cache,
)

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


class ClearsPublicPagesOnSave:
    """Patients see an editor's change on their next visit: cached pages are dropped on save.

    A mixin, before the ModelAdmin class it adds to."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        public_pages_clear_cache()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        public_pages_clear_cache()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        public_pages_clear_cache()
