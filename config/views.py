"""Site-wide plumbing: health check, robots.txt, the favicon, and the 400, 403, 404 and 500
pages."""

import functools
import logging
import re

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from appointments.notifications import staff_emails_waiting
from config.language import language_versions
from procedures.context_processors import page_address
from procedures.models import ClinicDetails

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """For load balancers and uptime checks: 503 when the database does not answer, else 200.

    The answer is "ok", or, when the oldest staff email still unsent has waited
    NOTIFICATION_LATE_MINUTES, a line saying email is late (still 200: the site
    serves patients and saves their requests, so a load balancer must not take it
    out; an uptime check that looks for "ok" in the answer sees the difference).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        waiting = staff_emails_waiting()
    except DatabaseError:
        logger.warning("Health check: the database did not answer.")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    if waiting is not None and waiting.late:
        return HttpResponse(
            f"email late: the oldest unsent staff email has waited {waiting.oldest_minutes} "
            f"minutes (limit {waiting.limit_minutes}); {waiting.count} waiting\n",
            content_type="text/plain",
        )
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
def favicon(request):
    """Browsers and the admin ask for /favicon.ico; the icon lives with the static files."""
    return redirect(static("favicon.svg"), permanent=True)


@require_GET
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": f"{settings.SITE_URL}/sitemap.xml"},
        content_type="text/plain",
    )


def in_the_address_language(handler):
    """The error page in the language of the address asked for (/es/... in Spanish), even when
    the request failed before PatientLanguageMiddleware turned that language on (a NUL in the
    query string is refused first of all)."""

    @functools.wraps(handler)
    def handle(request, *args, **kwargs):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        with translation.override(language):
            return handler(request, *args, **kwargs)

    return handle


@in_the_address_language
def server_error(request):
    """The branded 500 page. It must work when the database does not, so it asks for little."""
    try:
        clinic = ClinicDetails.objects.current()
    except Exception:  # the failure that led here may be the database or the cache
        clinic = ClinicDetails()
    template = loader.get_template("500.html")
    context = {"clinic": clinic, **page_address(request), **error_page_address()}
    return HttpResponseServerError(template.render(context))


def error_page_address() -> dict:
    """An error page is no page's address: its language link goes to the home page in the
    other language, and nothing on it repeats the address that was asked for."""
    return {"language_versions": language_versions("/")}


@in_the_address_language
def page_not_found(request, exception=None):
    """404, in the language of the address asked for (/es/... in Spanish)."""
    return render(request, "404.html", error_page_address(), status=404)


@in_the_address_language
def bad_request(request, exception=None):
    """400 (413 for a body too large): what was sent could not be read, so nothing was saved.

    Django's own handler runs the CSRF check again, which reads the body again, and the
    body may be what could not be read (a form declared in another charset): a 500. This
    one never touches the body. In the staff site's frame for a signed-in staff member.
    """
    status = 413 if isinstance(exception, RequestDataTooBig) else 400
    if request.path.startswith("/admin/") and _signed_in_staff(request):
        from django.contrib import admin

        context = {
            **admin.site.each_context(request),
            "title": "We could not read what was sent",
            "it_contact": settings.IT_CONTACT,
        }
        return render(request, "staff/bad_request.html", context, status=status)
    return render(request, "400.html", error_page_address(), status=status)


def _signed_in_staff(request) -> bool:
    """Whether the request comes from staff; False when the failure came before sign-in was read
    (a bad Host header stops the request before the session is looked at)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


@in_the_address_language
def permission_denied(request, exception=None):
    """403: what the page is, why it is closed, and what to do; in the staff site's frame there."""
    if request.path.startswith("/admin/"):
        from django.contrib import admin

        context = {**admin.site.each_context(request), "title": "You cannot open this page"}
        return render(request, "staff/permission_denied.html", context, status=403)
    return render(request, "403.html", error_page_address(), status=403)


# A call note's field on a request's page (the call log, appointments/admin.py).
CALL_NOTE_FIELD = re.compile(r"call_attempts-\d+-note")
MOST_NOTE_CHARACTERS = 2000


@never_cache
@in_the_address_language
def csrf_failure(request, reason=""):
    """A form sent without its security token (an old page, cookies cleared, signed in again
    in another tab): nothing was saved; say so and what to do.

    On the staff site, the call notes the person typed are shown for them to copy, escaped
    like all text. Only when the form came from a page of this site (the browser's Origin
    header): a form another site sent cannot put its words on this site's page. What is shown
    is only what this browser just sent; it is never kept.
    """
    if not request.path.startswith("/admin/"):
        return render(request, "403_csrf.html", error_page_address(), status=403)
    from django.contrib import admin

    context = {
        **admin.site.each_context(request),
        "title": "Your changes were not saved",
        "notes": _call_notes_sent(request) if _sent_from_this_site(request) else [],
    }
    return render(request, "staff/csrf_failure.html", context, status=403)


def _sent_from_this_site(request) -> bool:
    origin = request.headers.get("Origin", "")
    try:
        own = f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"
    except DisallowedHost:
        return False
    return bool(origin) and (origin == own or origin in settings.CSRF_TRUSTED_ORIGINS)


def _call_notes_sent(request) -> list[str]:
    """The call notes in the form sent, as typed; none if the form cannot be read."""
    try:
        fields = request.POST
    except Exception:  # a body this page cannot read: show the page without the notes
        return []
    notes = []
    for name in fields:
        if CALL_NOTE_FIELD.fullmatch(name):
            notes.extend(n[:MOST_NOTE_CHARACTERS] for n in fields.getlist(name) if n.strip())
    return notes
