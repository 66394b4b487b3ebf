"""Anonymous pages come from a cache that an editor's save clears."""

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.urls import reverse

from procedures.models import ClinicDetails, Procedure
from procedures.publishing import page_publish
from tests.factories import make_procedure
from tests.procedures.helpers import save_in_admin

pytestmark = pytest.mark.django_db


def publish_behind_the_cache(procedure: Procedure, **changes) -> None:
    """Change and publish the page without the cache hearing of it: the publishing service
    clears pages only when its transaction commits, and a test's transaction never does."""
    Procedure.objects.filter(pk=procedure.pk).update(**changes)
    page_publish(procedure=procedure, by=None)


def test_public_pages_are_served_from_the_cache(client, django_assert_num_queries):
    """A second visit to the explainer costs no database query at all."""
    procedure = make_procedure()
    client.get(procedure.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(procedure.get_absolute_url())
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert response["X-Accel-Expires"] == "1"  # nginx keeps it a second at most


def test_a_page_asked_for_with_a_query_string_is_rendered_fresh_and_never_stored(
    client, django_assert_num_queries
):
    """Made-up ?x=N addresses cannot fill the shared cache: each is rendered, none is kept."""
    procedure = make_procedure(title="Old title")
    url = procedure.get_absolute_url()
    client.get(url)  # the plain address is cached
    publish_behind_the_cache(procedure, title_en="Fresh title")
    for n in range(3):
        response = client.get(url, {"x": n})
        assert b"Fresh title" in response.content
        assert "public" not in response.get("Cache-Control", "")
    assert not caches["pages"].has_key(f"plain:{url}?x=0")
    with django_assert_num_queries(0):
        assert b"Old title" in client.get(url).content  # the plain address's copy is untouched


def test_publishing_a_procedure_in_the_admin_clears_cached_pages(
    client, admin_client, django_capture_on_commit_callbacks
):
    """Patients see an editor's change on their next visit, not after the cache expires."""
    procedure = make_procedure(title="Old title")
    assert b"Old title" in client.get(procedure.get_absolute_url()).content
    publish_behind_the_cache(procedure, title_en="Changed behind the cache's back")
    assert b"Old title" in client.get(procedure.get_absolute_url()).content  # still cached

    change_url = reverse("admin:procedures_procedure_change", args=[procedure.pk])
    changes = {
        "title_en": "New title",
        "last_reviewed": "2026-11-01",
        "next_review_due": "2027-11-01",
        "_publish": "Save and publish now",
    }
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(admin_client, change_url, changes)

    assert b"New title" in client.get(procedure.get_absolute_url()).content


def test_saving_clinic_details_in_the_admin_updates_every_page(
    client, admin_client, django_capture_on_commit_callbacks
):
    """A new phone number reaches cached pages as soon as it is saved."""
    assert b"413-693-2852" in client.get("/").content
    details = ClinicDetails.objects.get()
    url = reverse("admin:procedures_clinicdetails_change", args=[details.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url,
            {
                "name": details.name,
                "phone": "413-555-0100",
                "address": "",
                "hours_en": "",
                "service_area_sentence_en": details.service_area_sentence_en,
            },
        )
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert "413-555-0100" in html and "413-693-2852" not in html


def test_clear_page_cache_drops_pages_and_reads_clinic_details_afresh(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """After a deploy's clear_page_cache, pages are rendered anew, still in five queries."""
    procedure = make_procedure(title="Old title")
    client.get(procedure.get_absolute_url())
    publish_behind_the_cache(procedure, title_en="New title")
    ClinicDetails.objects.update(phone="413-555-0100")  # behind the cache's back
    with django_capture_on_commit_callbacks(execute=True):
        call_command("clear_page_cache")
    with django_assert_max_num_queries(5):
        html = client.get(procedure.get_absolute_url()).content.decode()
    assert "New title" in html
    assert "413-555-0100" in html


def test_staff_pages_are_never_cached(admin_client):
    """Admin screens are always fresh and private."""
    response = admin_client.get(reverse("admin:procedures_procedure_changelist"))
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_logged_in_staff_always_get_fresh_pages(admin_client):
    """Editors checking their work never see a cached copy."""
    procedure = make_procedure(title="Old title")
    admin_client.get(procedure.get_absolute_url())
    publish_behind_the_cache(procedure, title_en="Fresh title")
    assert b"Fresh title" in admin_client.get(procedure.get_absolute_url()).content


def test_a_head_request_gets_the_headers_of_the_cached_page_without_a_body(client):
    """Uptime checks using HEAD get the page's size and no body."""
    procedure = make_procedure()
    full = client.get(procedure.get_absolute_url())
    head = client.head(procedure.get_absolute_url())
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(full.content))


def test_missing_pages_are_not_stored(client):
    """A 404 is worked out afresh each time, so a page published later appears at once."""
    client.get("/procedures/coming-soon/")
    make_procedure(slug="coming-soon")
    assert client.get("/procedures/coming-soon/").status_code == 200


def test_pages_that_set_cookies_or_depend_on_them_are_never_stored():
    """Nothing personal can be served from the shared cache to someone else."""
    from django.http import HttpResponse

    from config.page_cache import PublicPageCacheMiddleware

    can_store = PublicPageCacheMiddleware.can_store
    assert can_store(HttpResponse("page"))
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("csrftoken", "x")
    assert not can_store(with_cookie)
    assert not can_store(HttpResponse("page", headers={"Vary": "Cookie"}))
    assert not can_store(HttpResponse("page", headers={"Cache-Control": "private"}))
    assert can_store(HttpResponse("page", headers={"Vary": "Accept-Encoding"}))


def test_each_language_has_its_own_cached_copy_of_a_page(client, django_assert_num_queries):
    """The English page in the cache is never given to a Spanish reader, nor the reverse."""
    procedure = make_procedure(title="Port", title_es="Puerto", slug="port")
    assert b"<h1>Port</h1>" in client.get("/procedures/port/").content
    spanish = client.get("/es/procedures/port/")
    assert b"<h1>Puerto</h1>" in spanish.content
    with django_assert_num_queries(0):
        assert b"<h1>Port</h1>" in client.get("/procedures/port/").content
        assert b"<h1>Puerto</h1>" in client.get("/es/procedures/port/").content
    assert procedure.pk
