"""Record clinical review: its own page in the admin, and the service behind it."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import CHANGE, LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from procedures.models import Procedure
from procedures.services import clinical_review_record
from tests.factories import make_procedure, make_staff_user, sign_in

pytestmark = pytest.mark.django_db

PAST_DATE = "This date has passed: the page would be overdue at once. Choose a date after today."
FUTURE_REVIEW = "This date is in the future. Give the day the review was done: today or earlier."


def review_url(procedure) -> str:
    return reverse("admin:procedures_procedure_clinical_review", args=[procedure.pk])


def days_from_today(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def editor(db):
    """A member of “Content editors”, not a superuser, signed in with both factors."""
    user = make_staff_user("editor", groups=["Content editors"])
    assert not user.is_superuser
    client = Client()
    sign_in(client, user)
    client.user = user
    return client


@pytest.fixture
def unreviewed(db):
    """A published page no one has reviewed, as the starter page comes."""
    return make_procedure(
        title="Vein ablation",
        slug="vein-ablation",
        reviewed_by="",
        last_reviewed=None,
        next_review_due=None,
    )


def page_text(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text(" ").split())


def field_errors(response, name: str) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(id=f"id_{name}")
    errors = field.find_parent(class_="form-row").select(".errorlist li")
    return " ".join(error.get_text(strip=True) for error in errors)


# --- the service ---------------------------------------------------------------


def test_the_service_records_the_review_and_who_recorded_it(unreviewed, editor):
    """The page gets the reviewer and dates; its history says who recorded them, and when."""
    clinical_review_record(
        procedure=unreviewed,
        reviewed_by="  Jane Smith, MD ",
        reviewed_on=date(2026, 12, 1),
        next_review_due=date(2027, 12, 1),
        by=editor.user,
    )
    unreviewed.refresh_from_db()
    assert (unreviewed.reviewed_by, unreviewed.last_reviewed, unreviewed.next_review_due) == (
        "Jane Smith, MD",
        date(2026, 12, 1),
        date(2027, 12, 1),
    )
    entry = LogEntry.objects.get(object_id=str(unreviewed.pk))
    assert (entry.user, entry.action_flag) == (editor.user, CHANGE)
    assert entry.get_change_message() == (
        "Recorded a clinical review by Jane Smith, MD on December 1, 2026. "
        "Next review due December 1, 2027."
    )
    assert timezone.now() - entry.action_time < timedelta(minutes=1)


def test_the_service_clears_cached_pages_on_commit(
    unreviewed, editor, client, django_capture_on_commit_callbacks
):
    """Patients see the review on their next visit, not after the cache expires."""
    url = unreviewed.get_absolute_url()
    assert "has not yet reviewed" in client.get(url).content.decode()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        clinical_review_record(
            procedure=unreviewed,
            reviewed_by="Jane Smith, MD",
            reviewed_on=date(2026, 12, 1),
            next_review_due=date(2027, 12, 1),
            by=editor.user,
        )
    assert "Jane Smith, MD checked the facts" in client.get(url).content.decode()


# --- the admin page, as a content editor ------------------------------------------


def test_an_editor_records_a_review_and_patients_see_it(
    unreviewed, editor, client, django_capture_on_commit_callbacks
):
    """A good review is saved, the editor is back on the page's edit screen with a message,
    and the public page names the reviewer and the dates."""
    assert "has not yet reviewed" in client.get(unreviewed.get_absolute_url()).content.decode()
    today = timezone.localdate()
    next_due = days_from_today(365)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            review_url(unreviewed),
            {
                "reviewed_by": "Jane Smith, MD",
                "reviewed_on": today.isoformat(),
                "next_review_due": next_due.isoformat(),
            },
            follow=True,
        )
    change_url = reverse("admin:procedures_procedure_change", args=[unreviewed.pk])
    assert response.redirect_chain == [(change_url, 302)]
    assert "Recorded a clinical review by Jane Smith, MD" in page_text(response)

    about = page_text(client.get(unreviewed.get_absolute_url()))
    assert f"Jane Smith, MD checked the facts on this page on {today:%B} {today.day}" in about
    assert f"We will check it again by {next_due:%B} {next_due.day}, {next_due.year}" in about
    assert "has not yet reviewed" not in about


def test_a_past_next_review_date_is_refused_in_plain_words_and_keeps_what_was_typed(
    unreviewed, editor
):
    """Nothing is saved; the message says what to do; the typed values are still there."""
    yesterday = days_from_today(-1)
    response = editor.post(
        review_url(unreviewed),
        {
            "reviewed_by": "Jane Smith, MD",
            "reviewed_on": days_from_today(-3).isoformat(),
            "next_review_due": yesterday.isoformat(),
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "next_review_due") == PAST_DATE
    assert "The review was not recorded." in page_text(response)
    form = BeautifulSoup(response.content, "html.parser")
    assert form.find(id="id_reviewed_by")["value"] == "Jane Smith, MD"
    assert form.find(id="id_reviewed_on")["value"] == days_from_today(-3).isoformat()
    assert form.find(id="id_next_review_due")["value"] == yesterday.isoformat()
    assert Procedure.objects.get(pk=unreviewed.pk).reviewed_by == ""
    assert not LogEntry.objects.exists()


def test_a_review_in_the_future_is_refused(unreviewed, editor):
    """A review cannot be recorded before it happened."""
    response = editor.post(
        review_url(unreviewed),
        {
            "reviewed_by": "Jane Smith, MD",
            "reviewed_on": days_from_today(2).isoformat(),
            "next_review_due": days_from_today(365).isoformat(),
        },
    )
    assert response.status_code == 200
    assert field_errors(response, "reviewed_on") == FUTURE_REVIEW
    assert Procedure.objects.get(pk=unreviewed.pk).last_reviewed is None


def test_a_next_review_due_today_is_refused(unreviewed, editor):
    """Due today would put the page on the list of reviews due at once."""
    response = editor.post(
        review_url(unreviewed),
        {
            "reviewed_by": "Jane Smith, MD",
            "reviewed_on": days_from_today(0).isoformat(),
            "next_review_due": days_from_today(0).isoformat(),
        },
    )
    assert field_errors(response, "next_review_due") == (
        "This is today: the page would be due for review at once. Choose a date after today."
    )


def test_every_field_is_required(unreviewed, editor):
    """An empty form says what each field needs."""
    response = editor.post(
        review_url(unreviewed), {"reviewed_by": " ", "reviewed_on": "", "next_review_due": ""}
    )
    assert field_errors(response, "reviewed_by") == (
        "Say who reviewed the page, with credentials, e.g. “Jane Smith, MD”."
    )
    assert field_errors(response, "reviewed_on") == "Give the day of the review."
    assert field_errors(response, "next_review_due") == "Give the date of the next review."


def test_past_reviewers_are_offered_as_suggestions(unreviewed, editor):
    """Names already on pages are offered; any name with credentials may be typed."""
    make_procedure(reviewed_by="Raj Patel, MD")
    form = BeautifulSoup(editor.get(review_url(unreviewed)).content, "html.parser")
    assert form.find(id="id_reviewed_by")["list"] == "past-reviewers"
    options = [option["value"] for option in form.select("#past-reviewers option")]
    assert options == ["Raj Patel, MD"]


def test_the_front_desk_may_not_record_a_review(unreviewed):
    """Only staff who may change procedure pages record reviews: others get 403."""
    front_desk = Client()
    sign_in(front_desk, make_staff_user("desk", groups=["Front desk"]))
    response = front_desk.post(
        review_url(unreviewed),
        {
            "reviewed_by": "Jane Smith, MD",
            "reviewed_on": days_from_today(0).isoformat(),
            "next_review_due": days_from_today(365).isoformat(),
        },
    )
    assert response.status_code == 403
    assert Procedure.objects.get(pk=unreviewed.pk).reviewed_by == ""


def test_a_page_that_does_not_exist_is_not_found(editor):
    """An address with a number no page has answers 404."""
    url = reverse("admin:procedures_procedure_clinical_review", args=[999])
    assert editor.get(url).status_code == 404


# --- the edit page ------------------------------------------------------------------


def test_the_edit_page_shows_the_review_read_only_with_the_link_to_record_one(editor):
    """No review fields to type in; the review on record in words, and the link."""
    procedure = make_procedure(
        reviewed_by="Jane Smith, MD",
        last_reviewed=date(2025, 11, 1),
        next_review_due=date(2026, 11, 1),
    )
    response = editor.get(reverse("admin:procedures_procedure_change", args=[procedure.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ("reviewed_by", "last_reviewed", "next_review_due"):
        assert soup.find(attrs={"name": name}) is None
    review = soup.select_one(".field-clinical_review .readonly").get_text(" ", strip=True)
    assert "Reviewed by Jane Smith, MD on November 1, 2025." in review
    assert "Next review due November 1, 2026." in review
    assert soup.select_one(".field-clinical_review a")["href"] == review_url(procedure)


def test_the_edit_page_says_when_a_page_was_never_reviewed(unreviewed, editor):
    """A page with no review on record says so beside the link, as patients are told."""
    response = editor.get(reverse("admin:procedures_procedure_change", args=[unreviewed.pk]))
    soup = BeautifulSoup(response.content, "html.parser")
    review = soup.select_one(".field-clinical_review .readonly").get_text(" ", strip=True)
    assert review.startswith("Not reviewed yet: the page tells patients")
