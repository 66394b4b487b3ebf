"""Record clinical review: a clinician checked a procedure page's medical facts.

/admin/procedures/procedure/<id>/clinical-review/ (ClinicalReviewAdmin.clinical_review_view).
Its own action, apart from the edit form: saving or publishing a page does not change who
reviewed it. The edit page shows the review on record with a link here (clinical_review).
Who may record: staff who may change procedure pages.
"""

from datetime import date

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from procedures.models import Procedure
from procedures.services import clinical_review_message, clinical_review_record

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NOT_A_DATE = "Enter a date, e.g. 2026-12-01."


class ClinicalReviewForm(forms.Form):
    reviewed_by = forms.CharField(
        label="Reviewer",
        max_length=Procedure._meta.get_field("reviewed_by").max_length,
        help_text="The clinician who checked the medical facts, with credentials, "
        "e.g. “Jane Smith, MD”. Patients see this name on the page.",
        error_messages={
            "required": "Say who reviewed the page, with credentials, e.g. “Jane Smith, MD”."
        },
        widget=forms.TextInput(attrs={"list": "past-reviewers", "autocomplete": "off"}),
    )
    reviewed_on = forms.DateField(
        label="Review date",
        help_text="The day the reviewer checked the page: today or earlier.",
        error_messages={"required": "Give the day of the review.", "invalid": NOT_A_DATE},
        widget=DATE_INPUT,
    )
    next_review_due = forms.DateField(
        label="Next review due",
        help_text="When the page must be checked again, usually a year after the review.",
        error_messages={"required": "Give the date of the next review.", "invalid": NOT_A_DATE},
        widget=DATE_INPUT,
    )

    def clean_reviewed_by(self) -> str:
        return self.cleaned_data["reviewed_by"].strip()

    def clean_reviewed_on(self) -> date:
        reviewed_on = self.cleaned_data["reviewed_on"]
        if reviewed_on > timezone.localdate():
            raise forms.ValidationError(
                "This date is in the future. Give the day the review was done: today or earlier.",
                code="future",
            )
        return reviewed_on

    def clean_next_review_due(self) -> date:
        due = self.cleaned_data["next_review_due"]
        today = timezone.localdate()
        if due < today:
            raise forms.ValidationError(
                "This date has passed: the page would be overdue at once. "
                "Choose a date after today.",
                code="past",
            )
        if due == today:
            raise forms.ValidationError(
                "This is today: the page would be due for review at once. "
                "Choose a date after today.",
                code="today",
            )
        return due


def past_reviewers() -> list[str]:
    """Reviewers named on pages before, offered as suggestions (any name may be typed)."""
    names = Procedure.objects.exclude(reviewed_by="").values_list("reviewed_by", flat=True)
    return sorted(set(names))


class ClinicalReviewAdmin:
    """For ProcedureAdmin (a mixin, before the ModelAdmin class): the address of "Record
    clinical review", and the edit page's read-only summary with a link to it."""

    def get_urls(self):
        record = path(
            "<int:object_id>/clinical-review/",
            self.admin_site.admin_view(self.clinical_review_view),
            name="procedures_procedure_clinical_review",
        )
        return [record, *super().get_urls()]

    @admin.display(description="Review on record")
    def clinical_review(self, procedure):
        """What the edit page says of the review on record, with the link to record one."""
        if not procedure.pk:
            return "Save the page first. Then record the clinician's review from its edit page."
        link = format_html(
            '<a href="{}">Record clinical review</a>',
            reverse("admin:procedures_procedure_clinical_review", args=[procedure.pk]),
        )
        if not (procedure.reviewed_by and procedure.last_reviewed):
            return format_html(
                "Not reviewed yet: the page tells patients the clinic's medical team has not "
                "reviewed it. {}",
                link,
            )
        due = (
            format_html(" Next review due {}.", date_format(procedure.next_review_due, "F j, Y"))
            if procedure.next_review_due
            else ""
        )
        overdue = " The review is overdue." if procedure.review_is_overdue else ""
        return format_html(
            "Reviewed by {} on {}.{}{} {}",
            procedure.reviewed_by,
            date_format(procedure.last_reviewed, "F j, Y"),
            due,
            overdue,
            link,
        )

    def clinical_review_view(self, request, object_id):
        """The form; on a good post, the review is recorded and the editor is back on the page."""
        procedure = Procedure.objects.filter(pk=object_id).first()
        if procedure is None:
            raise Http404("No procedure page has this number.")
        if not self.has_change_permission(request, procedure):
            raise PermissionDenied
        form = ClinicalReviewForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            procedure = clinical_review_record(
                procedure=procedure,
                reviewed_by=form.cleaned_data["reviewed_by"],
                reviewed_on=form.cleaned_data["reviewed_on"],
                next_review_due=form.cleaned_data["next_review_due"],
                by=request.user,
            )
            messages.success(request, clinical_review_message(procedure))
            return HttpResponseRedirect(
                reverse("admin:procedures_procedure_change", args=[procedure.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Record clinical review: {procedure.title}",
            "opts": self.opts,
            "procedure": procedure,
            "form": form,
            "past_reviewers": past_reviewers(),
        }
        return TemplateResponse(request, "admin/procedures/procedure/clinical_review.html", context)
