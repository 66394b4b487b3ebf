"""The parts of a procedure page edited inside it: sections, steps, warning signs, questions."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from modeltranslation.admin import (
    TranslationStackedInline,
    TranslationTabularInline,
)

from procedures import spanish_review
from procedures.admin.common import SPANISH_OUT_OF_DATE, EnglishBesideSpanish
from procedures.models import (
    Procedure,
    Question,
    Section,
    Step,
    WarningSign,
)


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
