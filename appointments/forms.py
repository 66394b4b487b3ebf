"""The callback request form. Every check runs on the server; messages are plain and specific.

Every box refuses hidden and unreadable characters (appointments/typed_text.py).
"""

import unicodedata

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from appointments import consent, form_tokens, service_area, zip_codes
from appointments.models import CallbackRequest, ServiceAreaCounty
from appointments.typed_text import protect, refused_characters
from config import phone_numbers
from procedures.models import ClinicDetails, Procedure

NOT_SURE = "not-sure"
PHONE_EXAMPLE = _("Enter a US phone number with its area code, for example 413-555-0123")
ZIP_EXAMPLE = _("Enter a 5-digit ZIP code, for example 01103")
EMAIL_EXAMPLE = _("Enter an email address like name@example.com, or leave this empty")
OTHER_LANGUAGE = CallbackRequest.CallLanguage.OTHER


def tidied(text: str) -> str:
    """As typed, with one space between words and accents stored one way (NFC), so a search
    finds them."""
    return unicodedata.normalize("NFC", " ".join(text.split()))


class PatientPhoneNumberField(phone_numbers.USPhoneNumberField):
    """A US number written any familiar way (config/phone_numbers.py); one plain message for
    anything that is not one, hidden characters too (the number is parsed before any
    validator could see them)."""

    def clean(self, value):
        if value and (len(value) > self.max_length or refused_characters(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().clean(value)


class CallbackRequestForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=100,
        error_messages={
            "required": _("Enter your full name"),
            "max_length": _("Your name must be 100 characters or fewer"),
            "hidden_character": _(
                "Your name has a hidden or unreadable character in it (it may have come with "
                "copied text). Type your name again, without pasting."
            ),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "name", "autocapitalize": "words", "spellcheck": "false"}
        ),
    )
    phone = PatientPhoneNumberField(
        label=_("Phone number"),
        max_length=30,
        help_text=_("The number we should call, for example 413-555-0123."),
        error_messages={
            "required": _("Enter a phone number"),
            "invalid": PHONE_EXAMPLE,
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    zip_code = forms.CharField(
        label=_("ZIP code"),
        max_length=10,
        help_text=_("5 digits, for example 01103."),
        error_messages={
            "required": _("Enter your ZIP code"),
            "max_length": ZIP_EXAMPLE,
            "hidden_character": ZIP_EXAMPLE,
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "class": "input--short"}
        ),
    )
    procedure = forms.ChoiceField(
        label=_("What would you like to talk about?"),
        error_messages={
            "required": _("Choose what you would like to talk about"),
            "invalid_choice": _("Choose what you would like to talk about"),
        },
    )
    best_time = forms.ChoiceField(
        label=_("Best time to call"),
        choices=CallbackRequest.BestTime.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the best time to call you"),
            "invalid_choice": _("Choose the best time to call you"),
        },
    )
    # Asked of everyone: the language to speak on the call, and whether an interpreter is needed.
    call_language = forms.ChoiceField(
        label=_("Which language should we speak when we call you?"),
        choices=[
            (CallbackRequest.CallLanguage.ENGLISH, _("English")),
            (CallbackRequest.CallLanguage.SPANISH, _("Spanish (español)")),
            (OTHER_LANGUAGE, _("Another language")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the language we should speak when we call you"),
            "invalid_choice": _("Choose the language we should speak when we call you"),
        },
    )
    call_language_other = forms.CharField(
        label=_("If another language, which one?"),
        required=False,
        max_length=60,
        help_text=_("For example Portuguese, Vietnamese or Haitian Creole."),
        error_messages={
            "max_length": _("Write the language in 60 characters or fewer"),
            "hidden_character": _(
                "This has a hidden or unreadable character in it (it may have come with copied "
                "text). Type the language again, without pasting."
            ),
            "which": _("Write which language we should speak, for example Portuguese"),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    needs_interpreter = forms.ChoiceField(
        label=_("Do you need an interpreter on the call?"),
        help_text=_(
            "An interpreter is a person who helps you and the clinic understand each other. "
            "It is free."
        ),
        choices=[
            (CallbackRequest.Interpreter.YES, _("Yes")),
            (CallbackRequest.Interpreter.NO, _("No")),
            (CallbackRequest.Interpreter.NOT_SURE, _("Not sure")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Tell us if you need an interpreter, or choose “Not sure”"),
            "invalid_choice": _("Tell us if you need an interpreter, or choose “Not sure”"),
        },
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only to send you your reference number. We delete it once it is sent."),
        error_messages={
            "invalid": EMAIL_EXAMPLE,
            "max_length": EMAIL_EXAMPLE,
            "hidden_character": EMAIL_EXAMPLE,
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent_to_call = forms.BooleanField(
        label=consent.CALL,
        error_messages={"required": _("Tick “You may call me” so that we can call you back")},
    )
    consent_to_voicemail = forms.BooleanField(label=consent.VOICEMAIL, required=False)
    consent_to_text = forms.BooleanField(label=consent.TEXT, required=False)
    # A box people never see: only form-filling robots put anything in it. Anything in it,
    # however long or strange, is refused once, at the top (clean()).
    website = forms.CharField(
        label=_("Leave this box empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Read in clean(): anything wrong with it (too long, altered, NUL) is an expired page.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, browser: str | None, **kwargs):
        """`browser`: this browser's key (form_tokens.browser_key), or None if it has none;
        a sent form's token must have been issued to it."""
        super().__init__(*args, **kwargs)
        for name in ("full_name", "zip_code", "email", "call_language_other"):
            protect(self.fields[name])
        # Boxes nobody sees get no message of their own: clean() reads them.
        self.fields["form_token"].validators.clear()
        self.fields["website"].validators.clear()
        # The language of the page is the one the patient reads: offered first, easy to change.
        if get_language() in CallbackRequest.CallLanguage.values:
            self.fields["call_language"].initial = get_language()
        self.browser = browser
        self.place: zip_codes.Place | None = None
        self.token: form_tokens.FormToken | None = None
        self.procedures = {p.slug: p for p in Procedure.objects.published().only("slug", "title")}
        self.fields["procedure"].choices = [
            ("", _("Choose one")),
            *[(slug, procedure.title) for slug, procedure in self.procedures.items()],
            (NOT_SURE, _("Not sure yet")),
        ]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "full_name",
            "phone",
            "zip_code",
            "procedure",
            "best_time",
            "call_language",
            "call_language_other",
            "needs_interpreter",
            "email",
            Fieldset(
                _("How may we contact you?"),
                "consent_to_call",
                "consent_to_voicemail",
                "consent_to_text",
            ),
            Div("website", css_class="leave-empty", aria_hidden="true"),
            "form_token",
            HTML(
                format_lazy(
                    '<p class="form-note">{}</p>',
                    _(
                        "Please keep medical questions for the call. "
                        "We will talk with you about your health then."
                    ),
                )
            ),
            Submit("send", _("Send my request")),
        )

    def clean_full_name(self):
        name = tidied(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Enter your full name"), code="required")
        return name

    def clean_zip_code(self):
        zip_code = zip_codes.five_digits(self.cleaned_data["zip_code"])
        if zip_code is None:
            raise forms.ValidationError(ZIP_EXAMPLE, code="bad_format")
        place = zip_codes.lookup(zip_code)
        if place is None:
            raise forms.ValidationError(
                _("We couldn't find that ZIP code. Check it and try again."), code="unknown"
            )
        if not ServiceAreaCounty.objects.covers(place):
            clinic = ClinicDetails.objects.current()
            area = clinic.service_area_sentence
            if counties := service_area.counties_in_words():
                area += " " + _("That is %(counties)s.") % {"counties": counties}
            raise forms.ValidationError(
                _(
                    "Sorry, we can only take callback requests from our service area. "
                    "%(area)s Please call us at %(phone)s and we will help you find care."
                ),
                code="outside_service_area",
                params={"area": area, "phone": clinic.phone_shown},
            )
        self.place = place
        return zip_code

    def clean_call_language_other(self):
        return tidied(self.cleaned_data["call_language_other"])

    def clean_procedure(self):
        """The chosen published procedure, or None for “Not sure yet”."""
        return self.procedures.get(self.cleaned_data["procedure"])

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("call_language") == OTHER_LANGUAGE:
            if not cleaned_data.get("call_language_other") and not self.has_error(
                "call_language_other"
            ):
                self.add_error(
                    "call_language_other",
                    forms.ValidationError(
                        self.fields["call_language_other"].error_messages["which"], code="which"
                    ),
                )
        elif "call_language_other" in cleaned_data:
            # English or Spanish chosen: a language typed in the box as well is not kept.
            cleaned_data["call_language_other"] = ""
        if self.data.get("website"):
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "Something on this page went wrong. Please check your details and "
                        "press Send again."
                    ),
                    code="honeypot",
                ),
            )
        try:
            self.token = form_tokens.read(self.data.get("form_token", ""), browser=self.browser)
        except form_tokens.TokenProblem:
            # Open for over a day, or its session ended (12 hours, cookies cleared), or
            # sent from another browser than the one it was shown in.
            self.add_error(
                None,
                forms.ValidationError(
                    _("This page has expired. Please check your details and press Send again."),
                    code="token_expired",
                ),
            )
        else:
            if self.token.age() < settings.CALLBACK_MIN_FILL_SECONDS:
                self.add_error(
                    None,
                    forms.ValidationError(
                        _(
                            "That was quicker than we expected. Please check your details, "
                            "then press Send again."
                        ),
                        code="too_fast",
                    ),
                )
        return cleaned_data

    @property
    def needs_new_token(self) -> bool:
        """A form sent too fast, or too late, goes back with a fresh token to send again."""
        return self.has_error(NON_FIELD_ERRORS, "too_fast") or self.has_error(
            NON_FIELD_ERRORS, "token_expired"
        )
