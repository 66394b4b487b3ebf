"""A request a colleague changed since you opened its page: say so, and keep what you typed.

The change page carries, in a hidden field, how the request stood when it was
opened: its count of saves (CallbackRequest.version, counted by
appointments/services.py), its number of calls, and a fingerprint of its status,
assigned to, name and phone (fingerprints, so the hidden field holds no
patient's details). On Save, when the count has moved on, nothing is saved: the
page comes back with everything typed still in it, a message saying what
changed, who changed it last and when, and the values as they are now. The
hidden field then describes the request as it is now, so pressing Save again
saves.

A form sent without the hidden field (a page opened before it existed) is not
checked; one whose hidden field was altered is taken as changed meanwhile.
"""

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import connection
from django.utils import dateformat, timezone
from django.utils.crypto import salted_hmac

from appointments.models import CallbackRequest

SALT = "appointments.edit_conflicts"
FIELD = "opened_as"
CODE = "changed_meanwhile"
# The fields of the request a colleague may change on its page (as the model holds them),
# as the message names them.
WATCHED = {
    "status": "status",
    "assigned_to_id": "assigned to",
    "full_name": "name",
    "phone": "phone",
}


def _fingerprint(value) -> str:
    return salted_hmac(SALT, str(value), algorithm="sha256").hexdigest()[:16]


def opened_as(callback_request: CallbackRequest) -> str:
    """The hidden field's value: the request as it stands now, signed."""
    return signing.dumps(
        {
            "version": callback_request.version,
            "calls": callback_request.call_attempts.count(),
            "fields": {name: _fingerprint(getattr(callback_request, name)) for name in WATCHED},
        },
        salt=SALT,
    )


def changes_since(opened: dict | None, stored: CallbackRequest) -> str:
    """The message for a page opened at `opened` (None: not known) of a request now `stored`."""
    what = []
    if opened is not None:
        what = [
            label
            for name, label in WATCHED.items()
            if opened["fields"].get(name) != _fingerprint(getattr(stored, name))
        ]
        calls = stored.call_attempts.count() - opened["calls"]
        if calls > 0:
            what.append("a call was logged" if calls == 1 else f"{calls} calls were logged")
    changed = f" ({_and_list(what)})" if what else ""
    when = ""
    if stored.changed_at is not None:
        when = " on " + dateformat.format(timezone.localtime(stored.changed_at), "N j, g:i a")
    assigned = stored.assigned_to
    now = (
        f"Status: {stored.get_status_display()}. "
        f"Assigned to: {_name(assigned) if assigned else 'nobody'}. "
        f"Name: {stored.full_name}. Phone: {stored.phone.as_national}."
    )
    return (
        f"Not saved yet: {_who(stored)} changed this request{changed}{when}, "
        f"after you opened it. It is now: {now} What you changed is still below; where you "
        "changed nothing, the page shows the new values. Check, then press Save again."
    )


def _who(stored: CallbackRequest) -> str:
    if stored.changed_by is not None:
        return _name(stored.changed_by)
    if stored.corrected_at is not None and stored.corrected_at == stored.changed_at:
        return "the patient, sending the form again,"
    return "someone else"


def _name(user) -> str:
    return user.get_full_name() or user.get_username()


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


class PageState(forms.CharField):
    """The hidden field: never one of the request's changes (history, the save)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


class ChangedMeanwhileCheck(forms.ModelForm):
    """The callback request's change form, refusing to save over a colleague's change."""

    opened_as = PageState(required=False)

    class Meta:
        model = CallbackRequest
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[FIELD].initial = opened_as(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            return cleaned_data
        sent = self.data.get(self.add_prefix(FIELD), "")
        if not sent:
            return cleaned_data
        try:
            opened = signing.loads(sent, salt=SALT)
        except signing.BadSignature:
            opened = None
        stored = CallbackRequest.objects.select_related("changed_by", "assigned_to")
        if connection.in_atomic_block:  # the admin's save is one transaction: hold the row
            stored = stored.select_for_update(of=("self",))
        stored = stored.get(pk=self.instance.pk)
        if opened is not None and opened.get("version") == stored.version:
            return cleaned_data
        # From here, the page describes the request as it is now: Save again saves.
        self.data = self.data.copy()
        self.data[self.add_prefix(FIELD)] = opened_as(stored)
        if opened is not None:
            self._show_new_values_where_nothing_was_typed(opened, stored, cleaned_data)
        raise forms.ValidationError(changes_since(opened, stored), code=CODE)

    def _show_new_values_where_nothing_was_typed(self, opened, stored, cleaned_data) -> None:
        """A field left as it was when the page opened shows the colleague's value, so Save
        again does not put the old one back; a field the person changed keeps their value."""
        sent = {
            "status": cleaned_data.get("status"),
            "assigned_to_id": getattr(cleaned_data.get("assigned_to"), "pk", None),
            "full_name": cleaned_data.get("full_name"),
            "phone": cleaned_data.get("phone"),
        }
        now = {
            "status": stored.status,
            "assigned_to": "" if stored.assigned_to_id is None else str(stored.assigned_to_id),
            "full_name": stored.full_name,
            "phone": stored.phone.as_national,
        }
        for model_name, field_name in zip(WATCHED, now, strict=True):
            if field_name not in self.fields or field_name not in cleaned_data:
                continue  # not on this page, or not valid as typed: left as typed
            if _fingerprint(sent[model_name]) == opened["fields"].get(model_name):
                self.data[self.add_prefix(field_name)] = now[field_name]


class ShowsChangesMeanwhile:
    """For the request's ModelAdmin: its form is ChangedMeanwhileCheck, and when a colleague's
    change is the only reason the save stopped, the page says that alone, in its own box
    (templates/admin/appointments/callbackrequest/change_form.html), not "Please correct
    the error below": there is nothing to correct."""

    form = ChangedMeanwhileCheck

    def render_change_form(self, request, context, *args, **kwargs):
        form = context["adminform"].form
        errors = context.get("errors") or []
        if form.is_bound and len(errors) == 1 and form.has_error(NON_FIELD_ERRORS, CODE):
            context["errors"] = []
            context["changed_meanwhile"] = form.non_field_errors()[0]
        return super().render_change_form(request, context, *args, **kwargs)
