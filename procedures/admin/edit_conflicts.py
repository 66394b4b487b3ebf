"""The procedure edit page refuses a save over a colleague's, and says who else has it open.

The rule is procedures/edit_conflicts.py. Here: the hidden field the page carries, the check
in the form's clean() (the admin validates the form inside the save's transaction, before it
writes a row, and the check locks the page's row until that transaction ends), and the
page's two notices, shown at the top of the form
(templates/admin/procedures/procedure/edit_conflicts.html). “Preview changes” posts the same
form to the preview, which saves nothing: it is not checked.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.urls import reverse

from procedures import edit_conflicts
from procedures.edit_conflicts import CODE, FIELD

PREVIEW_URL_NAME = "procedures_procedure_preview"


class OpenedAtVersion(forms.CharField):
    """The hidden field: never one of the page's changes (the history's “Changed …” line)."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


def edit_conflicts_form(base_form, request, *, checks: bool):
    """The admin's form for the page, carrying the version it was opened at and, when
    `checks`, refusing to save over a newer one."""
    editor = request.user

    class ProcedureEditConflictsForm(base_form):
        opened_at_version = OpenedAtVersion(required=False)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.saved_meanwhile = None
            if self.instance.pk is not None and not self.is_bound:
                self.fields[FIELD].initial = edit_conflicts.latest_version(self.instance)

        def clean(self):
            sent = self.data.get(self.add_prefix(FIELD), "")
            if checks and self.instance.pk is not None and sent:
                self.saved_meanwhile = edit_conflicts.saved_since(self.instance.pk, sent)
                if self.saved_meanwhile is not None:
                    message = self.saved_meanwhile.message(editor)
                    self.add_error(None, ValidationError(message, code=CODE))
            return super().clean()

    return ProcedureEditConflictsForm


def previewing(request) -> bool:
    """Whether the request is “Preview changes” (the form posted to the preview address)."""
    match = request.resolver_match
    return match is not None and match.url_name == PREVIEW_URL_NAME


class EditConflictsAdmin:
    """A mixin for ProcedureAdmin: the check above, and the edit page's two notices."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base_form = super().get_form(request, obj, change=change, **kwargs)
        return edit_conflicts_form(base_form, request, checks=not previewing(request))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        saved_meanwhile = getattr(form, "saved_meanwhile", None)
        if saved_meanwhile is not None:
            # Said once, in its own box at the top, not as a mistake to correct.
            context["saved_meanwhile"] = saved_meanwhile.what_happened(request.user)
            self._set_aside_from_mistakes(form, context)
        if obj is not None and obj.pk is not None and self.has_change_permission(request, obj):
            context["change_url"] = reverse("admin:procedures_procedure_change", args=[obj.pk])
            context["others_editing"] = [
                opened.notice() for opened in edit_conflicts.others_editing(obj.pk, request.user)
            ]
            edit_conflicts.editing_record(obj.pk, request.user)
        return super().render_change_form(
            request, context, add=add, change=change, form_url=form_url, obj=obj
        )

    @staticmethod
    def _set_aside_from_mistakes(form, context) -> None:
        errors = form.errors.get(NON_FIELD_ERRORS)
        if errors is not None:
            errors.data = [error for error in errors.as_data() if error.code != CODE]
            if not errors.data:
                del form.errors[NON_FIELD_ERRORS]
        context["errors"] = [error_list for error_list in context.get("errors") or [] if error_list]
