"""The procedure page's edit screen, its list and its preview."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from modeltranslation.admin import (
    TranslationAdmin,
)

from procedures import spanish_review
from procedures.admin.common import LANGUAGE_NAMES, ClearsPublicPagesOnSave, EnglishBesideSpanish
from procedures.admin.filters import ReviewDueFilter, SpanishOutOfDateFilter
from procedures.admin.line_endings import OneLineEndingInText
from procedures.admin.parts import (
    QuestionInline,
    SectionInline,
    StepInline,
    WarningSignInline,
    procedure_with_parts,
)
from procedures.models import (
    Procedure,
)
from procedures.services import (
    spanish_review_record,
)
from procedures.views import render_procedure_page


@admin.register(Procedure)
class ProcedureAdmin(
    ClearsPublicPagesOnSave, OneLineEndingInText, EnglishBesideSpanish, TranslationAdmin
):
    list_display = [
        "title",
        "status",
        "last_reviewed",
        "next_review_due",
        "spanish_status",
        "preview",
    ]
    list_filter = ["status", ReviewDueFilter, SpanishOutOfDateFilter]
    search_fields = [
        "title_en",
        "title_es",
        "other_names_en",
        "other_names_es",
        "meta_description_en",
        "meta_description_es",
    ]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link", "updated_at", "spanish_summary"]
    inlines = [SectionInline, StepInline, WarningSignInline, QuestionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title_en", "title_es"),
                    "slug",
                    "status",
                    "preview_link",
                    "spanish_summary",
                    ("summary_en", "summary_es"),
                    ("other_names_en", "other_names_es"),
                ]
            },
        ),
        ("Medical review", {"fields": ["reviewed_by", "last_reviewed", "next_review_due"]}),
        (
            "Spanish translation",
            {
                "fields": ["spanish_reviewed_by", "spanish_reviewed_on"],
                "description": "A qualified medical translator checks the Spanish against "
                "the English before the clinic relies on it. Fill in who and when after each "
                "review: the page then counts the Spanish as up to date with today's English, "
                "and the Spanish page names the translator. Until then it tells patients the "
                "translation has not been reviewed.",
            },
        ),
        (
            "Search engines",
            {
                "fields": [
                    ("meta_description_en", "meta_description_es"),
                    "procedure_type",
                    ("body_location_en", "body_location_es"),
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        # The list's Spanish column compares every part of each page.
        return super().get_queryset(request).with_page_parts()

    @admin.display(description="Spanish")
    def spanish_status(self, procedure):
        return spanish_review.status(procedure)

    @admin.display(description="Spanish")
    def spanish_summary(self, procedure):
        if not procedure.pk:
            return "No Spanish yet."
        procedure = procedure_with_parts(procedure)
        if not spanish_review.has_spanish(procedure):
            return "No Spanish yet."
        if not procedure.spanish_is_reviewed:
            return "Not reviewed yet: record the translator's review under “Spanish translation”."
        stale = spanish_review.out_of_date_parts(procedure)
        if not stale:
            return format_html(
                "Up to date: the English has not changed since the review on {}.",
                procedure.spanish_reviewed_on,
            )
        return format_html(
            "The English changed after the last Spanish review ({}) in: <ul>{}</ul>"
            "Update the Spanish of these parts, have it reviewed, then record the review.",
            date_format(procedure.spanish_reviewed_on, "F j, Y"),
            format_html_join("", "<li>{}</li>", ((part.label,) for part in stale)),
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        review = {"spanish_reviewed_by", "spanish_reviewed_on"}
        if review & set(form.changed_data):
            # After the sections and lists are saved: the review is of the English as saved.
            spanish_review_record(
                procedure=form.instance,
                reviewed_by=form.cleaned_data["spanish_reviewed_by"],
                reviewed_on=form.cleaned_data["spanish_reviewed_on"],
            )

    @admin.display(description="Preview")
    def preview_link(self, procedure):
        if not procedure.pk:
            return "Save the page first, then preview it here."
        url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
        return format_html(
            '<a href="{}">Preview this page as patients will see it</a> · '
            '<a href="{}?language=es">Preview the Spanish page</a>',
            url,
            url,
        )

    @admin.display(description="Preview")
    def preview(self, procedure):
        """The list's short link to the same preview (the list must fit at 1280 px)."""
        url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
        return format_html('<a href="{}">Preview</a>', url)

    def get_urls(self):
        preview = path(
            "<int:object_id>/preview/",
            self.admin_site.admin_view(self.preview_view),
            name="procedures_procedure_preview",
        )
        return [preview, *super().get_urls()]

    def preview_view(self, request, object_id):
        """Staff see any procedure, draft or published, exactly as the public page shows it.

        Staff who may not see procedures are refused (403), as on the admin's own pages.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        procedure = get_object_or_404(Procedure.objects.with_page_parts(), pk=object_id)
        # ?language=es: the Spanish page, as Spanish readers will see it.
        language = request.GET.get("language")
        if language not in LANGUAGE_NAMES:
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            return render_procedure_page(request, procedure, preview=True)
