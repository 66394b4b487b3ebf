"""Values every page's template can use."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from config.language import language_versions
from procedures.models import ClinicDetails


def clinic(request):
    return {"clinic": SimpleLazyObject(ClinicDetails.objects.current), **page_address(request)}


def page_address(request, path: str | None = None) -> dict:
    """The site's address, this page's full address for the canonical link and og:url, and
    the page's address in each language (hreflang links and the language link).

    A view may pass its own `canonical_url` and `language_versions` (the admin's preview
    gives the public page's).
    """
    path = path or request.path
    return {
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + path,
        "language_versions": language_versions(path),
    }
