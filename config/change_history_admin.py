"""The History page of a row whose changes are recorded (config/change_history.py), and undo.

    /admin/<app>/<model>/<id>/history/        each change: who, when, each field old -> new
    /admin/<app>/<model>/<id>/history/undo/   (a form's POST) put back the values before one

Whoever may view the row reads its history; whoever may change it may undo a change. An undo
goes through the same service as a save in the admin, and is itself recorded.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from config.change_history import ChangeRecord


class ChangeHistoryAdmin:
    """Mixed into a ModelAdmin, before admin.ModelAdmin."""

    history_intro = ""  # a sentence above the list, if the page needs one

    def recorded_changes(self, obj):
        """The changes the History page of `obj` lists, newest first."""
        raise NotImplementedError

    def change_undo(self, *, change: ChangeRecord, by) -> None:
        """Put back the values from before `change`, through the model's save service; raise
        ValidationError (with a message for people) if they cannot be put back."""
        raise NotImplementedError

    def get_urls(self):
        opts = self.model._meta
        undo = path(
            "<path:object_id>/history/undo/",
            self.admin_site.admin_view(self.undo_view),
            name=f"{opts.app_label}_{opts.model_name}_undo",
        )
        return [undo, *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        opts = self.opts
        context = {
            **self.admin_site.each_context(request),
            "title": f"History: {obj}",
            "subtitle": None,
            "opts": opts,
            "object": obj,
            "intro": self.history_intro,
            "changes": self.recorded_changes(obj),
            "can_undo": self.has_change_permission(request, obj),
            "undo_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_undo", args=[obj.pk]),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/change_history.html", context)

    def undo_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        opts = self.opts
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
        chosen = request.POST.get("change", "")
        change = self.recorded_changes(obj).filter(pk=chosen).first() if chosen.isdigit() else None
        if change is None:
            messages.error(
                request,
                "That change is not in this history. Nothing was undone: choose Undo beside "
                "the change you want to take back.",
            )
            return HttpResponseRedirect(history)
        try:
            self.change_undo(change=change, by=request.user)
        except ValidationError as error:
            messages.error(
                request,
                f"The change of {change.when_in_words} could not be undone: "
                f"{' '.join(error.messages)} Nothing was changed.",
            )
            return HttpResponseRedirect(history)
        messages.success(
            request,
            f"Undone: the change of {change.when_in_words} by {change.who}. The earlier values "
            "are back and patients see them now. The undo is at the top of this list.",
        )
        return HttpResponseRedirect(history)
