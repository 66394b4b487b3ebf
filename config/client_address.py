"""The client's address, as far as it can be trusted.

Used to count callback forms (appointments/rate_limit.py) and failed staff
sign-ins (django-axes, AXES_CLIENT_IP_CALLABLE). Behind a proxy (BEHIND_PROXY),
the address is the one the proxy appended to X-Forwarded-For; anything before
it came from the client and could be made up.
"""

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR, or behind a proxy the last X-Forwarded-For entry."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")
