"""procedures/publishing.py: what patients see changes only by publishing, and each publish,
whatever starts it, clears the cached pages."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from procedures.models import PageRevision, Procedure, Section
from procedures.publishing import (
    PublishingRefused,
    draft_record,
    page_publish,
    page_schedule,
    page_unpublish,
    publish_due_pages,
    revision_restore,
    schedule_cancel,
    working_copy_is_live,
)
from tests.factories import add_section, make_procedure, make_staff_user

pytestmark = pytest.mark.django_db


def rename(procedure: Procedure, title: str) -> None:
    Procedure.objects.filter(pk=procedure.pk).update(title_en=title)


def public_title(client, procedure: Procedure) -> str:
    html = client.get(procedure.get_absolute_url()).content.decode()
    return html.split("<h1>")[1].split("</h1>")[0]


def test_saved_rows_reach_patients_only_when_published(client):
    """The public page is the live snapshot: editing the rows changes nothing until publish."""
    procedure = make_procedure(title="Before")
    rename(procedure, "After")
    caches["pages"].clear()
    assert public_title(client, procedure) == "Before"
    assert not working_copy_is_live(procedure)
    page_publish(procedure=procedure, by=None)
    caches["pages"].clear()
    assert public_title(client, procedure) == "After"
    assert working_copy_is_live(Procedure.objects.get(pk=procedure.pk))


def test_a_published_version_never_changes_when_the_rows_do():
    procedure = make_procedure()
    section = add_section(procedure, "Recovery", body="Rest for a day.")
    live = Procedure.objects.get(pk=procedure.pk).live_revision
    Section.objects.filter(pk=section.pk).update(body_en="Rest for a week.")
    live.refresh_from_db()
    assert live.content["sections"][0]["body_en"] == "Rest for a day."


def test_each_revision_records_who_when_and_the_note_with_numbers_in_order():
    procedure = make_procedure(status=Procedure.Status.DRAFT)
    nurse = make_staff_user("nurse")
    first = draft_record(procedure=procedure, by=nurse, note="  first go  ")
    second = page_publish(procedure=procedure, by=nurse, note="checked by Dr Smith")
    assert (first.number, second.number) == (1, 2)
    assert (first.kind, second.kind) == (PageRevision.Kind.DRAFT, PageRevision.Kind.PUBLISHED)
    assert first.note == "first go" and second.created_by == nurse
    assert second.created_by_name == "nurse" and second.published_at is not None


@pytest.mark.parametrize("how", ["service", "command"])
def test_publishing_clears_cached_pages_whatever_starts_it(
    client, django_capture_on_commit_callbacks, how
):
    procedure = make_procedure(title="Before", slug="port")
    assert public_title(client, procedure) == "Before"  # now cached
    rename(procedure, "After")
    with django_capture_on_commit_callbacks(execute=True):
        if how == "service":
            page_publish(procedure=procedure, by=None)
        else:
            call_command("publish_page", "port", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert public_title(client, procedure) == "After"


def test_the_scheduler_publishes_a_page_whose_time_has_come_with_nobody_acting(
    client, django_capture_on_commit_callbacks
):
    """`run_schedule` publishes the version as it was scheduled, and clears the cache."""
    procedure = make_procedure(title="Before")
    assert public_title(client, procedure) == "Before"  # now cached
    rename(procedure, "Scheduled words")
    soon = timezone.now() + timedelta(minutes=5)
    revision = page_schedule(procedure=procedure, publish_at=soon, by=None)
    rename(procedure, "Later draft, not scheduled")
    assert publish_due_pages() == []  # not yet
    PageRevision.objects.filter(pk=revision.pk).update(publish_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", once=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert public_title(client, procedure) == "Scheduled words"
    procedure.refresh_from_db()
    assert procedure.live_revision == revision and procedure.scheduled_revision is None


def test_a_cancelled_schedule_publishes_nothing():
    procedure = make_procedure(title="Before")
    live = procedure.live_revision
    page_schedule(procedure=procedure, publish_at=timezone.now() + timedelta(minutes=1), by=None)
    schedule_cancel(procedure=procedure)
    assert publish_due_pages(now=timezone.now() + timedelta(hours=1)) == []
    procedure.refresh_from_db()
    assert procedure.live_revision == live


def test_a_time_in_the_past_cannot_be_scheduled():
    procedure = make_procedure()
    with pytest.raises(PublishingRefused):
        page_schedule(procedure=procedure, publish_at=timezone.now(), by=None)


def test_unpublishing_hides_the_page_and_keeps_its_history(client):
    procedure = make_procedure(slug="port")
    page_unpublish(procedure=procedure, by=None, note="Out of date")
    caches["pages"].clear()
    assert client.get("/procedures/port/").status_code == 404
    assert b"/procedures/port/" not in client.get("/sitemap.xml").content
    kinds = list(procedure.revisions.values_list("kind", flat=True))
    assert kinds == [PageRevision.Kind.UNPUBLISHED, PageRevision.Kind.PUBLISHED]


def test_restoring_brings_back_the_earlier_words_into_the_working_copy_only(client):
    """Restore changes the rows editors work on, deletes no history, and patients keep the
    live version until someone publishes."""
    procedure = make_procedure(title="First words")
    add_section(procedure, "Recovery", body="Rest for a day.")
    first = Procedure.objects.get(pk=procedure.pk).live_revision
    rename(procedure, "Second words")
    Section.objects.filter(procedure=procedure).delete()
    add_section(procedure, "Risks", body="Few.")  # publishes the second version
    restored = revision_restore(procedure=procedure, revision=first, by=None)
    procedure.refresh_from_db()
    assert procedure.title_en == "First words"
    assert [s.heading for s in procedure.sections.all()] == ["Recovery"]
    assert restored.kind == PageRevision.Kind.RESTORED
    assert restored.note == f"Restored from version {first.number}"
    assert procedure.revisions.count() == 4  # nothing deleted
    caches["pages"].clear()
    assert public_title(client, procedure) == "Second words"


def test_the_explainer_is_read_from_the_live_version_in_one_query(
    client, django_assert_num_queries
):
    procedure = make_procedure()
    for n in range(12):
        add_section(procedure, f"Section {n}", position=n)
    client.get(procedure.get_absolute_url())  # a visit on a running site: clinic details cached
    caches["pages"].clear()
    with django_assert_num_queries(1):
        response = client.get(procedure.get_absolute_url())
    assert response.status_code == 200
