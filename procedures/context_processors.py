"""Values every page's template can use."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from procedures.models import ClinicDetails


def clinic(request):
    return {"clinic": SimpleLazyObject(ClinicDetails.objects.current), **page_address(request)}


def page_address(request) -> dict:
    """The site's address, and this page's full address for the canonical link and og:url.

    A view may pass its own `canonical_url` (the admin's preview gives the public page's).
    """
    return {"site_url": settings.SITE_URL, "canonical_url": settings.SITE_URL + request.path}
