"""The callback request form, its confirmation, and the page for too many requests."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from appointments import form_tokens
from appointments.forms import CallbackRequestForm
from appointments.rate_limit import allow_callback_request, callback_rate
from appointments.services import DuplicateSubmission, callback_request_create

SESSION_REFERENCE = "callback_reference"
SESSION_ALREADY_HAD = "callback_already_had"


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def callback_request(request):
    if request.method == "GET":
        form = CallbackRequestForm(initial={"form_token": form_tokens.issue()})
        return render(request, "appointments/callback_request.html", {"form": form})

    form = CallbackRequestForm(request.POST)
    if not form.is_valid():
        if form.needs_new_token:
            form.data = form.data.copy()
            form.data["form_token"] = form_tokens.issue()
        return render(request, "appointments/callback_request.html", {"form": form})

    # Only forms that pass every check count: a patient's typos never use up the limit.
    if not allow_callback_request(request):
        return _rate_limited_page(request)

    data = form.cleaned_data
    try:
        saved = callback_request_create(
            full_name=data["full_name"],
            phone=data["phone"],
            place=form.place,
            procedure=data["procedure"],
            best_time=data["best_time"],
            email=data["email"],
            consent_to_call=data["consent_to_call"],
            consent_to_voicemail=data["consent_to_voicemail"],
            consent_to_text=data["consent_to_text"],
            form_nonce=form.token.nonce,
            previous_reference=request.session.get(SESSION_REFERENCE),
        )
    except DuplicateSubmission as duplicate:
        # A double click, a reload, or Back then Send: the same request, once.
        request.session[SESSION_REFERENCE] = duplicate.existing.reference
        request.session[SESSION_ALREADY_HAD] = True
    else:
        request.session[SESSION_REFERENCE] = saved.reference
        request.session[SESSION_ALREADY_HAD] = False
    return redirect("appointments:callback_received")


def _rate_limited_page(request):
    rate = callback_rate()
    response = render(
        request,
        "appointments/rate_limited.html",
        {"try_again_in": rate.period_in_words},
        status=429,
    )
    response["Retry-After"] = str(rate.seconds)
    return response


@never_cache
def callback_received(request):
    reference = request.session.get(SESSION_REFERENCE)
    if reference is None:
        return redirect(reverse("appointments:callback_request"))
    return render(
        request,
        "appointments/callback_received.html",
        {"reference": reference, "already_had": request.session.get(SESSION_ALREADY_HAD, False)},
    )
