"""Saving a procedure page as a draft, publishing it now or later, and taking it off the site.

The edit screen's buttons (templates/admin/procedures/procedure/submit_line.html) say which:
“Save draft” records the working copy in the history; “Save and publish now” and “Save and
schedule” need the “Can publish” permission. Every step is done by procedures/publishing.py.
"""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from procedures import publishing
from procedures.models import Procedure

CLINIC_TIME = ZoneInfo(settings.TIME_ZONE)
NOT_ALLOWED = (
    "Only staff with the “Can publish” permission may publish or schedule a page. "
    "Save your changes as a draft, and ask a colleague who can publish to check and "
    "publish them."
)


def chosen_action(request) -> str:
    """Which button the editor pressed: "publish", "schedule" or "draft"."""
    if "_publish" in request.POST:
        return "publish"
    if "_schedule" in request.POST:
        return "schedule"
    return "draft"


class PublishingFields(forms.Form):
    """The fields beside the buttons: a note for the history, and when to publish."""

    revision_note = forms.CharField(
        label="Note about this change (optional)",
        max_length=200,
        required=False,
        help_text="A few words for the page's history, e.g. “Updated recovery advice after "
        "Dr Smith's review”.",
    )
    publish_at = forms.DateTimeField(
        label="Publish on (Eastern time)",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Only for “Save and schedule”: the page goes live then, with nobody at the "
        "keyboard.",
    )


def publishing_form(base_form, request):
    """The admin's form for the page, with the publishing fields and their checks."""
    action = chosen_action(request)
    allowed = publishing.may_publish(request.user)

    class ProcedurePublishingForm(base_form):
        revision_note = PublishingFields.base_fields["revision_note"]
        publish_at = PublishingFields.base_fields["publish_at"]

        def clean(self):
            cleaned = super().clean()
            if action in ("publish", "schedule") and not allowed:
                raise ValidationError(NOT_ALLOWED, code="may_not_publish")
            if action == "schedule":
                publish_at = cleaned.get("publish_at")
                if publish_at is None and "publish_at" not in self.errors:
                    self.add_error("publish_at", "Choose the day and time the page should go live.")
                elif publish_at is not None and publish_at <= timezone.now():
                    self.add_error(
                        "publish_at",
                        "This time has passed. Choose a time in the future, or press "
                        "“Save and publish now”.",
                    )
            return cleaned

    return ProcedurePublishingForm


class PublishingAdmin:
    """A mixin for ProcedureAdmin: the buttons' work, the page's state, and unpublishing."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        return publishing_form(super().get_form(request, obj, change=change, **kwargs), request)

    # Set only by procedures/publishing.py and procedures/services.py (a review is recorded
    # on its own screen): an edit form's save never writes them, so a publish the scheduler
    # made while the form was being saved, or a review recorded meanwhile, is not undone.
    SET_BY_SERVICES = {
        "status",
        "live_revision",
        "scheduled_revision",
        "reviewed_by",
        "last_reviewed",
        "next_review_due",
        "english_at_spanish_review",
        "created_at",
    }

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        typed = [
            field.name
            for field in obj._meta.concrete_fields
            if not field.primary_key and field.name not in self.SET_BY_SERVICES
        ]
        obj.save(update_fields=typed)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        procedure, note = form.instance, form.cleaned_data.get("revision_note", "")
        action = chosen_action(request)
        if action == "publish":
            revision = publishing.page_publish(procedure=procedure, by=request.user, note=note)
            self.message_user(
                request, f"Published: patients see version {revision.number} now.", messages.SUCCESS
            )
        elif action == "schedule":
            revision = publishing.page_schedule(
                procedure=procedure,
                publish_at=form.cleaned_data["publish_at"],
                by=request.user,
                note=note,
            )
            self.message_user(
                request,
                f"Version {revision.number} will be published on "
                f"{clinic_time(revision.publish_at)}. Until then patients see what they saw.",
                messages.SUCCESS,
            )
        else:
            revision = publishing.draft_record(procedure=procedure, by=request.user, note=note)
            if procedure.is_published:
                self.message_user(
                    request,
                    f"Saved as draft version {revision.number}. Patients still see the "
                    "published version: preview your changes, then publish them.",
                    messages.INFO,
                )

    def delete_model(self, request, obj):
        publishing.page_delete(procedure=obj)

    def delete_queryset(self, request, queryset):
        for procedure in queryset:
            publishing.page_delete(procedure=procedure)

    def may_publish_page(self, request, procedure=None) -> bool:
        """Publishing is changing the page too: “Can publish” alone is not enough."""
        return publishing.may_publish(request.user) and self.has_change_permission(
            request, procedure
        )

    def render_change_form(self, request, context, *args, **kwargs):
        context["may_publish"] = self.may_publish_page(request, kwargs.get("obj"))
        return super().render_change_form(request, context, *args, **kwargs)

    def response_post_save_change(self, request, obj):
        # Editors stay on the page they are working on, whichever button they pressed.
        return redirect(reverse("admin:procedures_procedure_change", args=[obj.pk]))

    @staticmethod
    def publishing_state_text(procedure: Procedure) -> str:
        """One plain sentence (or two) on what patients see of this page now."""
        if not procedure.pk:
            return "Not on the site yet. Save a draft, preview it, then publish it."
        live = procedure.live_revision
        if live is None:
            state = "Not on the site: patients cannot see this page."
        else:
            state = (
                f"On the site: patients see version {live.number}, published "
                f"{clinic_time(live.published_at)} by {live.author}."
            )
            if not publishing.working_copy_is_live(procedure):
                state += (
                    " Saved changes since then are not on the site yet: preview them, then publish."
                )
        scheduled = procedure.scheduled_revision
        if scheduled is not None:
            state += (
                f" Version {scheduled.number} is scheduled to go live on "
                f"{clinic_time(scheduled.publish_at)}."
            )
        return state

    def publishing_state(self, procedure):
        text = format_html("<p>{}</p>", self.publishing_state_text(procedure))
        if procedure.pk and procedure.scheduled_revision_id:
            url = reverse("admin:procedures_procedure_cancel_schedule", args=[procedure.pk])
            text += format_html(
                '<p><button type="submit" formaction="{}" formnovalidate class="button">'
                "Cancel the scheduled publish</button></p>",
                url,
            )
        if procedure.pk and procedure.live_revision_id:
            url = reverse("admin:procedures_procedure_unpublish", args=[procedure.pk])
            text += format_html('<p><a href="{}">Take this page off the site…</a></p>', url)
        return text

    publishing_state.short_description = "On the site"

    def get_urls(self):
        unpublish = path(
            "<int:object_id>/unpublish/",
            self.admin_site.admin_view(self.unpublish_view),
            name="procedures_procedure_unpublish",
        )
        cancel = path(
            "<int:object_id>/cancel-schedule/",
            self.admin_site.admin_view(self.cancel_schedule_view),
            name="procedures_procedure_cancel_schedule",
        )
        return [unpublish, cancel, *super().get_urls()]

    def unpublish_view(self, request, object_id):
        """Ask, then take the page off the site (needs “Can publish” and change rights)."""
        procedure = get_object_or_404(Procedure, pk=object_id)
        if not self.may_publish_page(request, procedure):
            raise PermissionDenied
        change_url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
        if request.method == "POST":
            if procedure.live_revision_id is None:
                self.message_user(request, "This page was not on the site.", messages.INFO)
                return redirect(change_url)
            note = request.POST.get("note", "")[:200]
            publishing.page_unpublish(procedure=procedure, by=request.user, note=note)
            self.message_user(
                request,
                "Taken off the site: patients now get “page not found” at its address. "
                "Publish it again whenever it is ready.",
                messages.SUCCESS,
            )
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "procedure": procedure,
            "title": f"Take “{procedure}” off the site?",
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/procedures/procedure/unpublish.html", context)

    def cancel_schedule_view(self, request, object_id):
        procedure = get_object_or_404(Procedure, pk=object_id)
        if request.method != "POST" or not self.may_publish_page(request, procedure):
            raise PermissionDenied
        publishing.schedule_cancel(procedure=procedure)
        self.message_user(request, "The scheduled publish is cancelled.", messages.SUCCESS)
        return redirect(reverse("admin:procedures_procedure_change", args=[procedure.pk]))


def clinic_time(moment) -> str:
    """A moment as the clinic's staff read it: “December 4, 2026, 9:00 a.m. (Eastern)”."""
    return f"{date_format(moment.astimezone(CLINIC_TIME), 'DATETIME_FORMAT')} (Eastern)"
