"""Staff sign-in in two steps, and backup codes. Addresses: staff/admin_site.py.

1. /admin/login/: user name and password (django-axes counts the failures).
2. /admin/login/code/: the code from the user's authenticator app, or a backup code;
   on a first sign-in, /admin/login/set-up/ connects an app through a QR code first.
Only then is the user signed in. Every wrong password or code counts towards
the pause in staff/lockout.py (a wrong password through axes' authentication
backend, a wrong code through report_failed_sign_in).
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from staff import second_factor
from staff.forms import CodeForm, PasswordForm, SetUpForm
from staff.lockout import paused_page, report_failed_sign_in, sign_in_paused
from staff.sign_in import (
    password_accepted,
    pending_sign_in,
    remember_set_up_key,
    safe_next_url,
    sign_in_abandon,
    sign_in_complete,
)

TOO_SLOW = "Signing in took more than a few minutes, so it has started again. Please sign in."


def _page(request, site, template: str, title: str, **context) -> TemplateResponse:
    return TemplateResponse(
        request, template, {**site.each_context(request), "title": title, **context}
    )


@sensitive_post_parameters()
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request, *, site):
    next_url = request.POST.get("next", request.GET.get("next", ""))
    if request.method == "GET" and site.has_permission(request):
        return HttpResponseRedirect(safe_next_url(request, next_url))
    form = PasswordForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        password_accepted(request, user, next_url)
        step = "sign_in_code" if second_factor.has_authenticator(user) else "sign_in_set_up"
        return redirect(f"admin:{step}")
    if request.method == "GET":
        sign_in_abandon(request)
    return _page(request, site, "staff/sign_in.html", "Sign in", form=form, next=next_url)


def after_the_password(view):
    """A step after the right password: it needs this session's pending sign-in (or starts
    again, saying why), and refuses a code while the user name or address is paused. A
    wrong code is reported by the step, and counts towards the pause."""

    @sensitive_post_parameters()
    @csrf_protect
    @never_cache
    @require_http_methods(["GET", "POST"])
    @wraps(view)
    def step(request, *, site):
        pending = pending_sign_in(request)
        if pending is None:
            messages.info(request, TOO_SLOW)
            return redirect("admin:login")
        username = pending.user.get_username()
        if request.method == "POST" and sign_in_paused(request, username):
            return paused_page(request, credentials={"username": username})
        return view(request, pending, site=site)

    return step


@after_the_password
def sign_in_code(request, pending, *, site):
    if not second_factor.has_authenticator(pending.user):
        return redirect("admin:sign_in_set_up")
    form = CodeForm(request.POST if request.method == "POST" else None, user=pending.user)
    if request.method == "POST" and form.is_valid():
        return HttpResponseRedirect(sign_in_complete(request, pending, form.device))
    if form.wrong_code:
        report_failed_sign_in(request, pending.user.get_username())
    return _page(
        request,
        site,
        "staff/sign_in_code.html",
        "Enter your code",
        form=form,
        username=pending.user.get_username(),
        backup_codes_left=len(second_factor.backup_codes_left(pending.user)),
    )


@after_the_password
def sign_in_set_up(request, pending, *, site):
    if second_factor.has_authenticator(pending.user):
        return redirect("admin:sign_in_code")
    if not pending.set_up_key:
        pending.set_up_key = second_factor.new_key()
        remember_set_up_key(request, pending.set_up_key)
    form = SetUpForm(request.POST if request.method == "POST" else None, key=pending.set_up_key)
    if request.method == "POST" and form.is_valid():
        device = second_factor.authenticator_connect(user=pending.user, key=pending.set_up_key)
        next_url = sign_in_complete(request, pending, device)
        messages.success(
            request,
            "Your authenticator app is connected. From now on, sign in with your "
            "password and the code it shows.",
        )
        query = urlencode({"first": 1, "next": next_url})
        return HttpResponseRedirect(f"{reverse('admin:backup_codes')}?{query}")
    if form.wrong_code:
        report_failed_sign_in(request, pending.user.get_username())
    return _page(
        request,
        site,
        "staff/sign_in_set_up.html",
        "Connect an authenticator app",
        form=form,
        username=pending.user.get_username(),
        key_for_typing=second_factor.key_for_typing(pending.set_up_key),
    )


@never_cache
@require_GET
def sign_in_set_up_qr_code(request):
    """The QR code for the app being connected, for this session's sign-in only."""
    pending = pending_sign_in(request)
    if pending is None or not pending.set_up_key:
        raise Http404("No authenticator app is being connected in this session.")
    uri = second_factor.setup_uri(pending.user, pending.set_up_key)
    response = HttpResponse(second_factor.qr_code_svg(uri), content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def backup_codes(request, *, site):
    """The signed-in user's backup codes; a new set on request (the old ones stop working)."""
    if request.method == "POST":
        second_factor.backup_codes_replace(user=request.user)
        messages.success(request, "Here are your new backup codes. The old ones no longer work.")
        return redirect("admin:backup_codes")
    return _page(
        request,
        site,
        "staff/backup_codes.html",
        "Your backup codes",
        codes=second_factor.backup_codes_left(request.user),
        first_time=request.GET.get("first") == "1",
        next_url=safe_next_url(request, request.GET.get("next", "")),
    )
