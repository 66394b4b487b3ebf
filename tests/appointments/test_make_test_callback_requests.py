"""`manage.py make_test_callback_requests`: made-up requests, marked, spread out, removable,
and refused under production settings unless forced."""

import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from appointments.models import (
    CallAttempt,
    CallbackRequest,
    Notification,
    PatientRecordAccess,
    ServiceAreaCounty,
)
from tests.appointments.factories import make_callback_request
from tests.config.test_settings import PRODUCTION_ENV, run_production

pytestmark = pytest.mark.django_db


def make(*args, **options) -> str:
    out = io.StringIO()
    call_command("make_test_callback_requests", *args, stdout=out, **options)
    return out.getvalue()


def test_it_makes_the_number_asked_for_each_marked_as_test_data():
    """TEST- references, "Test patient" names, and phone numbers kept for fiction (555-01xx)."""
    out = make("300", seed=3)
    assert "Made 300 test request(s)" in out
    requests = CallbackRequest.objects.all()
    assert requests.count() == 300
    for request in requests:
        assert request.reference.startswith("TEST-") and len(request.reference) == 10
        assert request.full_name.startswith("Test patient ")
        national = request.phone.as_national
        assert national[:1] == "(" and national[1:4] in {"413", "860", "959"}
        assert national[6:11] == "555-0" and 100 <= int(national[-4:]) <= 199


def test_the_requests_come_from_the_service_area_with_a_realistic_spread():
    """Towns, counties and ZIPs of the service area; every status; some overdue; calls made."""
    make("1000", seed=4)
    counties = {(c.state, c.county) for c in ServiceAreaCounty.objects.all()}
    requests = list(CallbackRequest.objects.all())
    assert {(r.state, r.county) for r in requests} <= counties
    assert len({r.county for r in requests}) >= 4
    assert all(r.town and len(r.zip_code) == 5 for r in requests)
    statuses = Counter(r.status for r in requests)
    assert set(statuses) == set(CallbackRequest.Status.values)
    assert statuses["closed"] > statuses["new"]  # most of an old queue is done
    assert 0 < CallbackRequest.objects.overdue().count() < 300
    received = [r.received_at for r in requests]
    assert max(received) <= timezone.now()
    assert (max(received) - min(received)).days > 60
    assert all(r.contact_due_at > r.received_at for r in requests)
    closed = [r for r in requests if r.status == "closed"]
    assert all(r.closed_at and r.closed_at >= r.received_at for r in closed)
    assert CallAttempt.objects.filter(callback_request__status="trying").exists()
    assert not CallAttempt.objects.filter(callback_request__status="new").exists()


def test_no_email_is_queued_for_made_up_requests():
    """They are written straight to the table: staff get no alert for each fake patient."""
    make("50", seed=5)
    assert not Notification.objects.exists()


def test_remove_deletes_the_test_requests_and_nothing_else():
    """--remove deletes every TEST- request with its calls; a real request and its calls stay."""
    real = make_callback_request()
    CallAttempt.objects.create(callback_request=real, outcome="no_answer")
    make("200", seed=6)
    make("100", seed=7)  # a second run adds to the first, without clashing references
    assert CallbackRequest.objects.filter(reference__startswith="TEST-").count() == 300
    out = make(remove=True)
    assert out.strip() == "Deleted 300 test request(s) (references TEST-…)."
    assert list(CallbackRequest.objects.all()) == [real]
    assert list(CallAttempt.objects.values_list("callback_request", flat=True)) == [real.pk]
    assert not PatientRecordAccess.objects.exists()


def test_it_refuses_under_production_settings_unless_forced(settings):
    """With PRODUCTION set nothing is made, and the message says why; --force makes them."""
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production settings"):
        make("10")
    assert not CallbackRequest.objects.exists()
    make("10", force=True)
    assert CallbackRequest.objects.count() == 10
    make(remove=True)  # removing needs no --force: it only ever deletes TEST- requests
    assert not CallbackRequest.objects.exists()


def test_the_production_settings_are_what_it_refuses():
    """Run as a real deployment would run it: production settings, a new process. Refused."""
    result = run_production(PRODUCTION_ENV, "manage.py", "make_test_callback_requests", "5")
    assert result.returncode != 0
    assert "Not made: these are production settings" in result.stderr


@pytest.mark.parametrize(
    "args, options, message",
    [
        ((), {}, "Say how many"),
        (("0",), {}, "Say how many"),
        (("5",), {"remove": True}, "either a number"),
        (("5",), {"days": 0}, "--days"),
    ],
)
def test_a_wrong_use_is_refused_with_a_plain_message(args, options, message):
    """No number, zero, a number with --remove, or no days: a message saying what to give."""
    with pytest.raises(CommandError, match=message):
        make(*args, **options)
