"""Previews of a procedure page, exactly as patients would see it (same template, same CSS).

- `/admin/procedures/procedure/<id>/preview/`: GET shows the page itself: the saved working
  copy, or with `?token=` an unsaved one; `?language=es` the Spanish page. The edit screen's
  “Preview changes” button POSTs the whole form here (saved or not): it is kept under a new
  token, and the editor is sent to its frames.
- `/admin/procedures/procedure/<id>/preview/frames/`: that page at phone and desktop width
  side by side, with a banner saying it is a preview (same `?token=` and `?language=`).

Nothing is saved to the page by previewing. The unsaved page is kept in the editor's
session (the last few only). Previews are never cached nor indexed, and only staff who
may see procedures can open them.
"""

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override

from procedures.admin.common import LANGUAGE_NAMES
from procedures.models import Procedure
from procedures.page_content import PageContent, in_page_order
from procedures.views import render_procedure_page

SESSION_KEY = "procedure-previews"
KEPT = 5  # previews kept per editor's session
PENDING_PICTURES = "procedures/pending/"
# The preview page may be shown in the staff site's own frames, and nowhere else.
FRAMED_CSP = {**settings.SECURE_CSP, "frame-ancestors": [CSP.SELF]}


class PreviewAdmin:
    """A mixin for ProcedureAdmin: the preview addresses above."""

    def get_urls(self):
        view = self.admin_site.admin_view
        framed = xframe_options_sameorigin(csp_override(FRAMED_CSP)(self.preview_view))
        return [
            path(
                "<path:object_id>/preview/",
                view(framed),
                name="procedures_procedure_preview",
            ),
            path(
                "<path:object_id>/preview/frames/",
                view(self.preview_frames_view),
                name="procedures_procedure_preview_frames",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """GET: the page itself, saved working copy or (?token=) an unsaved one.
        POST: the edit form as it is now, kept for the preview, then its frames."""
        procedure = self._previewed(request, object_id)
        if request.method == "POST":
            page, errors = self.unsaved_page(request, procedure)
            token = secrets.token_urlsafe(12)
            previews = request.session.get(SESSION_KEY, {})
            previews[token] = {
                "procedure": procedure.pk,
                "content": page.snapshot(),
                "errors": errors,
            }
            request.session[SESSION_KEY] = dict(list(previews.items())[-KEPT:])
            url = reverse("admin:procedures_procedure_preview_frames", args=[procedure.pk])
            return redirect(f"{url}?{urlencode({'token': token})}")
        token = request.GET.get("token")
        if token:
            stored = self._stored(request, procedure, token)
            page = PageContent.from_snapshot(stored["content"], row=procedure)
            return self._render(request, page, "your unsaved changes")
        return self._render(request, PageContent.from_rows(procedure), "the saved changes")

    def preview_frames_view(self, request, object_id):
        """The preview at phone and desktop width, side by side."""
        procedure = self._previewed(request, object_id)
        token = request.GET.get("token", "")
        stored = self._stored(request, procedure, token) if token else {"errors": 0}
        language = self._language(request)
        query = {"language": language, **({"token": token} if token else {})}
        page_url = reverse("admin:procedures_procedure_preview", args=[procedure.pk])
        what = "your unsaved changes" if token else "the saved changes"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": procedure,
            "title": f"Preview of {what} to “{procedure}”",
            "page_url": f"{page_url}?{urlencode(query)}",
            "other_language_url": "?"
            + urlencode({**query, "language": "es" if language == "en" else "en"}),
            "other_language_name": "Spanish" if language == "en" else "English",
            "language_name": LANGUAGE_NAMES[language],
            "unsaved": bool(token),
            "errors": stored["errors"],
            "change_url": reverse("admin:procedures_procedure_change", args=[procedure.pk]),
        }
        response = TemplateResponse(
            request, "admin/procedures/procedure/preview_frames.html", context
        )
        add_never_cache_headers(response)
        return response

    def unsaved_page(self, request, procedure: Procedure) -> tuple[PageContent, int]:
        """The page as the posted edit form would make it, without saving anything; and how
        many fields are in error (those show as they were last saved)."""
        form_class = self.get_form(request, procedure, change=True)
        form = form_class(request.POST, request.FILES, instance=procedure)
        form_valid = form.is_valid()  # fills form.instance with what was typed
        formsets, _ = self._create_formsets(request, form.instance, change=True)
        errors = 0 if form_valid else len(form.errors)
        parts = {}
        for formset in formsets:
            formset_valid = formset.is_valid()
            rows = []
            for part_form in formset.forms:
                if not formset_valid and part_form.errors:
                    errors += len(part_form.errors)
                if formset._should_delete_form(part_form):
                    continue
                if part_form.instance.pk is None and not part_form.has_changed():
                    continue  # an empty new row the editor did not fill in
                rows.append(self._with_picture_stored(part_form.instance))
            parts[formset.prefix] = in_page_order(rows)
        page = PageContent(
            procedure=form.instance,
            sections=parts.get("sections", []),
            steps=parts.get("steps", []),
            warning_signs=parts.get("warning_signs", []),
            questions=parts.get("questions", []),
        )
        return page, errors

    @staticmethod
    def _with_picture_stored(part):
        """A newly chosen picture is stored (as pending) so the preview can show it."""
        image = getattr(part, "image", None)
        if image and not image._committed:
            name = default_storage.save(PENDING_PICTURES + image.name, image.file)
            part.image.name = name
            part.image._committed = True
        return part

    def _previewed(self, request, object_id) -> Procedure:
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Procedure, pk=unquote(object_id))

    @staticmethod
    def _stored(request, procedure, token) -> dict:
        stored = request.session.get(SESSION_KEY, {}).get(token)
        if stored is None or stored["procedure"] != procedure.pk:
            raise Http404("This preview has expired. Press “Preview changes” again.")
        return stored

    @staticmethod
    def _language(request) -> str:
        return previewed_language(request)

    def _render(self, request, page: PageContent, what: str):
        return page_preview_response(request, page, what)


def previewed_language(request) -> str:
    """The language asked for with `?language=es`; English otherwise."""
    language = request.GET.get("language")
    return language if language in LANGUAGE_NAMES else settings.LANGUAGE_CODE


def page_preview_response(request, page: PageContent, what: str):
    """`page` exactly as patients would see it, with a banner saying it is a preview of
    `what` (“version 4”); never cached, never indexed. The page history uses it too."""
    with translation.override(previewed_language(request)):
        response = render_procedure_page(request, page, preview=what)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
