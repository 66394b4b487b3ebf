"""Who saw which patient: opening a request, a search and a download are recorded, kept 6 years."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from appointments.access_records import access_records_purge
from appointments.models import PatientRecordAccess
from tests.appointments.factories import make_callback_request
from tests.appointments.helpers import change_form, login, run_worker
from tests.factories import make_procedure, make_staff_user, sign_in
from tests.helpers import real_commits

pytestmark = pytest.mark.django_db
LIST = reverse("admin:appointments_callbackrequest_changelist")
EXPORT = reverse("admin:appointments_callbackrequest_export")
RECORDS = reverse("admin:appointments_patientrecordaccess_changelist")
Action = PatientRecordAccess.Action


def page_of(callback_request) -> str:
    return reverse("admin:appointments_callbackrequest_change", args=[callback_request.pk])


def make_record(**fields) -> PatientRecordAccess:
    values = {"username": "someone", "action": Action.OPENED, "reference": "CB-TEST01", **fields}
    return PatientRecordAccess.objects.create(**values)


def stored_text(record: PatientRecordAccess) -> str:
    """Every field of the record as stored, in lower case."""
    return " | ".join(
        str(getattr(record, field.attname)) for field in record._meta.concrete_fields
    ).lower()


@pytest.fixture
def superuser(client):
    """The test client, signed in as a superuser (client.user)."""
    client.user = make_staff_user("boss", superuser=True)
    return sign_in(client, client.user)


def test_opening_a_request_records_who_when_and_its_reference(front_desk):
    """The front desk opens a request: one record with the user, the time and the reference."""
    request = make_callback_request()
    before = timezone.now()
    assert front_desk.get(page_of(request)).status_code == 200
    record = PatientRecordAccess.objects.get()
    assert (record.user, record.username) == (front_desk.user, "frontdesk")
    assert record.action == Action.OPENED
    assert record.reference == request.reference
    assert before <= record.at <= timezone.now()
    assert (record.filters, record.searched, record.row_count) == ("", False, None)


def test_only_showing_a_request_is_recorded_not_saving_it_or_its_history(front_desk):
    """Saving the page (already recorded when opened) and the history page add no record."""
    request = make_callback_request()
    assert change_form(front_desk, request, status="scheduled").status_code == 302
    history = reverse("admin:appointments_callbackrequest_history", args=[request.pk])
    assert front_desk.get(history).status_code == 200
    assert not PatientRecordAccess.objects.exists()


@pytest.mark.parametrize(
    ("term", "words"),
    [
        ("Ann Lee", ["ann", "lee"]),
        ("(413) 555-0199", ["413) 555", "555-0199", "5550199", "+14135550199"]),
    ],
)
def test_a_search_records_the_filters_and_rows_found_never_the_words(front_desk, term, words):
    """A search keeps its filters, that it searched and the rows found; its words nowhere."""
    for n in range(2):
        make_callback_request(full_name=f"Ann Lee {n}", phone="+14135550199")
    make_callback_request(full_name="Ann Lee closed", phone="+14135550199", status="closed")
    make_callback_request(full_name="Bob Stone")
    response = front_desk.get(LIST, {"q": term, "status": "new"})
    assert response.context["cl"].result_count == 2
    record = PatientRecordAccess.objects.get()
    assert record.action == Action.SEARCHED
    assert (record.reference, record.filters) == ("", "status=new")
    assert (record.searched, record.row_count) == (True, 2)
    assert [word for word in words if word in stored_text(record)] == []


def test_a_filter_value_no_filter_offers_is_not_kept(front_desk):
    """A value typed into the address by hand could be a name: it is kept as “?”."""
    make_callback_request(procedure=make_procedure())
    front_desk.get(LIST, {"q": "CB-", "procedure__id__exact": "99999", "assigned": "me"})
    record = PatientRecordAccess.objects.get()
    assert record.filters == "assigned=me, procedure__id__exact=?"


def test_a_name_typed_as_a_filter_value_shows_no_list_and_is_not_kept(front_desk):
    """A filter's value that is no choice of it (here a name) is refused before any row is
    read: the list comes back plain with a message, and nothing keeps the name."""
    make_callback_request()
    response = front_desk.get(LIST, {"q": "CB-", "status": "Maria Lopez"}, follow=True)
    assert "was not understood" in response.content.decode()
    assert response.redirect_chain[-1][0] == LIST
    assert not [r for r in PatientRecordAccess.objects.all() if "maria" in stored_text(r)]


def test_a_download_records_the_filters_the_search_and_the_rows_written(front_desk):
    """A CSV download keeps its filters, whether a search narrowed it, and the rows written."""
    for n in range(3):
        make_callback_request(full_name=f"Ann Lee {n}")
    make_callback_request(full_name="Ann Lee closed", status="closed")
    make_callback_request(full_name="Bob Stone")
    response = front_desk.get(EXPORT, {"q": "Ann Lee", "status": "new"})
    written = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(written) == 3
    record = PatientRecordAccess.objects.get()
    assert (record.action, record.reference) == (Action.DOWNLOADED, "")
    assert (record.filters, record.searched, record.row_count) == ("status=new", True, 3)
    assert "ann" not in stored_text(record) and "lee" not in stored_text(record)


def test_a_download_without_a_search_says_so(front_desk):
    """The whole list, downloaded: no filters, not searched, every row."""
    make_callback_request()
    make_callback_request()
    front_desk.get(EXPORT)
    record = PatientRecordAccess.objects.get()
    assert (record.filters, record.searched, record.row_count) == ("", False, 2)


def test_the_list_without_a_search_records_nothing(front_desk):
    """Opening the queue, with or without filters, is the front desk's daily work: no record."""
    make_callback_request()
    assert front_desk.get(LIST).status_code == 200
    assert front_desk.get(LIST, {"status": "new", "overdue": "yes"}).status_code == 200
    assert front_desk.get(LIST, {"q": ""}).status_code == 200
    assert not PatientRecordAccess.objects.exists()


def test_nothing_is_recorded_when_permission_is_refused(client):
    """A content editor, or someone not signed in, is turned away and leaves no record."""
    request = make_callback_request()
    assert client.get(page_of(request)).status_code == 302  # to the sign-in page
    login(client, "Content editors")
    assert client.get(page_of(request)).status_code == 403
    assert client.get(LIST, {"q": "Maria"}).status_code == 403
    assert client.get(EXPORT, {"q": "Maria"}).status_code == 403
    assert not PatientRecordAccess.objects.exists()


def test_a_superuser_opening_a_request_is_recorded_too(superuser):
    """Superusers see patients' details like the front desk, and are recorded the same way."""
    request = make_callback_request()
    superuser.get(page_of(request))
    assert PatientRecordAccess.objects.get().username == "boss"


def test_records_outlive_the_account_with_its_user_name(front_desk):
    """Deleting a staff account keeps its records, under the user name it had."""
    front_desk.get(page_of(make_callback_request()))
    front_desk.user.delete()
    record = PatientRecordAccess.objects.get()
    assert (record.user, record.username) == (None, "frontdesk")


def test_records_are_read_only_in_the_admin_even_for_superusers(superuser):
    """A superuser reads a record: no save button, no delete page, no bulk delete, no adding."""
    record = make_record()
    listed = superuser.get(RECORDS)
    assert listed.status_code == 200
    assert listed.context["action_form"] is None
    assert 'name="_selected_action"' not in listed.content.decode()
    change = reverse("admin:appointments_patientrecordaccess_change", args=[record.pk])
    page = superuser.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert superuser.post(change, {"username": "changed"}).status_code == 403
    delete = reverse("admin:appointments_patientrecordaccess_delete", args=[record.pk])
    assert superuser.get(delete).status_code == 403
    assert superuser.post(delete, {"post": "yes"}).status_code == 403
    assert superuser.get(reverse("admin:appointments_patientrecordaccess_add")).status_code == 403
    record.refresh_from_db()
    assert record.username == "someone"


def test_the_front_desk_cannot_see_the_records(front_desk):
    """Only superusers read who saw which patient."""
    record = make_record()
    assert front_desk.get(RECORDS).status_code == 403
    change = reverse("admin:appointments_patientrecordaccess_change", args=[record.pk])
    assert front_desk.get(change).status_code == 403
    assert RECORDS not in front_desk.get(reverse("admin:index")).content.decode()


def listed(client, query: dict) -> set[int]:
    response = client.get(RECORDS, query)
    assert response.status_code == 200
    return {record.pk for record in response.context["cl"].result_list}


def test_a_superuser_lists_records_by_user_by_date_and_by_reference(superuser):
    """The records list narrows by user name, by day and by a request's reference."""
    day = datetime(2026, 11, 27, 12, tzinfo=timezone.get_current_timezone())
    alice_then = make_record(username="alice", reference="CB-AAAA11", at=day)
    alice_later = make_record(username="alice", reference="CB-BBBB22", at=day + timedelta(days=1))
    bob_then = make_record(username="bob", reference="CB-AAAA11", at=day)
    assert listed(superuser, {"username": "alice"}) == {alice_then.pk, alice_later.pk}
    assert listed(superuser, {"at__year": 2026, "at__month": 11, "at__day": 27}) == {
        alice_then.pk,
        bob_then.pk,
    }
    assert listed(superuser, {"q": "CB-AAAA11"}) == {alice_then.pk, bob_then.pk}
    changelist = superuser.get(RECORDS).context["cl"]
    assert changelist.search_help_text == "Search by the reference of a request (CB-…)."


def test_the_records_list_has_who_when_what_and_the_details(superuser):
    """Columns: when, who, what, reference, filters, searched, rows."""
    make_record()
    headers = [str(h["text"]) for h in superuser.get(RECORDS).context["result_headers"]]
    assert headers == ["when", "who", "what", "reference", "filters", "searched", "rows"]


def test_the_purge_deletes_records_older_than_six_years_and_keeps_younger_ones(settings):
    """Six calendar years to the second: one second older goes, one second younger stays."""
    settings.ACCESS_RECORD_RETENTION_YEARS = 6
    now = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    six_years_ago = datetime(2020, 12, 3, 9, 30, tzinfo=UTC)
    older = make_record(at=six_years_ago - timedelta(seconds=1))
    exactly = make_record(at=six_years_ago)
    younger = make_record(at=six_years_ago + timedelta(seconds=1))
    assert access_records_purge(now=now) == 1
    assert set(PatientRecordAccess.objects.all()) == {exactly, younger}
    assert not PatientRecordAccess.objects.filter(pk=older.pk).exists()


def test_on_february_29_the_purge_counts_back_to_february_28(settings):
    """Six years before Feb 29 is Feb 28: nothing younger than six years is deleted."""
    settings.ACCESS_RECORD_RETENTION_YEARS = 6
    now = datetime(2028, 2, 29, 12, tzinfo=UTC)
    gone = make_record(at=datetime(2022, 2, 28, 11, 59, tzinfo=UTC))
    kept = make_record(at=datetime(2022, 2, 28, 12, 1, tzinfo=UTC))
    assert access_records_purge(now=now) == 1
    assert list(PatientRecordAccess.objects.all()) == [kept]
    assert gone.pk not in PatientRecordAccess.objects.values_list("pk", flat=True)


@real_commits
def test_the_scheduler_has_the_worker_purge_old_records():
    """run_schedule queues the records' purge daily, and the worker carries it out."""
    old = make_record(at=timezone.now() - timedelta(days=6 * 366))
    young = make_record(at=timezone.now() - timedelta(days=6 * 365 - 2))
    call_command("run_schedule", once=True)
    queued = DBTaskResult.objects.values_list("task_path", flat=True)
    assert "appointments.tasks.purge_access_records" in queued
    run_worker()
    assert list(PatientRecordAccess.objects.all()) == [young]
    assert old.pk not in PatientRecordAccess.objects.values_list("pk", flat=True)
