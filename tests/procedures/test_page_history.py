"""A page's history in the admin, as a content editor uses it: list, compare, preview, restore."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from procedures import publishing
from procedures.models import PageRevision, Section
from tests.factories import add_section, make_procedure, make_staff_user, sign_in
from tests.procedures.helpers import save_in_admin

pytestmark = pytest.mark.django_db

FIRST_BODY = "Rest for the first day. Keep the dressing dry for two days."
SECOND_BODY = "Rest for the first day. Keep the dressing dry for three days."


@pytest.fixture
def editor():
    """A content editor who is not a superuser and may not publish."""
    user = make_staff_user("editor", groups=["Content editors"])
    user.first_name, user.last_name = "Maria", "Lopez"
    user.save()
    return user


@pytest.fixture
def editor_client(editor):
    return sign_in(Client(), editor)


@pytest.fixture
def page(editor):
    """A published page (versions 1 and 2) whose editor then changed one sentence (version 3,
    a draft with a note)."""
    procedure = make_procedure(title="Port placement")
    section = add_section(procedure, "Recovery at home", kind="recovery", body=FIRST_BODY)
    Section.objects.filter(pk=section.pk).update(body=SECOND_BODY)
    publishing.draft_record(procedure=procedure, by=editor, note="Longer dry dressing")
    procedure.refresh_from_db()
    return procedure


def history_url(procedure) -> str:
    return reverse("admin:procedures_procedure_history", args=[procedure.pk])


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_the_history_lists_the_versions_newest_first_with_who_when_and_the_note(
    editor_client, page
):
    soup = soup_of(editor_client.get(history_url(page)))

    titles = [h.get_text(" ", strip=True) for h in soup.select(".version-title")]
    assert titles == ["Version 3: Saved draft", "Version 2: Published", "Version 1: Published"]
    newest = soup.select(".version")[0].get_text(" ", strip=True)
    assert "By Maria Lopez," in newest
    assert "(Eastern)" in newest  # the clinic's time
    assert "Note: “Longer dry dressing”" in newest


def test_the_history_marks_the_version_patients_see(editor_client, page):
    versions = soup_of(editor_client.get(history_url(page))).select(".version")
    live = [v for v in versions if v.select(".version-flag--live")]
    marked = [v.select_one(".version-title").get_text() for v in live]
    assert marked == ["Version 2: Published"]
    assert "Patients see this version" in versions[1].get_text()


def test_the_history_marks_the_scheduled_version(editor_client, page):
    publishing.page_schedule(procedure=page, publish_at=timezone.now() + timedelta(days=1), by=None)
    newest = soup_of(editor_client.get(history_url(page))).select_one(".version")
    assert "Version 4: Scheduled" in newest.get_text()
    assert "Scheduled to go live on" in newest.select_one(".version-flag--scheduled").get_text()


def test_the_admins_history_button_leads_to_the_page_history(editor_client, page):
    change = editor_client.get(reverse("admin:procedures_procedure_change", args=[page.pk]))
    assert f'href="{history_url(page)}"' in change.content.decode()


def test_each_version_offers_preview_compare_with_the_one_before_and_restore(editor_client, page):
    newest = soup_of(editor_client.get(history_url(page))).select_one(".version")
    links = {a.get_text(" ", strip=True): a["href"] for a in newest.select(".version-actions a")}
    assert links == {
        "Preview version 3": reverse("admin:procedures_procedure_version", args=[page.pk, 3]),
        "Compare with the version before (version 2)": (
            reverse("admin:procedures_procedure_compare", args=[page.pk]) + "?from=2&to=3"
        ),
        "Restore this version… (version 3)": (
            reverse("admin:procedures_procedure_restore", args=[page.pk, 3])
        ),
    }


def test_the_compare_form_chooses_any_two_versions_without_javascript(editor_client, page):
    form = soup_of(editor_client.get(history_url(page))).select_one("form.compare-form")
    assert form["method"] == "get"
    assert form["action"] == reverse("admin:procedures_procedure_compare", args=[page.pk])
    chosen = {s["name"]: s.select_one("option[selected]")["value"] for s in form.select("select")}
    assert chosen == {"from": "2", "to": "3"}
    assert form.select_one("label[for=compare-from]") and form.select_one("label[for=compare-to]")


def test_compare_shows_the_one_changed_sentence_readably(editor_client, page):
    url = reverse("admin:procedures_procedure_compare", args=[page.pk])
    soup = soup_of(editor_client.get(url, {"from": 2, "to": 3}))

    changes = soup.select(".change")
    assert len(changes) == 1
    assert changes[0].select_one(".change-title").get_text() == "Section “Recovery at home”"
    assert changes[0].select_one("dt").get_text() == "Body (English)"
    assert changes[0].select_one("dd del").get_text() == "Removed: two"
    assert changes[0].select_one("dd ins").get_text() == "Added: three"
    assert "body_en" not in soup.get_text() and "{" not in soup.select_one(".changes").get_text()


def test_compare_of_versions_with_the_same_words_says_they_are_the_same(editor_client, page):
    url = reverse("admin:procedures_procedure_compare", args=[page.pk])
    soup = soup_of(editor_client.get(url, {"from": 1, "to": 1}))
    assert soup.select_one(".changes-none").get_text() == "These two versions are the same."


def test_compare_of_versions_the_page_does_not_have_goes_back_to_the_history(editor_client, page):
    url = reverse("admin:procedures_procedure_compare", args=[page.pk])
    response = editor_client.get(url, {"from": "2", "to": "99"}, follow=True)
    assert response.redirect_chain[-1][0] == history_url(page)
    assert "Those versions are not in this page's history" in soup_of(response).get_text()


def test_a_version_previews_exactly_as_patients_would_see_it_never_cached(editor_client, page):
    response = editor_client.get(reverse("admin:procedures_procedure_version", args=[page.pk, 2]))
    soup = soup_of(response)
    assert soup.h1.get_text() == "Port placement"
    assert FIRST_BODY in soup.get_text() and SECOND_BODY not in soup.get_text()
    assert "Preview of version 2." in soup.select_one(".preview-banner").get_text()
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_restore_asks_first_and_says_what_will_happen(editor_client, page):
    url = reverse("admin:procedures_procedure_restore", args=[page.pk, 2])
    soup = soup_of(editor_client.get(url))
    text = soup.select_one("#content-main").get_text(" ", strip=True)
    assert (
        "The words and pictures of version 2 go back into the page you edit. Patients keep "
        "seeing the live version until someone publishes. Nothing in the history is deleted."
    ) in text
    assert soup.select_one(".change dd ins").get_text() == "Added: two"  # what it brings back
    assert page.revisions.count() == 3  # asking changed nothing


def test_restore_brings_back_the_earlier_words_and_keeps_every_version(
    editor_client, editor, page, client
):
    """The working copy gets version 2's text, a “restored” version is recorded, the earlier
    versions stay as they were, and patients see no change until someone publishes."""
    public_before = client.get(page.get_absolute_url()).content
    earlier = {r.number: r.content for r in page.revisions.all()}

    url = reverse("admin:procedures_procedure_restore", args=[page.pk, 1])
    response = editor_client.post(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse(
        "admin:procedures_procedure_change", args=[page.pk]
    )
    assert "The words and pictures of version 1 are back in the page you edit" in (
        response.content.decode()
    )
    assert not Section.objects.filter(procedure=page).exists()  # version 1 had no sections
    restored = page.revisions.first()
    assert (restored.number, restored.kind) == (4, PageRevision.Kind.RESTORED)
    assert (restored.created_by, restored.note) == (editor, "Restored from version 1")
    assert {r.number: r.content for r in page.revisions.all()[1:]} == earlier
    assert client.get(page.get_absolute_url()).content == public_before


def test_a_restored_version_shows_in_the_history_and_the_compare(editor_client, page):
    editor_client.post(reverse("admin:procedures_procedure_restore", args=[page.pk, 2]))
    url = reverse("admin:procedures_procedure_compare", args=[page.pk])
    soup = soup_of(editor_client.get(url, {"from": 3, "to": 4}))
    assert soup.select_one(".change dd del").get_text() == "Removed: three"
    history = soup_of(editor_client.get(history_url(page)))
    assert history.select_one(".version-title").get_text() == (
        "Version 4: Restored from an earlier version"
    )


def test_an_editor_saving_in_the_admin_adds_a_version_to_the_history(editor_client, page):
    change_url = reverse("admin:procedures_procedure_change", args=[page.pk])
    save_in_admin(
        editor_client,
        change_url,
        {"summary_en": "- Takes about an hour.", "revision_note": "Shorter summary"},
    )
    soup = soup_of(editor_client.get(history_url(page)))
    assert soup.select_one(".version-title").get_text() == "Version 4: Saved draft"
    assert "Shorter summary" in soup.select_one(".version-note").get_text()
    url = reverse("admin:procedures_procedure_compare", args=[page.pk])
    changes = soup_of(editor_client.get(url, {"from": 3, "to": 4})).select(".change")
    assert [c.select_one(".change-title").get_text() for c in changes] == ["In short"]


def view_only_staff():
    user = make_staff_user("reader")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="procedures",
            codename__in=["view_procedure", "view_pagerevision"],
        )
    )
    return sign_in(Client(), user)


def test_staff_who_may_only_view_pages_read_the_history_but_cannot_restore(page):
    reader = view_only_staff()
    history = soup_of(reader.get(history_url(page)))
    assert history.select(".version") and not history.select("a[href$='/restore/']")
    url = reverse("admin:procedures_procedure_restore", args=[page.pk, 2])
    assert reader.get(url).status_code == 403
    assert reader.post(url).status_code == 403
    assert page.revisions.count() == 3


def test_staff_who_may_not_see_procedures_are_refused_the_history(page):
    front_desk = sign_in(Client(), make_staff_user("frontdesk", groups=["Front desk"]))
    for url in (
        history_url(page),
        reverse("admin:procedures_procedure_compare", args=[page.pk]) + "?from=1&to=2",
        reverse("admin:procedures_procedure_version", args=[page.pk, 1]),
        reverse("admin:procedures_procedure_restore", args=[page.pk, 1]),
    ):
        assert front_desk.get(url).status_code == 403, url


def test_restore_brings_back_a_section_whose_kind_a_newer_section_has_taken(editor_client):
    """A page has one section of each special kind: restoring the old “Recovery” section
    replaces the new one, rather than failing on the way."""
    procedure = make_procedure()
    old = add_section(procedure, "Recovery at home", kind="recovery", body=FIRST_BODY)
    version = procedure.revisions.first().number
    old.delete()
    Section.objects.create(procedure=procedure, heading="Afterwards", kind="recovery", body="x")
    publishing.draft_record(procedure=procedure, by=None)

    url = reverse("admin:procedures_procedure_restore", args=[procedure.pk, version])
    assert editor_client.post(url).status_code == 302

    assert list(procedure.sections.values_list("heading", "kind", "body")) == [
        ("Recovery at home", "recovery", FIRST_BODY)
    ]


def test_the_history_of_a_page_that_does_not_exist_is_not_found(editor_client):
    url = reverse("admin:procedures_procedure_history", args=["not-a-number"])
    assert editor_client.get(url).status_code == 404


def test_a_version_with_spanish_previews_in_spanish(editor_client):
    procedure = make_procedure(title_en="Port placement", title_es="Colocación de un puerto")
    history = soup_of(editor_client.get(history_url(procedure)))
    [link] = [a for a in history.select(".version-actions a") if "Spanish" in a.get_text()]
    soup = soup_of(editor_client.get(link["href"]))
    assert soup.h1.get_text() == "Colocación de un puerto"
    assert soup.html["lang"] == "es"
