"""procedures/admin/publishing.py and preview.py, through the admin as content editors who
are not superusers: a nurse who drafts, and a physician who may also publish."""

from datetime import UTC, datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from procedures.admin.publishing import NOT_ALLOWED
from procedures.models import PageRevision, Procedure
from tests.factories import add_section, make_procedure, make_staff_user, sign_in
from tests.procedures.helpers import save_in_admin

pytestmark = pytest.mark.django_db

EDITORS = "Content editors"


@pytest.fixture
def nurse():
    """May draft and preview, not publish."""
    return sign_in(Client(), make_staff_user("nurse", groups=[EDITORS]))


@pytest.fixture
def physician():
    """May draft and publish."""
    return sign_in(Client(), make_staff_user("physician", groups=[EDITORS, "Can publish"]))


@pytest.fixture
def page():
    procedure = make_procedure(title="Port placement", slug="port")
    add_section(procedure, "Recovery at home", body="Rest for a day.")
    return procedure


def edit_url(procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def edit_form(client, procedure, **changes) -> dict:
    """The edit form as the browser would send it, with the first section's body changed
    if `body` is given."""
    response = client.get(edit_url(procedure))
    data = {}
    for form in [response.context["adminform"].form] + [
        f for formset in response.context["inline_admin_formsets"] for f in formset.formset
    ]:
        for name, field in form.fields.items():
            value = form[name].value()
            if value is None or value is False or isinstance(field, forms.FileField):
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    if "body" in changes:
        data["sections-0-body_en"] = changes.pop("body")
    return data | changes


def public_text(procedure) -> str:
    caches["pages"].clear()  # whatever the cache holds, what would a new visitor get?
    return Client().get(procedure.get_absolute_url()).content.decode()


def test_a_saved_draft_is_invisible_to_patients(nurse, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = nurse.post(edit_url(page), edit_form(nurse, page, body="Rest for a week."))
    assert response.status_code == 302
    assert "Rest for a day." in public_text(page)
    assert "Rest for a week." not in public_text(page)
    latest = page.revisions.first()
    assert (latest.kind, latest.created_by.username) == (PageRevision.Kind.DRAFT, "nurse")


def test_the_preview_shows_unsaved_changes_without_saving_them(nurse, page):
    """“Preview changes” posts the form; its frames and the page show the typed words."""
    data = edit_form(nurse, page, body="Rest for a week.")
    preview_url = reverse("admin:procedures_procedure_preview", args=[page.pk])
    response = nurse.post(preview_url, data)
    assert response.status_code == 302
    frames = nurse.get(response["Location"])
    soup = BeautifulSoup(frames.content, "html.parser")
    assert "nothing is saved or published yet" in soup.select_one(".preview-note").get_text()
    phone, desktop = soup.select("iframe")
    assert (phone["width"], desktop["width"]) == ("360", "1280")
    shown = nurse.get(phone["src"])
    assert "Rest for a week." in shown.content.decode()
    assert "no-store" in shown["Cache-Control"] and shown["X-Robots-Tag"] == "noindex, nofollow"
    assert "Preview of your unsaved changes" in shown.content.decode()
    spanish = nurse.get(phone["src"].replace("language=en", "language=es"))
    assert '<html lang="es">' in spanish.content.decode()
    # Nothing was saved: not the rows, not the public page, no version.
    assert page.sections.get().body_en == "Rest for a day."
    assert "Rest for a week." not in public_text(page)


def test_a_preview_belongs_to_the_editor_who_made_it(nurse, page):
    data = edit_form(nurse, page, body="Rest for a week.")
    frames_url = nurse.post(reverse("admin:procedures_procedure_preview", args=[page.pk]), data)
    token_url = frames_url["Location"].replace("/frames/", "/")
    other = sign_in(Client(), make_staff_user("other", groups=[EDITORS]))
    assert other.get(token_url).status_code == 404
    assert Client().get(token_url).status_code == 302  # to sign in


def test_publish_makes_the_change_live_at_once(physician, page, django_capture_on_commit_callbacks):
    assert "Rest for a day." in Client().get(page.get_absolute_url()).content.decode()  # cached
    data = edit_form(physician, page, body="Rest for a week.", _publish="Save and publish now")
    data["revision_note"] = "Dr Smith's advice"
    with django_capture_on_commit_callbacks(execute=True):
        response = physician.post(edit_url(page), data)
    assert response.status_code == 302 and response["Location"] == edit_url(page)
    assert "Rest for a week." in Client().get(page.get_absolute_url()).content.decode()
    live = Procedure.objects.get(pk=page.pk).live_revision
    assert (live.note, live.created_by.username) == ("Dr Smith's advice", "physician")


def test_an_editor_without_can_publish_cannot_publish(nurse, page):
    """No publish buttons; a publish sent anyway is refused in plain words, nothing saved."""
    page_html = nurse.get(edit_url(page)).content.decode()
    assert 'name="_publish"' not in page_html and 'name="_schedule"' not in page_html
    before = page.revisions.count()
    data = edit_form(nurse, page, body="Rest for a week.", _publish="Save and publish now")
    response = nurse.post(edit_url(page), data)
    assert response.status_code == 200
    assert NOT_ALLOWED in response.content.decode()
    assert "Rest for a week." in response.content.decode()  # what was typed is still there
    assert page.sections.get().body_en == "Rest for a day."
    assert page.revisions.count() == before
    unpublish = reverse("admin:procedures_procedure_unpublish", args=[page.pk])
    assert nurse.get(unpublish).status_code == 403
    assert nurse.post(unpublish).status_code == 403
    assert Procedure.objects.get(pk=page.pk).is_published


def test_a_scheduled_publish_goes_live_with_nobody_acting(
    physician, page, django_capture_on_commit_callbacks
):
    """Scheduled in the clinic's time (Eastern); the scheduler publishes it when it is due."""
    data = edit_form(physician, page, body="Rest for a week.", _schedule="Save and schedule")
    data["publish_at"] = "2030-06-03T09:00"
    response = physician.post(edit_url(page), data)
    assert response.status_code == 302
    procedure = Procedure.objects.get(pk=page.pk)
    scheduled = procedure.scheduled_revision
    assert scheduled.publish_at == datetime(2030, 6, 3, 13, 0, tzinfo=UTC)  # 9 a.m. EDT
    assert "Rest for a week." not in public_text(page)
    assert "scheduled to go live on June 3, 2030" in physician.get(edit_url(page)).content.decode()
    PageRevision.objects.filter(pk=scheduled.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", once=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert "Rest for a week." in Client().get(page.get_absolute_url()).content.decode()


def test_a_schedule_in_the_past_is_refused_and_keeps_what_was_typed(physician, page):
    data = edit_form(physician, page, body="Rest for a week.", _schedule="Save and schedule")
    data["publish_at"] = "2020-01-01T09:00"
    response = physician.post(edit_url(page), data)
    assert response.status_code == 200
    assert "This time has passed." in response.content.decode()
    assert "Rest for a week." in response.content.decode()
    assert Procedure.objects.get(pk=page.pk).scheduled_revision is None


def test_unpublishing_asks_then_hides_the_page_from_patients(
    physician, page, django_capture_on_commit_callbacks
):
    assert Client().get(page.get_absolute_url()).status_code == 200  # cached
    url = reverse("admin:procedures_procedure_unpublish", args=[page.pk])
    assert "Yes, take it off the site" in physician.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = physician.post(url, {"note": "Being rewritten"})
    assert response.status_code == 302
    assert Client().get(page.get_absolute_url()).status_code == 404
    assert page.revisions.first().kind == PageRevision.Kind.UNPUBLISHED


def test_the_edit_page_says_what_patients_see(physician, page):
    save_in_admin(physician, edit_url(page), {"title_en": "Port placement, revised"})
    html = physician.get(edit_url(page)).content.decode()
    assert "On the site: patients see version" in html
    assert "Saved changes since then are not on the site yet" in html


def test_an_edit_saved_as_the_scheduler_publishes_does_not_undo_the_publish(physician, page):
    """The edit form's save writes what editors type, never which version is live: a copy of
    the page read just before a scheduled publish cannot put the old version back."""
    from django.contrib import admin

    from procedures.publishing import page_publish

    stale = Procedure.objects.get(pk=page.pk)  # read by the admin as the form arrives
    newer = page_publish(procedure=page, by=None, note="The scheduler")
    stale.title_en = "Port placement, edited"
    model_admin = admin.site._registry[Procedure]
    model_admin.save_model(None, stale, None, change=True)
    saved = Procedure.objects.get(pk=page.pk)
    assert saved.live_revision == newer
    assert saved.title_en == "Port placement, edited"
