"""What patients agree to when they ask for a callback, and which version of those words.

Each callback request stores its answers with CONSENT_VERSION and the time.
Change CONSENT_VERSION whenever any of these words change, in English or in their Spanish
(locale/es/LC_MESSAGES/django.po); the request's page_language says which the patient read.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-11-27"

CALL = _("You may call me at this number about my request.")
VOICEMAIL = _("You may leave a voicemail. We only say who we are and how to call us back.")
TEXT = _("You may send me text messages about my request.")
