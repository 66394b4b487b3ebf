"""A procedure page's history: every saved version, compared in words, previewed, restored.

- `/admin/procedures/procedure/<id>/history/` (the admin's “History” button): the versions,
  newest first, saying which one patients see and which is scheduled.
- `.../history/compare/?from=N&to=M`: what changed from version N to version M, part by part
  (procedures/revision_compare.py).
- `.../history/<number>/`: version N exactly as patients would see it (`?language=es`).
- `.../history/<number>/restore/`: asks, then puts version N's words and pictures back into
  the page editors work on (procedures.publishing.revision_restore). Patients' page does not
  change until someone publishes.

Staff who may see procedures and their versions can read the history; restoring needs the
permission to change procedures.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from procedures import publishing
from procedures.admin.preview import page_preview_response
from procedures.admin.publishing import clinic_time
from procedures.models import PageRevision, Procedure
from procedures.page_content import PageContent
from procedures.revision_compare import compare

VIEW_HISTORY_PERMISSION = "procedures.view_pagerevision"


@dataclass
class Version:
    """One line of the history, as the templates show it."""

    revision: PageRevision
    is_live: bool
    is_scheduled: bool

    @property
    def has_spanish(self) -> bool:
        return bool(self.revision.content.get("procedure", {}).get("title_es"))

    @property
    def saved_on(self) -> str:
        return clinic_time(self.revision.created_at)

    @property
    def went_live_on(self) -> str:
        published_at = self.revision.published_at
        return clinic_time(published_at) if published_at else ""

    @property
    def goes_live_on(self) -> str:
        return clinic_time(self.revision.publish_at) if self.revision.publish_at else ""


class HistoryAdmin:
    """A mixin for ProcedureAdmin: the history addresses above."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/history/compare/",
                view(self.compare_view),
                name="procedures_procedure_compare",
            ),
            path(
                "<int:object_id>/history/<int:number>/",
                view(self.version_view),
                name="procedures_procedure_version",
            ),
            path(
                "<int:object_id>/history/<int:number>/restore/",
                view(self.restore_view),
                name="procedures_procedure_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        """Every version of the page, newest first, with a form to compare any two."""
        procedure = self._with_history(request, object_id)
        versions = self._versions(procedure)
        context = {
            **self._context(request, procedure, f"History of “{procedure}”"),
            "versions": versions,
            "compare_from": versions[1].revision.number if len(versions) > 1 else None,
            "compare_to": versions[0].revision.number if versions else None,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/procedures/procedure/history.html", context)

    def compare_view(self, request, object_id):
        """What changed from version `from` to version `to` (GET, so it works without JS)."""
        procedure = self._with_history(request, object_id)
        revisions = {revision.number: revision for revision in procedure.revisions.all()}
        numbers = [_number(request.GET.get(name)) for name in ("from", "to")]
        if not all(number in revisions for number in numbers):
            self.message_user(
                request,
                "Those versions are not in this page's history. Choose two versions below.",
                messages.ERROR,
            )
            return redirect(reverse("admin:procedures_procedure_history", args=[procedure.pk]))
        older, newer = (revisions[number] for number in numbers)
        versions = self._versions(procedure)
        context = {
            **self._context(
                request,
                procedure,
                f"What changed from version {older.number} to version {newer.number}",
            ),
            "versions": versions,
            "older": _version_of(older, versions),
            "newer": _version_of(newer, versions),
            "changes": compare(older.content, newer.content),
            "compare_from": older.number,
            "compare_to": newer.number,
        }
        return TemplateResponse(request, "admin/procedures/procedure/compare.html", context)

    def version_view(self, request, object_id, number):
        """Version `number` exactly as patients would see it; never cached."""
        procedure = self._with_history(request, object_id)
        revision = procedure.revisions.filter(number=number).first()
        if revision is None:
            return self._not_in_history(request, procedure, number)
        page = PageContent.from_snapshot(revision.content, row=procedure)
        return page_preview_response(request, page, f"version {revision.number}")

    def restore_view(self, request, object_id, number):
        """GET asks; POST puts version `number` back into the working copy."""
        procedure = self._with_history(request, object_id)
        if not self.has_change_permission(request, procedure):
            raise PermissionDenied
        revision = procedure.revisions.filter(number=number).first()
        if revision is None:
            return self._not_in_history(request, procedure, number)
        history_url = reverse("admin:procedures_procedure_history", args=[procedure.pk])
        if request.method == "POST":
            return self._restore(request, procedure, revision, history_url)
        working_copy = PageContent.from_rows(procedure).snapshot()
        context = {
            **self._context(request, procedure, f"Restore version {revision.number}?"),
            "version": _version_of(revision, self._versions(procedure)),
            "changes": compare(working_copy, revision.content),
        }
        return TemplateResponse(request, "admin/procedures/procedure/restore.html", context)

    def _restore(self, request, procedure, revision, history_url):
        try:
            restored = publishing.revision_restore(
                procedure=procedure, revision=revision, by=request.user
            )
        except publishing.PublishingRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect(history_url)
        procedure.refresh_from_db()
        if procedure.is_published:
            still = (
                "Patients still see the published version: preview the page, then publish "
                "it when it is right."
            )
        else:
            still = "The page is not on the site: preview it, then publish it when it is right."
        self.message_user(
            request,
            f"The words and pictures of version {revision.number} are back in the page you "
            f"edit, saved as version {restored.number}. {still}",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:procedures_procedure_change", args=[procedure.pk]))

    def _not_in_history(self, request, procedure, number):
        """An old or mistyped address: the history, saying so."""
        self.message_user(
            request,
            f"This page has no version {number}. Its versions are listed below.",
            messages.WARNING,
        )
        return redirect(reverse("admin:procedures_procedure_history", args=[procedure.pk]))

    def _with_history(self, request, object_id) -> Procedure:
        """The procedure, if the editor may see it and its versions."""
        if not request.user.has_perm(VIEW_HISTORY_PERMISSION):
            raise PermissionDenied
        procedure = self.get_object(request, unquote(str(object_id)))
        if procedure is None:
            raise Http404("No such procedure page.")
        if not self.has_view_permission(request, procedure):
            raise PermissionDenied
        return procedure

    @staticmethod
    def _versions(procedure: Procedure) -> list[Version]:
        revisions = procedure.revisions.select_related("created_by")
        return [
            Version(
                revision=revision,
                is_live=revision.pk == procedure.live_revision_id,
                is_scheduled=revision.pk == procedure.scheduled_revision_id,
            )
            for revision in revisions
        ]

    def _context(self, request, procedure: Procedure, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": procedure,
            "title": title,
            "change_url": reverse("admin:procedures_procedure_change", args=[procedure.pk]),
            "history_url": reverse("admin:procedures_procedure_history", args=[procedure.pk]),
            "compare_url": reverse("admin:procedures_procedure_compare", args=[procedure.pk]),
            "may_restore": self.has_change_permission(request, procedure),
        }


def _number(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _version_of(revision: PageRevision, versions: list[Version]) -> Version:
    return next(version for version in versions if version.revision.pk == revision.pk)
