"""The sign-in forms: password, then a code; on a first sign-in, the code that connects an app."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm

from staff import second_factor


class PasswordForm(AdminAuthenticationForm):
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": (
            "That user name and password do not match a staff account. Check them (capital "
            "letters count) and try again."
        ),
        "inactive": "This account is switched off. Ask a superuser to switch it on.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "User name"
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"


class CodeForm(forms.Form):
    """A code from the user's authenticator app, or one of their backup codes."""

    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The 6 digits your authenticator app shows now, or one of your backup codes.",
        error_messages={"required": "Enter the code from your authenticator app."},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None
        self.wrong_code = False

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        wait = second_factor.wait_seconds(self.user, code)
        if wait:
            raise forms.ValidationError(
                f"Several codes in a row were wrong. Wait {wait} seconds, then type the code "
                "your app shows at that moment.",
                code="wait",
            )
        self.device = second_factor.device_accepting(self.user, code)
        if self.device is None:
            self.wrong_code = True
            raise forms.ValidationError(
                "That code did not work. Type the 6 digits your app shows now (they change "
                "every 30 seconds), or a backup code you have not used before.",
                code="wrong_code",
            )
        return code


class SetUpForm(forms.Form):
    """The first code from a newly connected authenticator app, which proves it works."""

    code = forms.CharField(
        label="The 6-digit code your app shows",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code your app shows for this site."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, key: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.key = key
        self.wrong_code = False

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if not second_factor.key_matches(self.key, code):
            self.wrong_code = True
            raise forms.ValidationError(
                "That code did not match. Check that your app shows New England Endovascular "
                "Center, then type the 6 digits it shows now.",
                code="wrong_code",
            )
        return code
