"""What a staff member typed when their session had ended: kept until they sign in again.

A call note typed for ten minutes, then Save, and the session had ended (the
idle limit, the day's limit, or a sign-out elsewhere): the staff site sends the
person to sign in. Before it does (StaffAdminSite.admin_view), the form's fields
are kept in the new, signed-out session under the page's address: never the
security token, never files. After the password and the code, the person lands
on that page again; a change page with GivesBackUnsavedWork shows the form
filled in with what they typed, says so, and forgets it. Nothing is saved until
they press Save themselves.

What was typed is patients' details: it lives only in the session on the
server (never in a log, a cookie or an address), for KEPT_FOR at most, is used
once, and goes with the session. It is given back only to the user who typed
it: the one the session-limits middleware just signed out, or, when the session
was ended elsewhere, the one the page was shown to (its `signed_in_as` field).
When nobody is known, nothing is kept. Someone else signing in on that browser
drops it.
"""

import time

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.http import QueryDict

KEPT = "staff_unsaved_work"
KEPT_FOR = 30 * 60
# Past this many characters in all (a very long page), nothing is kept.
MOST_KEPT = 100_000
SIGNED_IN_AS = "signed_in_as"  # the hidden field a change page carries
NOT_KEPT = {"csrfmiddlewaretoken", SIGNED_IN_AS}
# The request attribute where StaffSessionLimitsMiddleware leaves whom it just signed out.
SIGNED_OUT_USER = "staff_signed_out_user"
# The request attribute holding what is given back, for the change page's forms.
GIVEN_BACK = "staff_unsaved_work"

KEPT_MESSAGE = (
    "What you typed was not saved yet. It is kept for you: sign in again and you will "
    "go back to it."
)
GIVEN_BACK_MESSAGE = (
    "You were signed out before this was saved. What you typed is below: check it and press Save."
)


def gives_back(view) -> bool:
    """Whether this admin view is a change page that gives kept work back."""
    return getattr(view, "__name__", "") == "change_view" and isinstance(
        getattr(view, "__self__", None), GivesBackUnsavedWork
    )


def keep(request) -> None:
    """Keep what this POST sent, for the person who sent it, under this page's address."""
    username = getattr(request, SIGNED_OUT_USER, "") or request.POST.get(SIGNED_IN_AS, "")
    if not username:
        return
    fields = [[name, request.POST.getlist(name)] for name in request.POST if name not in NOT_KEPT]
    if sum(len(value) for _, values in fields for value in values) > MOST_KEPT:
        return
    request.session[KEPT] = {
        "path": request.path,
        "username": username,
        "at": int(time.time()),
        "fields": fields,
    }
    # This signed-out session, and what it holds, lasts no longer than it is kept for.
    request.session.set_expiry(KEPT_FOR)
    messages.info(request, KEPT_MESSAGE)


def after_sign_in(request, user) -> None:
    """Someone signed in on this browser: keep the work only if they typed it, and give the
    session its usual lifetime again."""
    kept = request.session.get(KEPT)
    if kept is not None and (kept["username"] != user.get_username() or _too_old(kept)):
        del request.session[KEPT]
    request.session.set_expiry(None)


def take(request) -> QueryDict | None:
    """What the signed-in user typed on this page before signing in again; once only."""
    kept = request.session.get(KEPT)
    if kept is None or kept["path"] != request.path:
        return None
    del request.session[KEPT]
    if kept["username"] != request.user.get_username() or _too_old(kept):
        return None
    data = QueryDict(mutable=True)
    for name, values in kept["fields"]:
        data.setlist(name, values)
    return data


def _too_old(kept: dict) -> bool:
    return time.time() - kept["at"] > KEPT_FOR


class GivesBackUnsavedWork:
    """For a ModelAdmin: its change page, opened with work kept for it, shows the form filled
    in with that work (and any errors in it), unsaved, to a user who may change the record."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            typed = take(request)
            if typed is not None:
                record = self.get_object(request, unquote(object_id))
                if record is not None and self.has_change_permission(request, record):
                    setattr(request, GIVEN_BACK, typed)
                    messages.warning(request, GIVEN_BACK_MESSAGE)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        typed = getattr(request, GIVEN_BACK, None)
        if typed is None or request.method == "POST":
            return form

        class WithWhatWasTyped(form):
            def __init__(self, *args, **form_kwargs):
                if not args and "data" not in form_kwargs:
                    form_kwargs["data"] = typed.copy()
                super().__init__(*args, **form_kwargs)

        WithWhatWasTyped.__name__ = form.__name__
        return WithWhatWasTyped

    def get_formset_kwargs(self, request, obj, inline, prefix):
        formset_kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        typed = getattr(request, GIVEN_BACK, None)
        if typed is not None and request.method != "POST":
            formset_kwargs["data"] = typed.copy()
        return formset_kwargs
