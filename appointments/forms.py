"""The callback request form. Every check runs on the server; messages are plain and specific.

Every box refuses hidden and unreadable characters (appointments/typed_text.py).
"""

import unicodedata

import phonenumbers
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from phonenumber_field.formfields import PhoneNumberField

from appointments import consent, form_tokens, service_area, zip_codes
from appointments.models import CallbackRequest, ServiceAreaCounty
from appointments.typed_text import protect, refused_characters
from procedures.models import ClinicDetails, Procedure

NOT_SURE = "not-sure"
PHONE_EXAMPLE = "Enter a US phone number with its area code, for example 413-555-0123"


class USPhoneNumberField(PhoneNumberField):
    """A US number written any familiar way; one plain message for anything that is not one
    (hidden characters too: the number is parsed before any validator could see them)."""

    def clean(self, value):
        if value and (len(value) > self.max_length or refused_characters(value)):
            raise forms.ValidationError(PHONE_EXAMPLE, code="invalid")
        number = super().clean(value)
        if number and not phonenumbers.is_valid_number_for_region(number, "US"):
            raise forms.ValidationError(PHONE_EXAMPLE, code="invalid")
        return number


class CallbackRequestForm(forms.Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=100,
        error_messages={
            "required": "Enter your full name",
            "max_length": "Your name must be 100 characters or fewer",
            "hidden_character": "Your name has a hidden or unreadable character in it (it may "
            "have come with copied text). Type your name again, without pasting.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "name", "autocapitalize": "words", "spellcheck": "false"}
        ),
    )
    phone = USPhoneNumberField(
        label="Phone number",
        region="US",
        max_length=30,
        help_text="The number we should call, for example 413-555-0123.",
        error_messages={
            "required": "Enter a phone number",
            "invalid": PHONE_EXAMPLE,
        },
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    zip_code = forms.CharField(
        label="ZIP code",
        max_length=10,
        help_text="5 digits, for example 01103.",
        error_messages={
            "required": "Enter your ZIP code",
            "max_length": "Enter a 5-digit ZIP code, for example 01103",
            "hidden_character": "Enter a 5-digit ZIP code, for example 01103",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "postal-code", "inputmode": "numeric", "class": "input--short"}
        ),
    )
    procedure = forms.ChoiceField(
        label="What would you like to talk about?",
        error_messages={
            "required": "Choose what you would like to talk about",
            "invalid_choice": "Choose what you would like to talk about",
        },
    )
    best_time = forms.ChoiceField(
        label="Best time to call",
        choices=CallbackRequest.BestTime.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the best time to call you",
            "invalid_choice": "Choose the best time to call you",
        },
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        help_text="Only to send you your reference number. We delete it once it is sent.",
        error_messages={
            "invalid": "Enter an email address like name@example.com, or leave this empty",
            "max_length": "Enter an email address like name@example.com, or leave this empty",
            "hidden_character": "Enter an email address like name@example.com, or leave this empty",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent_to_call = forms.BooleanField(
        label=consent.CALL,
        error_messages={"required": "Tick “You may call me” so that we can call you back"},
    )
    consent_to_voicemail = forms.BooleanField(label=consent.VOICEMAIL, required=False)
    consent_to_text = forms.BooleanField(label=consent.TEXT, required=False)
    # A box people never see: only form-filling robots put anything in it. Anything in it,
    # however long or strange, is refused once, at the top (clean()).
    website = forms.CharField(
        label="Leave this box empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Read in clean(): anything wrong with it (too long, altered, NUL) is an expired page.
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, browser: str | None, **kwargs):
        """`browser`: this browser's key (form_tokens.browser_key), or None if it has none;
        a sent form's token must have been issued to it."""
        super().__init__(*args, **kwargs)
        for name in ("full_name", "zip_code", "email"):
            protect(self.fields[name])
        # Boxes nobody sees get no message of their own: clean() reads them.
        self.fields["form_token"].validators.clear()
        self.fields["website"].validators.clear()
        self.browser = browser
        self.place: zip_codes.Place | None = None
        self.token: form_tokens.FormToken | None = None
        self.procedures = {p.slug: p for p in Procedure.objects.published().only("slug", "title")}
        self.fields["procedure"].choices = [
            ("", "Choose one"),
            *[(slug, procedure.title) for slug, procedure in self.procedures.items()],
            (NOT_SURE, "Not sure yet"),
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
            "email",
            Fieldset(
                "How may we contact you?",
                "consent_to_call",
                "consent_to_voicemail",
                "consent_to_text",
            ),
            Div("website", css_class="leave-empty", aria_hidden="true"),
            "form_token",
            HTML(
                '<p class="form-note">Please keep medical questions for the call. '
                "We will talk with you about your health then.</p>"
            ),
            Submit("send", "Send my request"),
        )

    def clean_full_name(self):
        # One space between words; accents stored one way (NFC), so a search finds them.
        name = unicodedata.normalize("NFC", " ".join(self.cleaned_data["full_name"].split()))
        if not name:
            raise forms.ValidationError("Enter your full name", code="required")
        return name

    def clean_zip_code(self):
        zip_code = zip_codes.five_digits(self.cleaned_data["zip_code"])
        if zip_code is None:
            raise forms.ValidationError(
                "Enter a 5-digit ZIP code, for example 01103", code="bad_format"
            )
        place = zip_codes.lookup(zip_code)
        if place is None:
            raise forms.ValidationError(
                "We couldn't find that ZIP code. Check it and try again.", code="unknown"
            )
        if not ServiceAreaCounty.objects.covers(place):
            clinic = ClinicDetails.objects.current()
            area = clinic.service_area_sentence
            if counties := service_area.counties_in_words():
                area += f" That is {counties}."
            raise forms.ValidationError(
                "Sorry, we can only take callback requests from our service area. "
                "%(area)s Please call us at %(phone)s and we will help you find care.",
                code="outside_service_area",
                params={"area": area, "phone": clinic.phone},
            )
        self.place = place
        return zip_code

    def clean_procedure(self):
        """The chosen published procedure, or None for “Not sure yet”."""
        return self.procedures.get(self.cleaned_data["procedure"])

    def clean(self):
        cleaned_data = super().clean()
        if self.data.get("website"):
            self.add_error(
                None,
                forms.ValidationError(
                    "Something on this page went wrong. Please check your details and press "
                    "Send again.",
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
                    "This page has expired. Please check your details and press Send again.",
                    code="token_expired",
                ),
            )
        else:
            if self.token.age() < settings.CALLBACK_MIN_FILL_SECONDS:
                self.add_error(
                    None,
                    forms.ValidationError(
                        "That was quicker than we expected. Please check your details, then "
                        "press Send again.",
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
