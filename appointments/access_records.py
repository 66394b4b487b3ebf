"""Who saw which patient: a record each time staff see patients' details, and its purge.

The front desk's admin (appointments/admin.py) records opening a request, a search
of the list and a CSV download, once the user has passed the permission checks.
A record names the user, the time and what was seen: the request's reference, or
the list's filters and how many rows were found or written. The words searched
for are never kept: they may be a patient's name. Records are kept
ACCESS_RECORD_RETENTION_YEARS, then purged daily by the worker (appointments/tasks.py).
"""

import logging
from datetime import datetime

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone

from appointments.models import CallbackRequest, PatientRecordAccess

logger = logging.getLogger(__name__)

# Written for a filter value that none of the filter's own links offers: typed into
# the address by hand, it could be anything, a name too.
UNLISTED_VALUE = "?"


def record_opened(request, callback_request: CallbackRequest) -> PatientRecordAccess:
    """Record that the user opened this request's page."""
    return _record(request, PatientRecordAccess.Action.OPENED, reference=callback_request.reference)


def record_search(request, changelist) -> PatientRecordAccess:
    """Record a search of the list: the filters in use and how many rows it found."""
    return _record(
        request,
        PatientRecordAccess.Action.SEARCHED,
        filters=filters_in_use(changelist),
        searched=True,
        row_count=changelist.result_count,
    )


def record_export(request, changelist, row_count: int) -> PatientRecordAccess:
    """Record a CSV download of the list: its filters, whether searched, the rows written."""
    return _record(
        request,
        PatientRecordAccess.Action.DOWNLOADED,
        filters=filters_in_use(changelist),
        searched=bool(changelist.query),
        row_count=row_count,
    )


def _record(request, action, **details) -> PatientRecordAccess:
    return PatientRecordAccess.objects.create(
        user=request.user, username=request.user.get_username(), action=action, **details
    )


def filters_in_use(changelist) -> str:
    """The list's filters in use, as `parameter=value` pairs: "status__exact=new, overdue=yes".

    Only the parameters of the list's own filters are read, so never the search (`q`),
    and only values one of the filter's links offers; any other value is written as
    UNLISTED_VALUE.
    """
    pairs = []
    for spec in changelist.filter_specs:
        names = spec.expected_parameters()
        offered = set()
        for choice in spec.choices(changelist):
            linked = QueryDict(choice["query_string"].removeprefix("?"))
            offered.update((name, value) for name in names for value in linked.getlist(name))
        for name in names:
            for value in changelist.filter_params.get(name, []):
                shown = value if (name, value) in offered else UNLISTED_VALUE
                pairs.append(f"{name}={shown}")
    return ", ".join(pairs)


def years_before(now: datetime, years: int) -> datetime:
    """The same moment `years` calendar years before now; Feb 29 becomes Feb 28."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # Feb 29, in a year that has none
        return now.replace(year=now.year - years, day=28)


def access_records_purge(*, now: datetime | None = None) -> int:
    """Delete records older than ACCESS_RECORD_RETENTION_YEARS; return how many."""
    years = settings.ACCESS_RECORD_RETENTION_YEARS
    expired = PatientRecordAccess.objects.filter(at__lt=years_before(now or timezone.now(), years))
    purged, _ = expired.delete()
    logger.info("Purged %d patient record access records older than %d years.", purged, years)
    return purged
