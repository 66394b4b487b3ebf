"""The editors' screens: procedures with their parts in order, and the clinic's details."""

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from procedures.models import (
    ClinicDetails,
    LanguageHelpNotice,
    Procedure,
    Question,
    Section,
    Step,
    WarningSign,
)
from procedures.services import clinic_details_save, public_pages_clear_cache
from procedures.views import render_procedure_page


class ClearsPublicPagesOnSave(admin.ModelAdmin):
    """Patients see an editor's change on their next visit: cached pages are dropped on save."""

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
        fields = ["position", "heading", "kind", "body", "image", "image_alt"]
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


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    extra = 0
    classes = ["collapse"]


class StepInline(admin.TabularInline):
    model = Step
    extra = 0
    verbose_name_plural = "What happens, step by step (shown as a numbered list)"


class WarningSignInline(admin.TabularInline):
    model = WarningSign
    extra = 0
    fields = ["position", "tier", "text"]
    verbose_name_plural = "Warning signs (when to call the clinic, when to call 911)"


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    verbose_name_plural = "Questions to ask your care team"


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


@admin.register(Procedure)
class ProcedureAdmin(ClearsPublicPagesOnSave):
    list_display = ["title", "status", "last_reviewed", "next_review_due", "preview_link"]
    list_filter = ["status", ReviewDueFilter]
    search_fields = ["title", "other_names", "meta_description"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["preview_link", "updated_at"]
    inlines = [SectionInline, StepInline, WarningSignInline, QuestionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "preview_link", "summary", "other_names"]}),
        ("Medical review", {"fields": ["reviewed_by", "last_reviewed", "next_review_due"]}),
        (
            "Search engines",
            {"fields": ["meta_description", "procedure_type", "body_location", "updated_at"]},
        ),
    ]

    @admin.display(description="Preview")
    def preview_link(self, procedure):
        if not procedure.pk:
            return "Save the page first, then preview it here."
        url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
        return format_html('<a href="{}">Preview this page as patients will see it</a>', url)

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
        return render_procedure_page(request, procedure, preview=True)


@admin.register(ClinicDetails)
class ClinicDetailsAdmin(admin.ModelAdmin):
    fields = ["name", "phone", "address", "hours", "service_area_sentence"]

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
class LanguageHelpNoticeAdmin(ClearsPublicPagesOnSave):
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
