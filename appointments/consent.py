"""What patients agree to when they ask for a callback, and which version of those words.

Each callback request stores its answers with CONSENT_VERSION and the time.
Change CONSENT_VERSION whenever any of these words change.
"""

CONSENT_VERSION = "2026-11-27"

CALL = "You may call me at this number about my request."
VOICEMAIL = "You may leave a voicemail. We only say who we are and how to call us back."
TEXT = "You may send me text messages about my request."
