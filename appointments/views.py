"""The callback request form, its confirmation, and the page for too many requests."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from appointments import form_tokens
from appointments.forms import CallbackRequestForm
from appointments.rate_limit import allow_callback_request, callback_rate
from appointments.services import Outcome, callback_request_submit

# What the confirmation page shows this browser: its last request's reference, and
# what became of the form it sent (appointments.services.Outcome).
SESSION_REFERENCE = "callback_reference"
SESSION_OUTCOME = "callback_outcome"


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def callback_request(request):
    if request.method == "GET":
        token = form_tokens.issue(browser=form_tokens.browser_key(request.session))
        form = CallbackRequestForm(initial={"form_token": token}, browser=None)
        return render(request, "appointments/callback_request.html", {"form": form})

    browser = request.session.get(form_tokens.SESSION_BROWSER_KEY)
    form = CallbackRequestForm(request.POST, browser=browser)
    if not form.is_valid():
        if form.needs_new_token:
            form.data = form.data.copy()
            form.data["form_token"] = form_tokens.issue(
                browser=form_tokens.browser_key(request.session)
            )
        return render(request, "appointments/callback_request.html", {"form": form})

    # Only forms that pass every check count: a patient's typos never use up the limit.
    if not allow_callback_request(request):
        return _rate_limited_page(request)

    data = form.cleaned_data
    submission = callback_request_submit(
        full_name=data["full_name"],
        phone=data["phone"],
        place=form.place,
        procedure=data["procedure"],
        best_time=data["best_time"],
        call_language=data["call_language"],
        call_language_other=data["call_language_other"],
        needs_interpreter=data["needs_interpreter"],
        # The form's language (its address: /es/... is Spanish): the confirmation email's too.
        page_language=get_language(),
        email=data["email"],
        consent_to_call=data["consent_to_call"],
        consent_to_voicemail=data["consent_to_voicemail"],
        consent_to_text=data["consent_to_text"],
        form_nonce=form.token.nonce,
        previous_reference=request.session.get(SESSION_REFERENCE),
    )
    request.session[SESSION_REFERENCE] = submission.callback_request.reference
    request.session[SESSION_OUTCOME] = submission.outcome.value
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
    outcome = Outcome(request.session.get(SESSION_OUTCOME, Outcome.NEW.value))
    return render(
        request,
        "appointments/callback_received.html",
        {"reference": reference, "outcome": outcome.value},
    )
