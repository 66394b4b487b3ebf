"""Values every page's template can use."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from procedures.models import ClinicDetails


def clinic(request):
    return {
        "clinic": SimpleLazyObject(ClinicDetails.objects.current),
        "site_url": settings.SITE_URL,
    }
