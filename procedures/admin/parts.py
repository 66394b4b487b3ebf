"""The parts of a procedure page edited inside it: sections, steps, warning signs, questions."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from modeltranslation.admin import (
    TranslationStackedInline,
    TranslationTabularInline,
)

from procedures import pending_pictures, spanish_review
from procedures.admin.common import SPANISH_OUT_OF_DATE, EnglishBesideSpanish
from procedures.admin.line_endings import OneLineEndingInText
from procedures.models import (
    Procedure,
    Question,
    Section,
    Step,
    WarningSign,
)

DESCRIBE_NEW_PICTURE = (
    "You chose a new picture. Check this description says what the new picture shows, "
    "then save again."
)


class SectionForm(forms.ModelForm):
    """A section, with its picture kept while the page has mistakes to correct.

    A picture chosen on a page that comes back with errors is kept (procedures/pending_pictures.py)
    and used by the next Save. A new picture for a section that had one needs its description
    looked at again: changed, or confirmed with “The description fits the new picture”.
    """

    image = forms.ImageField(
        label="Illustration",
        required=False,
        help_text=Section._meta.get_field("image").help_text,
        error_messages={
            "invalid_image": "This file is not a picture we can use. "
            "Please upload a JPEG, PNG or WebP picture.",
        },
    )
    # Shown by the sections' template (admin/procedures/procedure/section_inline.html).
    pending_image = forms.CharField(required=False, widget=forms.HiddenInput)
    forget_pending_image = forms.BooleanField(
        label="Remove this picture", required=False, label_suffix=""
    )
    description_fits_new_picture = forms.BooleanField(
        label="The description fits the new picture", required=False, label_suffix=""
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_upload = None  # a picture chosen with this Save
        self.pending_token = ""  # the picture kept for the next Save, signed
        self.pending_stored = None
        self.asks_about_description = False

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("image")
        if isinstance(image, UploadedFile):
            self.new_upload = image
        elif image is not False and not cleaned.get("forget_pending_image"):
            self._use_kept_picture(cleaned)
        self._check_description_of_new_picture(cleaned)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        # Kept only once the model's checks (size, kind of file) have passed too.
        if self.new_upload is not None and "image" not in self.errors:
            self.pending_token = pending_pictures.picture_keep(self.new_upload)
            self.pending_stored = pending_pictures.picture_name(self.pending_token)

    def _use_kept_picture(self, cleaned) -> None:
        stored = pending_pictures.picture_name(cleaned.get("pending_image") or "")
        if stored:
            self.pending_token, self.pending_stored = cleaned["pending_image"], stored
            cleaned["image"] = pending_pictures.picture_file(stored)

    def _check_description_of_new_picture(self, cleaned) -> None:
        had_picture = bool(self.instance.pk and self.instance.image)
        if not (had_picture and (self.new_upload or self.pending_stored)):
            return
        if "image_alt_en" in self.changed_data or cleaned.get("description_fits_new_picture"):
            return
        self.asks_about_description = True
        self.add_error(
            "image_alt_en", ValidationError(DESCRIBE_NEW_PICTURE, code="describe_new_picture")
        )

    @property
    def changed_data(self) -> list[str]:
        """What the page's history says was changed: a kept picture counts as a new
        illustration; the picture's helper boxes are not part of the section. (Not cached:
        the formset asks before clean() has found the kept picture.)"""
        helpers = {"pending_image", "forget_pending_image", "description_fits_new_picture"}
        changed = [name for name in super().changed_data if name not in helpers]
        if self.pending_stored and "image" not in changed:
            changed.append("image")
        return changed

    @property
    def pending_picture_name(self) -> str:
        """The kept picture's name as the editor chose it, shown under the file field."""
        return pending_pictures.shown_name(self.pending_stored) if self.pending_stored else ""

    def save(self, commit=True):
        section = super().save(commit)
        if self.pending_stored:
            # Saved with its page: the kept copy is no longer needed.
            stored = self.pending_stored
            transaction.on_commit(lambda: pending_pictures.picture_forget(stored))
        return section


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


class SectionInline(OneLineEndingInText, EnglishBesideSpanish, TranslationStackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    extra = 0
    # Each section opens and closes on its own, its heading always shown.
    template = "admin/procedures/procedure/section_inline.html"
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


# The lists' rows, each box labelled with its row (axe: every box needs a label).
LIST_TEMPLATE = "admin/edit_inline/labelled_tabular.html"  # shared with the call log
# A step or a question can be two sentences: a box that wraps and grows shows all of it.
WRAPPING_TEXT = {models.CharField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class StepInline(OneLineEndingInText, EnglishBesideSpanish, TranslationTabularInline):
    model = Step
    template = LIST_TEMPLATE
    formfield_overrides = WRAPPING_TEXT
    extra = 0
    fields = ["position", "text_en", "text_es"]
    verbose_name_plural = "What happens, step by step (shown as a numbered list)"


class WarningSignInline(OneLineEndingInText, EnglishBesideSpanish, TranslationTabularInline):
    model = WarningSign
    template = LIST_TEMPLATE
    formfield_overrides = WRAPPING_TEXT
    extra = 0
    fields = ["position", "tier", "text_en", "text_es"]
    verbose_name_plural = "Warning signs (when to call the clinic, when to call 911)"


class QuestionInline(OneLineEndingInText, EnglishBesideSpanish, TranslationTabularInline):
    model = Question
    template = LIST_TEMPLATE
    formfield_overrides = WRAPPING_TEXT
    extra = 0
    fields = ["position", "text_en", "text_es"]
    verbose_name_plural = "Questions to ask your care team"


def procedure_with_parts(procedure: Procedure) -> Procedure:
    """The procedure with its sections and lists read in a fixed number of queries."""
    return Procedure.objects.with_page_parts().get(pk=procedure.pk)
