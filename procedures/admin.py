"""The editors' screens: procedures with their parts in order, and the clinic's details."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from procedures import spanish_review
from procedures.models import (
    ClinicDetails,
    LanguageHelpNotice,
    Procedure,
    Question,
    Section,
    Step,
    WarningSign,
)
from procedures.services import (
    clinic_details_save,
    public_pages_clear_cache,
    spanish_review_record,
)
from procedures.views import render_procedure_page

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


class SectionForm(forms.ModelForm):
    image = forms.ImageField(
        label="Illustration",
        required=False,
        help_text=Section._meta.get_field("image").help_text,
        error_messages={
            "invalid_image": "This file is not a picture we can use. "
            "Please upload a JPEG, PNG or WebP picture.",
        },
    )

    class Meta:
        model = Section
        fields = [
            "position",
            "kind",
            "heading_en",
            "heading_es",
            "body_en",
            "body_es",
            "image",
            "image_alt_en",
            "image_alt_es",
        ]
        # modeltranslation gives both languages' columns the widget set for the field.
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class SectionFormSet(forms.BaseInlineFormSet):
    """Checks across the page's sections what the database would refuse with a crash."""

    def clean(self) -> None:
        super().clean()
        used = set()
        for form in self.forms:
            if self._should_delete_form(form) or not getattr(form, "cleaned_data", None):
                continue
            kind = form.cleaned_data.get("kind")
            if kind == Section.Kind.GENERAL or kind is None:
                continue
            if kind in used:
                form.add_error(
                    "kind",
                    ValidationError(
                        "Another section on this page is already “%(kind)s”. Each kind "
                        "except “General information” can be used once per page: choose "
                        "another kind, or put this text in that section.",
                        code="special_section_repeated",
                        params={"kind": Section.Kind(kind).label},
                    ),
                )
            used.add(kind)


class SectionInline(EnglishBesideSpanish, TranslationStackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    extra = 0
    classes = ["collapse"]
    fields = [
        "spanish_line",
        ("position", "kind"),
        ("heading_en", "heading_es"),
        ("body_en", "body_es"),
        "image",
        ("image_alt_en", "image_alt_es"),
    ]
    readonly_fields = ["spanish_line"]

    def get_formset(self, request, obj=None, **kwargs):
        # The sections shown are this procedure's: work out once which are out of date.
        self.spanish_reviewed, self.stale_section_pks = False, set()
        if obj is not None and obj.pk:
            procedure = procedure_with_parts(obj)
            self.spanish_reviewed = procedure.spanish_is_reviewed
            self.stale_section_pks = spanish_review.out_of_date_section_pks(procedure)
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description="Spanish")
    def spanish_line(self, section):
        if not section.pk or not getattr(self, "spanish_reviewed", False):
            return "Not reviewed yet"
        if section.pk in self.stale_section_pks:
            return SPANISH_OUT_OF_DATE
        return "Up to date with the English"


class StepInline(EnglishBesideSpanish, TranslationTabularInline):
    model = Step
    extra = 0
    fields = ["position", "text_en", "text_es"]
    verbose_name_plural = "What happens, step by step (shown as a numbered list)"


class WarningSignInline(EnglishBesideSpanish, TranslationTabularInline):
    model = WarningSign
    extra = 0
    fields = ["position", "tier", "text_en", "text_es"]
    verbose_name_plural = "Warning signs (when to call the clinic, when to call 911)"


class QuestionInline(EnglishBesideSpanish, TranslationTabularInline):
    model = Question
    extra = 0
    fields = ["position", "text_en", "text_es"]
    verbose_name_plural = "Questions to ask your care team"


def procedure_with_parts(procedure: Procedure) -> Procedure:
    """The procedure with its sections and lists read in a fixed number of queries."""
    return Procedure.objects.with_page_parts().get(pk=procedure.pk)


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Review due now"), ("soon", "Due in the next 30 days")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "due":
            return queryset.review_due(on=today)
        if self.value() == "soon":
            return queryset.review_due(on=today + timedelta(days=30)).exclude(
                next_review_due__lte=today
            )
        return queryset


class SpanishOutOfDateFilter(admin.SimpleListFilter):
    title = "Spanish"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return [
            ("out_of_date", "Spanish out of date"),
            ("not_reviewed", "Spanish not reviewed yet"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "out_of_date":
            # The admin's queryset reads each page's parts in one go (get_queryset).
            pks = [
                procedure.pk
                for procedure in queryset
                if spanish_review.out_of_date_parts(procedure)
            ]
            return queryset.filter(pk__in=pks)
        if self.value() == "not_reviewed":
            return queryset.filter(Q(spanish_reviewed_by="") | Q(spanish_reviewed_on=None))
        return queryset


@admin.register(Procedure)
class ProcedureAdmin(ClearsPublicPagesOnSave, EnglishBesideSpanish, TranslationAdmin):
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


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(EnglishBesideSpanish, TranslationAdmin):
    fields = [
        "name",
        "phone",
        "address",
        ("hours_en", "hours_es"),
        ("service_area_sentence_en", "service_area_sentence_es"),
    ]

    def save_model(self, request, obj, form, change):
        clinic_details_save(details=obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not ClinicDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is only one set of clinic details: go straight to it."""
        details = ClinicDetails.objects.first()
        if details and self.has_view_or_change_permission(request, details):
            return redirect("admin:procedures_clinicdetails_change", details.pk)
        return super().changelist_view(request, extra_context)


class LanguageHelpNoticeForm(forms.ModelForm):
    class Meta:
        model = LanguageHelpNotice
        fields = ["language", "name", "sentence", "position"]
        # Arabic, Hebrew, Persian and Urdu are typed right to left: let the browser decide.
        widgets = {
            "name": forms.TextInput(attrs={"dir": "auto"}),
            "sentence": forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        }


@admin.register(LanguageHelpNotice)
class LanguageHelpNoticeAdmin(ClearsPublicPagesOnSave, admin.ModelAdmin):
    """The language help page's sentence in more languages (English and Spanish are built in)."""

    form = LanguageHelpNoticeForm
    list_display = ["name", "language", "position"]
    fieldsets = [
        (
            None,
            {
                "description": "The language help page (“Free language help” in every page's "
                "footer) already says in English and Spanish that free interpreters are "
                "available by phone. Add the same sentence here in another language, as a "
                "qualified translator wrote it; the page shows it under the English and "
                "Spanish, in that language, with the clinic's phone number.",
                "fields": ["language", "name", "sentence", "position"],
            },
        )
    ]
