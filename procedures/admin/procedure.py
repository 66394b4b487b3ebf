"""The procedure page's edit screen, its list and its preview."""

from django.contrib import admin
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from modeltranslation.admin import (
    TranslationAdmin,
)

from procedures import spanish_review
from procedures.admin.clinical_review import ClinicalReviewAdmin
from procedures.admin.common import EnglishBesideSpanish
from procedures.admin.edit_conflicts import EditConflictsAdmin
from procedures.admin.filters import ReviewDueFilter, SpanishOutOfDateFilter
from procedures.admin.history import HistoryAdmin
from procedures.admin.line_endings import OneLineEndingInText
from procedures.admin.parts import (
    QuestionInline,
    SectionInline,
    StepInline,
    WarningSignInline,
    procedure_with_parts,
)
from procedures.admin.preview import PreviewAdmin
from procedures.admin.publishing import PublishingAdmin, clinic_time
from procedures.models import (
    Procedure,
)
from procedures.services import (
    spanish_review_record,
)


@admin.register(Procedure)
class ProcedureAdmin(
    EditConflictsAdmin,
    HistoryAdmin,
    ClinicalReviewAdmin,
    PreviewAdmin,
    PublishingAdmin,
    OneLineEndingInText,
    EnglishBesideSpanish,
    TranslationAdmin,
):
    list_display = [
        "title",
        "on_the_site",
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
    readonly_fields = [
        "publishing_state",
        "preview_link",
        "updated_at",
        "spanish_summary",
        "clinical_review",
    ]
    inlines = [SectionInline, StepInline, WarningSignInline, QuestionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("title_en", "title_es"),
                    "slug",
                    "publishing_state",
                    "preview_link",
                    "spanish_summary",
                    ("summary_en", "summary_es"),
                    ("other_names_en", "other_names_es"),
                ]
            },
        ),
        # Recorded on a page of its own (procedures/admin/clinical_review.py), not saved here.
        ("Medical review", {"fields": ["clinical_review"]}),
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
        return (
            super()
            .get_queryset(request)
            .with_page_parts()
            .select_related("live_revision", "scheduled_revision")
        )

    @admin.display(description="On the site", ordering="status")
    def on_the_site(self, procedure):
        if procedure.live_revision is None:
            text = "No"
        else:
            text = f"Yes, version {procedure.live_revision.number}"
        if procedure.scheduled_revision is not None:
            text += f"; scheduled {clinic_time(procedure.scheduled_revision.publish_at)}"
        return text

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
            '<a href="{}">Preview the saved page as patients would see it</a> · '
            '<a href="{}?language=es">Preview the saved Spanish page</a> '
            "(to see changes you have not saved, use “Preview changes” at the bottom)",
            url,
            url,
        )

    @admin.display(description="Preview")
    def preview(self, procedure):
        """The list's short link to the same preview (the list must fit at 1280 px)."""
        url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
        return format_html('<a href="{}">Preview</a>', url)
