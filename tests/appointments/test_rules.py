"""Rules behind callback requests: business days, overdue, ZIP codes, the service area."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from appointments.business_days import one_business_day_after
from appointments.models import CallAttempt, CallbackRequest, ServiceAreaCounty
from appointments.services import call_attempt_record
from appointments.zip_codes import five_digits, lookup
from tests.appointments.factories import create_through_service, make_callback_request

EASTERN = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (datetime(2026, 11, 23, 10), datetime(2026, 11, 24, 10)),  # Monday -> Tuesday
        (datetime(2026, 11, 27, 16), datetime(2026, 11, 30, 16)),  # Friday -> Monday
        (datetime(2026, 11, 28, 9), datetime(2026, 11, 30, 9)),  # Saturday -> Monday
        (datetime(2026, 11, 29, 9), datetime(2026, 11, 30, 9)),  # Sunday -> Monday
    ],
)
def test_a_call_is_due_one_business_day_after_the_request(received, due):
    """Weekends do not count."""
    assert one_business_day_after(received) == due


@pytest.mark.django_db
def test_overdue_means_no_contact_after_one_business_day():
    """New or trying-to-reach requests past their due time are overdue, called or not."""
    now = datetime(2026, 11, 25, 12, tzinfo=EASTERN)
    two_days_ago = now - timedelta(days=2)
    never_called = make_callback_request(received_at=two_days_ago)
    called_but_missed = make_callback_request(received_at=two_days_ago)
    call_attempt_record(
        callback_request=called_but_missed, made_by=None, outcome=CallAttempt.Outcome.NO_ANSWER
    )
    called_but_missed.refresh_from_db()
    assert called_but_missed.status == CallbackRequest.Status.TRYING
    contacted = {
        status: make_callback_request(received_at=two_days_ago, status=status)
        for status in ["reached", "scheduled", "closed"]
    }
    make_callback_request(received_at=now - timedelta(hours=3))  # not due yet
    make_callback_request(received_at=now - timedelta(hours=3), status="trying")  # not due yet

    assert set(CallbackRequest.objects.overdue(now=now)) == {never_called, called_but_missed}
    flags = dict(
        CallbackRequest.objects.with_queue_columns(now=now).values_list("pk", "is_overdue")
    )
    assert flags[never_called.pk] is True
    assert flags[called_but_missed.pk] is True
    assert not any(flags[request.pk] for request in contacted.values())


@pytest.mark.django_db
def test_a_call_logged_from_a_stale_page_never_reopens_a_closed_request():
    """The status moves on from what is stored, not from the copy a form loaded earlier."""
    request = make_callback_request()
    stale = CallbackRequest.objects.get(pk=request.pk)
    CallbackRequest.objects.filter(pk=request.pk).update(
        status=CallbackRequest.Status.CLOSED, closed_at=timezone.now()
    )
    call_attempt_record(callback_request=stale, made_by=None, outcome=CallAttempt.Outcome.NO_ANSWER)
    request.refresh_from_db()
    assert request.status == CallbackRequest.Status.CLOSED


@pytest.mark.parametrize(
    ("typed", "five"),
    [
        ("01103", "01103"),
        ("01103-1234", "01103"),
        ("011031234", "01103"),
        ("1103", None),
        ("01103-", None),
        ("O1103", None),
    ],
)
def test_five_digit_zip_from_what_was_typed(typed, five):
    """5 digits or ZIP+4 give the 5-digit ZIP; anything else gives nothing."""
    assert five_digits(typed) == five


def test_zip_lookup_knows_town_state_and_county():
    """The offline data places a ZIP code in its town, state and county."""
    place = lookup("01060")
    assert (place.town, place.state, place.county) == ("Northampton", "MA", "Hampshire")
    assert lookup("99999") is None


@pytest.mark.django_db
def test_the_service_area_starts_as_western_ma_and_northern_ct():
    """Eight counties are served from the start."""
    assert sorted(ServiceAreaCounty.objects.values_list("state", "county")) == [
        ("CT", "Hartford"),
        ("CT", "Litchfield"),
        ("CT", "Tolland"),
        ("CT", "Windham"),
        ("MA", "Berkshire"),
        ("MA", "Franklin"),
        ("MA", "Hampden"),
        ("MA", "Hampshire"),
    ]


@pytest.mark.django_db
def test_staff_can_add_a_real_county_written_loosely():
    """“worcester county”, “ma” is tidied to Worcester, MA."""
    county = ServiceAreaCounty(state="ma", county="worcester county")
    county.full_clean()
    assert (county.state, county.county) == ("MA", "Worcester")


@pytest.mark.django_db
def test_a_county_that_does_not_exist_is_refused_with_the_right_names():
    """A misspelt county is refused, listing the counties of that state."""
    county = ServiceAreaCounty(state="CT", county="Hartfort")
    with pytest.raises(ValidationError) as raised:
        county.full_clean()
    message = raised.value.message_dict["county"][0]
    assert message.startswith("CT has no county called Hartfort.")
    assert "Hartford" in message


@pytest.mark.django_db
def test_due_time_counts_weekdays_in_the_clinics_time_zone(monkeypatch):
    """Friday 8 pm in Springfield is already Saturday in UTC; the call is still due Monday 8 pm."""
    friday_evening = datetime(2026, 11, 27, 20, 0, tzinfo=EASTERN)
    monkeypatch.setattr(timezone, "now", lambda: friday_evening.astimezone(ZoneInfo("UTC")))
    saved = create_through_service()
    assert timezone.localtime(saved.contact_due_at) == datetime(2026, 11, 30, 20, 0, tzinfo=EASTERN)
