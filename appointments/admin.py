"""The front desk's work queue: callback requests, their calls, and the service area.

Opening a request, searching the list and downloading it as CSV are recorded
(appointments/access_records.py); superusers read those records here too.
"""

import phonenumbers
from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst

from appointments.access_records import record_export, record_opened, record_search
from appointments.csv_export import callback_requests_csv_response
from appointments.models import (
    CallAttempt,
    CallbackRequest,
    Notification,
    PatientRecordAccess,
    ServiceAreaCounty,
)
from appointments.services import call_attempt_record, callback_request_save
from appointments.typed_text import protect
from procedures.models import dialable_us_number

E164 = phonenumbers.PhoneNumberFormat.E164


def _as_phone_number(text: str) -> str | None:
    """The E.164 form of a phone number typed in the search box; None for a name or reference."""
    if any(c.isalpha() for c in text):
        return None
    number = dialable_us_number(text)
    return None if number is None else phonenumbers.format_number(number, E164)


class TypedTextOnly:
    """Every free-text box of the form (a name, a phone number, a call's note, a county)
    refuses hidden and unreadable characters, as the patient's form does."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.CharField):
            protect(field, multiline=isinstance(field.widget, forms.Textarea))
        return field


# Django's tabular inline with a label in each cell (shown when the rows stack on a phone).
STACKING_TABULAR = "admin/appointments/callbackrequest/stacking_tabular.html"


class CallAttemptInline(TypedTextOnly, admin.TabularInline):
    """The call log. Past calls cannot be changed or deleted; new ones are added below."""

    model = CallAttempt
    extra = 1
    can_delete = False
    fields = ["made_at", "made_by", "outcome", "note"]
    readonly_fields = ["made_by"]
    verbose_name_plural = "Calls"
    template = STACKING_TABULAR  # each call a labelled card on a phone

    def has_change_permission(self, request, obj=None):
        return False


class NotificationInline(admin.TabularInline):
    model = Notification
    extra = 0
    can_delete = False
    fields = [
        "kind",
        "status",
        "attempts",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    readonly_fields = fields
    verbose_name_plural = "Emails about this request"
    template = STACKING_TABULAR

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OverdueFilter(admin.SimpleListFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue (no contact within one business day)")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("nobody", "Not assigned")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


REQUEST_FIELDSETS = [
    (
        "Request",
        {
            "fields": [
                "reference",
                "received_at",
                "corrected_at",
                "contact_due_at",
                "status",
                "closed_at",
                "assigned_to",
            ]
        },
    ),
    (
        "Patient",
        {
            "fields": [
                "full_name",
                ("phone", "phone_link"),  # the number to correct, beside the link to call it
                "town_and_zip",
                "county",
                "procedure_or_not_sure",
                "best_time",
                "email",
            ]
        },
    ),
    (
        "Consent given on the form",
        {
            "fields": [
                "consent_to_call",
                "consent_to_voicemail",
                "consent_to_text",
                "consent_version",
                "consented_at",
            ]
        },
    ),
]


@admin.register(CallbackRequest)
class CallbackRequestAdmin(TypedTextOnly, admin.ModelAdmin):
    list_display = [
        "reference",
        "received_at",
        "full_name",
        "phone_link",
        "town_and_zip",
        "procedure_or_not_sure",
        "best_time",
        "status",
        "attempts",
        "assigned_to",
        "overdue",
    ]
    list_display_links = ["reference", "full_name"]
    list_filter = [
        "status",
        "procedure",
        OverdueFilter,
        AssignedFilter,
        ("received_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["procedure", "assigned_to"]
    # "12 results (Show all)" rather than "12 results (100,000 total)": the total would
    # cost a second count of every request on each filtered or searched page.
    show_full_result_count = False
    search_fields = ["reference", "full_name", "phone"]
    search_help_text = "Search by reference (CB-…), name or phone number."
    actions = ["assign_to_me", "mark_closed"]
    inlines = [CallAttemptInline, NotificationInline]
    fieldsets = REQUEST_FIELDSETS
    # What the patient gave and agreed to stays as sent; staff change only these.
    readonly_fields = [
        name
        for _, options in REQUEST_FIELDSETS
        for row in options["fields"]
        for name in (row if isinstance(row, tuple) else [row])
        if name not in {"status", "assigned_to", "full_name", "phone"}
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_queue_columns()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return False  # requests come from patients, through the form

    def has_delete_permission(self, request, obj=None):
        return False  # the retention purge deletes; nobody deletes by hand

    @admin.display(description="Phone", ordering="phone")
    def phone_link(self, callback_request):
        phone = callback_request.phone
        return format_html('<a href="tel:{}">{}</a>', phone.as_e164, phone.as_national)

    @admin.display(description="Town and ZIP", ordering="zip_code")
    def town_and_zip(self, callback_request):
        return f"{callback_request.town}, {callback_request.state} {callback_request.zip_code}"

    @admin.display(description="Procedure", ordering="procedure__title")
    def procedure_or_not_sure(self, callback_request):
        return callback_request.procedure or "Not sure yet"

    @admin.display(description="Calls", ordering="attempt_count")
    def attempts(self, callback_request):
        return callback_request.attempt_count

    @admin.display(description="Overdue", boolean=True, ordering="is_overdue")
    def overdue(self, callback_request):
        return callback_request.is_overdue

    def get_search_results(self, request, queryset, search_term):
        """A phone number typed in any familiar way finds the number stored in E.164."""
        phone = _as_phone_number(search_term)
        if phone is not None:
            return queryset.filter(phone=phone), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change):
        callback_request_save(callback_request=obj, fields=form.changed_data)

    def save_formset(self, request, form, formset, change):
        if formset.model is not CallAttempt:
            return super().save_formset(request, form, formset, change)
        for attempt in formset.save(commit=False):
            call_attempt_record(
                callback_request=form.instance,
                made_by=request.user,
                outcome=attempt.outcome,
                note=attempt.note,
                made_at=attempt.made_at,
            )
        return None

    def response_action(self, request, queryset, **kwargs):
        """Ticked rows that are no request's number (only a forged form sends them) change
        nothing and say so, instead of failing."""
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(pk.isascii() and pk.isdigit() for pk in selected):
            self.message_user(
                request, "Nothing was changed: tick the requests again.", messages.WARNING
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, **kwargs)

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        self._bulk_update(request, queryset, assigned_to=request.user)

    @admin.action(description="Mark closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._bulk_update(request, queryset, status=CallbackRequest.Status.CLOSED)

    def _bulk_update(self, request, queryset, **changes):
        requests = list(queryset)
        for callback_request in requests:
            for name, value in changes.items():
                setattr(callback_request, name, value)
            callback_request_save(callback_request=callback_request, fields=changes)
            fields = [capfirst(self.model._meta.get_field(name).verbose_name) for name in changes]
            self.log_change(request, callback_request, [{"changed": {"fields": fields}}])
        self.message_user(request, f"Updated {len(requests)} request(s).", messages.SUCCESS)

    # --- CSV export of exactly what the list shows ---------------------------

    def get_urls(self):
        export = path(
            "export/",
            self.admin_site.admin_view(self.export_view),
            name="appointments_callbackrequest_export",
        )
        return [export, *super().get_urls()]

    def has_export_permission(self, request):
        return request.user.has_perm("appointments.export_callbackrequest")

    def export_view(self, request):
        """Download the rows the list shows with the current filters and search, all pages."""
        if not (self.has_view_permission(request) and self.has_export_permission(request)):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(reverse("admin:appointments_callbackrequest_changelist"))
        # Recorded before the first row goes: a download cut short was still seen. The
        # changelist has counted the rows it holds, which are the rows the file gets.
        record_export(request, changelist, changelist.result_count)
        return callback_requests_csv_response(changelist.get_queryset(request), now=timezone.now())

    # --- pages that show patients' details, recorded -------------------------

    def changelist_view(self, request, extra_context=None):
        """The queue. A search is recorded (its filters and rows found, never its words)."""
        extra_context = {
            **(extra_context or {}),
            "can_export": self.has_export_permission(request),
        }
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if response.status_code == 200 and changelist is not None and changelist.query:
            record_search(request, changelist)
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A request's page. Opening it is recorded; saving it is in the history instead.

        The history page is not recorded: it shows the reference and which fields
        changed, never what they hold.
        """
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            record_opened(request, response.context_data["original"])
        return response


@admin.register(ServiceAreaCounty)
class ServiceAreaCountyAdmin(TypedTextOnly, admin.ModelAdmin):
    list_display = ["county", "state"]
    list_filter = ["state"]
    search_fields = ["county"]


@admin.register(PatientRecordAccess)
class PatientRecordAccessAdmin(admin.ModelAdmin):
    """Who saw which patient, for superusers only. Nobody adds, changes or deletes a record."""

    list_display = [
        "at",
        "username",
        "action",
        "reference",
        "filters",
        "searched",
        "row_count",
    ]
    list_filter = ["action", "username"]
    date_hierarchy = "at"
    search_fields = ["reference"]
    search_help_text = "Search by the reference of a request (CB-…)."
    actions = None

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
