"""The front desk's work queue: callback requests, their calls, and the service area.

Opening a request, searching the list and downloading it as CSV are recorded
(appointments/access_records.py); superusers read those records here too.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, SEARCH_VAR
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import capfirst

from appointments.access_records import record_export, record_opened, record_search
from appointments.csv_export import callback_requests_csv_response
from appointments.due_words import due_in_words, exact_time
from appointments.edit_conflicts import ShowsChangesMeanwhile
from appointments.figures_views import figures_urls
from appointments.models import (
    QUEUE_ORDER,
    WAITING_FOR_CONTACT,
    CallAttempt,
    CallbackRequest,
    Notification,
    PatientRecordAccess,
    ServiceAreaChange,
    ServiceAreaCounty,
)
from appointments.service_area_edits import (
    service_area_change_undo,
    service_area_county_remove,
    service_area_county_save,
)
from appointments.services import (
    call_attempt_record,
    callback_request_assign_to_me,
    callback_request_save,
)
from appointments.typed_text import protect
from config.change_history_admin import ChangeHistoryAdmin
from config.phone_numbers import us_number
from staff.unsaved_work import GivesBackUnsavedWork

NOT_UNDERSTOOD = (
    "Part of this list's address was not understood (a filter or sort order that does not "
    "exist), so the list shows all open requests instead."
)


def _as_phone_number(text: str) -> str | None:
    """The E.164 form of a phone number typed in the search box; None for a name or reference."""
    if any(c.isalpha() for c in text):
        return None
    number = us_number(text)
    return None if number is None else number.as_e164


class TypedTextOnly:
    """Every free-text box of the form (a name, a phone number, a call's note, a county)
    refuses hidden and unreadable characters, as the patient's form does."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.CharField):
            protect(field, multiline=isinstance(field.widget, forms.Textarea))
        return field


# Django's tabular inline with a label in each cell (shown when the rows stack on a phone).
STACKING_TABULAR = "admin/edit_inline/labelled_tabular.html"


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


class QueueFilter(admin.SimpleListFilter):
    """A filter of the queue whose address takes only the values it offers.

    Any other value (an old bookmark, a mistyped address) raises
    IncorrectLookupParameters, which the list turns into a plain message above the
    whole open queue (CallbackRequestAdmin.changelist_view) instead of guessing.
    """

    def queryset(self, request, queryset):
        value = self.value()
        if value is None:
            return self.when_not_chosen(request, queryset)
        if value not in {str(choice) for choice, _ in self.lookup_choices}:
            raise IncorrectLookupParameters(f"{self.parameter_name} has no choice {value!r}")
        return self.narrow(request, queryset, value)

    def when_not_chosen(self, request, queryset):
        return queryset

    def narrow(self, request, queryset, value):
        raise NotImplementedError


class StatusFilter(QueueFilter):
    """Open requests unless asked: closed ones are one click away ("All, including closed").

    A search looks at every request, closed too, since a patient may call about
    one that was closed.
    """

    title = "status"
    parameter_name = "status"
    EVERY = "all"

    def lookups(self, request, model_admin):
        return [*CallbackRequest.Status.choices, (self.EVERY, "All, including closed")]

    def choices(self, changelist):
        searching = bool(changelist.query)
        yield {
            "selected": self.value() is None and not searching,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Open (not closed)",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value
                or (value == self.EVERY and self.value() is None and searching),
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def when_not_chosen(self, request, queryset):
        if request.GET.get(SEARCH_VAR, "").strip():
            return queryset
        return queryset.still_open()

    def narrow(self, request, queryset, value):
        return queryset if value == self.EVERY else queryset.filter(status=value)


class OverdueFilter(QueueFilter):
    title = "overdue"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue (no contact within one business day)")]

    def narrow(self, request, queryset, value):
        return queryset.overdue()


class DueFilter(QueueFilter):
    title = "due"
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("today", "Due later today")]

    def narrow(self, request, queryset, value):
        return queryset.due_today()


class AssignedFilter(QueueFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Assigned to me"), ("nobody", "Not assigned")]

    def narrow(self, request, queryset, value):
        if value == "me":
            return queryset.filter(assigned_to=request.user)
        return queryset.filter(assigned_to__isnull=True)


class CountyFilter(QueueFilter):
    """The counties of the service area, and any other county a request came from."""

    title = "county"
    parameter_name = "county"

    def lookups(self, request, model_admin):
        counties = {
            county: f"{county}, {state}"
            for county, state in ServiceAreaCounty.objects.values_list("county", "state")
        }
        value = self.value()
        if value and value not in counties:
            # A county since taken out of the service area still finds its old requests.
            state = (
                CallbackRequest.objects.filter(county=value).values_list("state", flat=True).first()
            )
            if state:
                counties[value] = f"{value}, {state}"
        return sorted(counties.items(), key=lambda item: item[1])

    def narrow(self, request, queryset, value):
        return queryset.filter(county=value)


class TownFilter(QueueFilter):
    """Towns, once a county is chosen: the towns of the whole service area are too many to list."""

    title = "town"
    parameter_name = "town"

    def lookups(self, request, model_admin):
        county = request.GET.get(CountyFilter.parameter_name)
        town = self.value()
        if not county and not town:
            return []
        towns = CallbackRequest.objects.exclude(town="")
        towns = towns.filter(county=county) if county else towns.filter(town=town)
        names = towns.order_by("town").values_list("town", flat=True).distinct()
        return [(name, name) for name in names]

    def has_output(self):
        # A town in the address that no request has is still checked (and refused).
        return super().has_output() or self.value() is not None

    def narrow(self, request, queryset, value):
        return queryset.filter(town=value)


class CallLanguageFilter(QueueFilter):
    """The language to call in, and who needs (or may need) an interpreter."""

    title = "language to call in"
    parameter_name = "language"
    INTERPRETER = "interpreter"
    MAYBE_INTERPRETER = "interpreter-not-sure"
    NOT_ASKED = "not-asked"

    def lookups(self, request, model_admin):
        return [
            (CallbackRequest.CallLanguage.ENGLISH, "English"),
            (CallbackRequest.CallLanguage.SPANISH, "Spanish"),
            (CallbackRequest.CallLanguage.OTHER, "Another"),
            (self.INTERPRETER, "Needs an interpreter"),
            (self.MAYBE_INTERPRETER, "Not sure about an interpreter"),
            (self.NOT_ASKED, "Not asked (sent before the question)"),
        ]

    def narrow(self, request, queryset, value):
        if value == self.INTERPRETER:
            return queryset.filter(needs_interpreter=CallbackRequest.Interpreter.YES)
        if value == self.MAYBE_INTERPRETER:
            return queryset.filter(needs_interpreter=CallbackRequest.Interpreter.NOT_SURE)
        if value == self.NOT_ASKED:
            return queryset.filter(call_language="")
        return queryset.filter(call_language=value)


class ProcedureFilter(admin.RelatedFieldListFilter):
    """The procedure asked about; a request with none chosen is "Not sure yet", as on its page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = "Not sure yet"


def assign_to_me_button(request):
    """The list's last column: "Assign to me" on each open request nobody has taken yet.

    A submit button of the list's own form (which carries the CSRF token) sent to
    the assign address of its row, so one click assigns it, with no JavaScript. The
    list's filters go along so the list comes back as it was.
    """
    filters = request.GET.urlencode()

    @admin.display(description="Assign")
    def assign(callback_request):
        if (
            callback_request.assigned_to_id
            or callback_request.status == CallbackRequest.Status.CLOSED
        ):
            return ""
        url = reverse("admin:appointments_callbackrequest_assign", args=[callback_request.pk])
        if filters:
            url += "?" + urlencode({"_changelist_filters": filters})
        return format_html(
            '<button type="submit" class="button queue-assign" formaction="{}" formnovalidate '
            'aria-label="Assign {} to me">Assign to me</button>',
            url,
            callback_request.reference,
        )

    return assign


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
        "Language",
        {
            "fields": [
                "language_to_call_in",
                "interpreter",
                "page_language",
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
class CallbackRequestAdmin(
    ShowsChangesMeanwhile, GivesBackUnsavedWork, TypedTextOnly, admin.ModelAdmin
):
    # The columns a caller needs, narrow enough for 1280 px; the request's page has the rest.
    list_display = [
        "reference",
        "full_name",
        "phone_and_language",
        "town_and_county",
        "due",
        "status_and_calls",
        "assigned_to_or_nobody",
    ]
    list_display_links = ["reference", "full_name"]
    list_filter = [
        StatusFilter,
        OverdueFilter,
        DueFilter,
        AssignedFilter,
        CountyFilter,
        TownFilter,
        CallLanguageFilter,
        ("procedure", ProcedureFilter),
        ("received_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["procedure", "assigned_to"]
    # "12 results (Show all)" rather than "12 results (100,000 total)": the total would
    # cost a second count of every request on each filtered or searched page.
    show_full_result_count = False
    # A phone number or a ZIP code is found exactly (get_search_results); words are looked
    # for in these.
    search_fields = ["reference", "full_name", "town", "county"]
    search_help_text = (
        "Search by reference (CB-…), name, phone number (any way of writing it), "
        "ZIP code, town or county."
    )
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

    def get_ordering(self, request):
        """Overdue first (the longest overdue first), then by due time: the order of the work
        (CallbackRequestQuerySet.in_queue_order), unless a column heading is clicked."""
        return QUEUE_ORDER

    def get_list_display(self, request):
        """The columns, and a one-click "Assign to me" for those who may change requests."""
        columns = list(super().get_list_display(request))
        if self.has_change_permission(request):
            columns.append(assign_to_me_button(request))
        return columns

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

    @admin.display(description="Procedure", ordering="procedure__title")
    def procedure_or_not_sure(self, callback_request):
        return callback_request.procedure or "Not sure yet"

    @admin.display(description="Phone and language", ordering="phone")
    def phone_and_language(self, callback_request):
        """The number to call, and under it the language to speak: "Spanish · interpreter",
        "Other: Portuguese", "English" (in the phone's column: the list has no room for
        another at 1280 px, and both say how to call)."""
        return format_html(
            '{}<br><span class="queue-language">{}</span>',
            self.phone_link(callback_request),
            callback_request.language_in_words,
        )

    @admin.display(description="Language to call in")
    def language_to_call_in(self, callback_request):
        if callback_request.call_language == CallbackRequest.CallLanguage.OTHER:
            return f"Another language: {callback_request.call_language_other}"
        return (
            callback_request.get_call_language_display() or "Not asked (sent before the question)"
        )

    @admin.display(description="Needs an interpreter")
    def interpreter(self, callback_request):
        return (
            callback_request.get_needs_interpreter_display()
            or "Not asked (sent before the question)"
        )

    @admin.display(description="Town and ZIP")
    def town_and_zip(self, callback_request):
        return f"{callback_request.town}, {callback_request.state} {callback_request.zip_code}"

    @admin.display(description="Town and county", ordering="town")
    def town_and_county(self, callback_request):
        town = callback_request.town or f"ZIP {callback_request.zip_code}"
        return format_html(
            '{}<br><span class="queue-county">{} County, {}</span>',
            town,
            callback_request.county,
            callback_request.state,
        )

    @admin.display(description="Due", ordering="contact_due_at")
    def due(self, callback_request):
        """ "Overdue by 2 days" or "Due in 3 hours", with the exact time beside it."""
        if callback_request.status not in WAITING_FOR_CONTACT:
            return format_html('<span class="queue-due">{}</span>', "No call due")
        due = callback_request.contact_due_at
        return format_html(
            '<span class="queue-due{}"><strong>{}</strong> <time datetime="{}">{}</time></span>',
            " queue-due--overdue" if callback_request.is_overdue else "",
            due_in_words(due),
            due.isoformat(),
            exact_time(due),
        )

    @admin.display(description="Assigned to", ordering="assigned_to__username")
    def assigned_to_or_nobody(self, callback_request):
        return callback_request.assigned_to or "Nobody yet"

    @admin.display(description="Status", ordering="status")
    def status_and_calls(self, callback_request):
        calls = callback_request.attempt_count
        if not calls:
            return callback_request.get_status_display()
        return format_html(
            '{}<br><span class="queue-calls">{} call{}</span>',
            callback_request.get_status_display(),
            calls,
            "" if calls == 1 else "s",
        )

    def get_search_results(self, request, queryset, search_term):
        """A phone number typed in any familiar way finds the number stored in E.164; five
        digits find a ZIP code; other words are looked for in search_fields."""
        term = search_term.strip()
        phone = _as_phone_number(term)
        if phone is not None:
            return queryset.filter(phone=phone), False
        if len(term) == 5 and term.isascii() and term.isdigit():
            return queryset.filter(zip_code=term), False
        return super().get_search_results(request, queryset, search_term)

    def save_model(self, request, obj, form, change):
        callback_request_save(
            callback_request=obj, fields=form.changed_data, changed_by=request.user
        )

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
        self._assign_to_me(request, list(queryset))

    @admin.action(description="Mark closed", permissions=["change"])
    def mark_closed(self, request, queryset):
        self._bulk_update(request, queryset, status=CallbackRequest.Status.CLOSED)

    def _assign_to_me(self, request, callback_requests) -> None:
        """Each request nobody has taken becomes the user's, in the history; one a colleague
        took first is left with them, and the message says so. The one-click button and the
        list's action both come here, so neither ever takes a colleague's request."""
        for callback_request in callback_requests:
            if callback_request_assign_to_me(callback_request=callback_request, user=request.user):
                self.log_change(
                    request, callback_request, [{"changed": {"fields": ["Assigned to"]}}]
                )
                self.message_user(
                    request,
                    f"{callback_request.reference} is now assigned to you.",
                    messages.SUCCESS,
                )
            else:
                callback_request.refresh_from_db(fields=["assigned_to"])
                self.message_user(
                    request,
                    f"{callback_request.reference} was already assigned to "
                    f"{callback_request.assigned_to or 'someone else'}, so it was not changed.",
                    messages.WARNING,
                )

    def _bulk_update(self, request, queryset, **changes):
        requests = list(queryset)
        for callback_request in requests:
            for name, value in changes.items():
                setattr(callback_request, name, value)
            callback_request_save(
                callback_request=callback_request, fields=changes, changed_by=request.user
            )
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
        assign = path(
            "<path:object_id>/assign-to-me/",
            self.admin_site.admin_view(self.assign_view),
            name="appointments_callbackrequest_assign",
        )
        return [export, assign, *figures_urls(self), *super().get_urls()]

    # --- "Assign to me" in one click, from the list or from a request --------

    def assign_view(self, request, object_id):
        """Assign one open request nobody has taken to the person who clicked; never take a
        request a colleague took first. Back to the list (as it was) or the request."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        callback_request = self.get_object(request, object_id)
        if callback_request is None:
            self.message_user(request, "That request no longer exists.", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:appointments_callbackrequest_changelist"))
        if not self.has_change_permission(request, callback_request):
            raise PermissionDenied
        self._assign_to_me(request, [callback_request])
        if request.POST.get("back") == "request":
            return HttpResponseRedirect(
                reverse("admin:appointments_callbackrequest_change", args=[callback_request.pk])
            )
        url = reverse("admin:appointments_callbackrequest_changelist")
        filters = request.GET.get("_changelist_filters", "")
        return HttpResponseRedirect(f"{url}?{filters}" if filters else url)

    def has_export_permission(self, request):
        return request.user.has_perm("appointments.export_callbackrequest")

    def export_view(self, request):
        """Download the rows the list shows with the current filters and search, all pages."""
        if not (self.has_view_permission(request) and self.has_export_permission(request)):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            self.message_user(
                request, NOT_UNDERSTOOD + " Nothing was downloaded.", messages.WARNING
            )
            return HttpResponseRedirect(reverse("admin:appointments_callbackrequest_changelist"))
        # Recorded before the first row goes: a download cut short was still seen. The
        # changelist has counted the rows it holds, which are the rows the file gets.
        record_export(request, changelist, changelist.result_count)
        return callback_requests_csv_response(changelist.get_queryset(request), now=timezone.now())

    # --- pages that show patients' details, recorded -------------------------

    def changelist_view(self, request, extra_context=None):
        """The queue. A search is recorded (its filters and rows found, never its words).

        A filter or sort order in the address that does not exist makes Django's admin
        send the browser to "?e=1" (the list with nothing chosen); here that says why
        in a message, at the list's plain address, instead of showing nothing or an
        error page.
        """
        if ERROR_FLAG in request.GET:
            self.message_user(request, NOT_UNDERSTOOD, messages.WARNING)
            return HttpResponseRedirect(request.path)
        extra_context = {
            **(extra_context or {}),
            "can_export": self.has_export_permission(request),
            "title": "Callback requests, in the order to call",
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
class ServiceAreaCountyAdmin(ChangeHistoryAdmin, TypedTextOnly, admin.ModelAdmin):
    """Every county added, changed or removed is recorded; a county's History button lists the
    whole service area's changes, where a superuser can undo one."""

    list_display = ["county", "state"]
    list_filter = ["state"]
    search_fields = ["county"]
    history_intro = (
        "The service area is one list, so every county's history shows all its changes: "
        "counties added, renamed and removed. A county removed by mistake is put back with "
        "Undo beside its removal."
    )

    def save_model(self, request, obj, form, change):
        service_area_county_save(county=obj, by=request.user)

    def delete_model(self, request, obj):
        service_area_county_remove(county=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for county in queryset:
            service_area_county_remove(county=county, by=request.user)

    def recorded_changes(self, obj):
        return ServiceAreaChange.objects.select_related("undoes")

    def change_undo(self, *, change, by):
        """Undoing an addition removes a county, and undoing a removal adds one: that needs the
        permission to remove or add counties, not only to change them."""
        needed = {"added": ("delete", "remove"), "removed": ("add", "add")}.get(change.action)
        if needed and not by.has_perm(f"appointments.{needed[0]}_serviceareacounty"):
            raise ValidationError(
                f"undoing it would {needed[1]} a county, and your account may not "
                f"{needed[1]} counties. Ask a superuser."
            )
        service_area_change_undo(change=change, by=by)


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
