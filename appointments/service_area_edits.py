"""Editing the service area (the counties the clinic serves) from the admin: each county
added, changed or removed is recorded (ServiceAreaChange) with who did it and when, and
can be undone from any county's History page."""

from django.core.exceptions import ValidationError
from django.db import transaction

from appointments.models import ServiceAreaChange, ServiceAreaCounty

Action = ServiceAreaChange.Action


@transaction.atomic
def service_area_county_save(
    *, county: ServiceAreaCounty, by, undoes: ServiceAreaChange | None = None
) -> ServiceAreaCounty:
    """Add the county to the service area, or save its corrected name; record what changed."""
    stored = None
    if county.pk is not None:
        stored = ServiceAreaCounty.objects.select_for_update().filter(pk=county.pk).first()
    before = ServiceAreaChange.values_of(stored)
    county.save()
    ServiceAreaChange.record(
        before=before,
        after=ServiceAreaChange.values_of(county),
        by=by,
        undoes=undoes,
        action=Action.ADDED if stored is None else Action.CHANGED,
        county_row=county.pk,
        county_in_words=str(stored or county),
    )
    return county


@transaction.atomic
def service_area_county_remove(
    *, county: ServiceAreaCounty, by, undoes: ServiceAreaChange | None = None
) -> None:
    """Take the county out of the service area; record it, so it can be put back."""
    ServiceAreaChange.record(
        before=ServiceAreaChange.values_of(county),
        after={},
        by=by,
        undoes=undoes,
        action=Action.REMOVED,
        county_row=county.pk,
        county_in_words=str(county),
    )
    county.delete()


@transaction.atomic
def service_area_change_undo(*, change: ServiceAreaChange, by) -> None:
    """Take back `change`: remove the county it added, put back the county it removed, or give
    a changed county its earlier name. Recorded as a change of its own. ValidationError if it
    cannot be done (the county is gone, or is already there); nothing changes then."""
    row = ServiceAreaCounty.objects.select_for_update().filter(pk=change.county_row).first()
    if change.action == Action.REMOVED:
        county = ServiceAreaCounty(**change.values_before)
        county.full_clean()  # refuses a county that is in the service area again
        service_area_county_save(county=county, by=by, undoes=change)
        return
    if row is None:
        raise ValidationError(f"{change.county_in_words} is no longer in the service area.")
    if change.action == Action.ADDED:
        service_area_county_remove(county=row, by=by, undoes=change)
        return
    for name, value in change.values_before.items():
        setattr(row, name, value)
    row.full_clean()
    service_area_county_save(county=row, by=by, undoes=change)
