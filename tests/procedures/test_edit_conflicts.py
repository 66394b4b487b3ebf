"""Two editors on one page: the second save over the first is refused, says who and when, saves
nothing and keeps what was typed; who else has the page open is said (procedures/edit_conflicts.py,
procedures/admin/edit_conflicts.py)."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import time_format

from procedures import edit_conflicts, publishing
from procedures.models import PageRevision, Procedure, Section, Step
from tests.factories import load_starter_content, make_staff_user, sign_in

pytestmark = pytest.mark.django_db

RECOVERY = "Rest for two days. Call us if the cut bleeds through the bandage."
IN_SHORT = "- A port is a small disc under the skin.\n- You go home the same day."


@pytest.fixture
def port_page() -> Procedure:
    load_starter_content()
    return Procedure.objects.get(slug="port-placement")


def content_editor(username: str, first_name: str, last_name: str, *groups: str) -> Client:
    """A signed-in “Content editors” member (not a superuser), with a name staff know."""
    user = make_staff_user(username, groups=["Content editors", *groups])
    user.first_name, user.last_name = first_name, last_name
    user.save()
    assert not user.is_superuser
    client = sign_in(Client(), user)
    client.user = user
    return client


@pytest.fixture
def maria() -> Client:
    return content_editor("maria", "Maria", "Lopez")


@pytest.fixture
def sam() -> Client:
    return content_editor("sam", "Sam", "Ortiz")


def edit_url(procedure) -> str:
    return reverse("admin:procedures_procedure_change", args=[procedure.pk])


def page_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def form_data(response) -> dict:
    """What a browser sends from the edit page's form as it stands (Save draft pressed)."""
    form = page_of(response).find("form", id="procedure_form")
    data = {}
    for element in form.find_all("input"):
        kind, name = element.get("type", "text"), element.get("name")
        if not name or kind in ("submit", "file") or "__prefix__" in name:
            continue
        if kind == "checkbox":
            if element.has_attr("checked"):
                data[name] = element.get("value", "on")
            continue
        data[name] = element.get("value", "")
    for element in form.find_all("textarea"):
        if "__prefix__" not in element["name"]:
            data[element["name"]] = element.get_text().removeprefix("\n")
    for element in form.find_all("select"):
        if "__prefix__" not in element["name"]:
            chosen = element.find("option", selected=True) or element.find("option")
            data[element["name"]] = chosen.get("value", "") if chosen else ""
    return data | {"_continue": "Save draft"}


def opened(client, procedure) -> dict:
    response = client.get(edit_url(procedure))
    assert response.status_code == 200
    return form_data(response)


def with_recovery(data: dict, procedure, text: str) -> dict:
    """The form with the “Recovery at home” section's English body changed to `text`."""
    section = procedure.sections.get(heading_en="Recovery at home")
    [index] = [
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("sections-") and key.endswith("-id") and value == str(section.pk)
    ]
    return data | {f"sections-{index}-body_en": text}


def refusal(response) -> str:
    box = page_of(response).find(id="saved-meanwhile")
    return box.get_text(" ", strip=True) if box else ""


def presence(response) -> str:
    notices = page_of(response).select(".edit-presence li")
    return " ".join(notice.get_text(" ", strip=True) for notice in notices)


def test_the_second_save_over_a_colleagues_is_refused_and_saves_nothing(port_page, maria, sam):
    """Maria saves new recovery advice; Sam, who opened the page before, saves “In short”:
    refused, naming Maria and when; nothing of Sam's is written, Maria's advice stays."""
    marias, sams = opened(maria, port_page), opened(sam, port_page)
    assert (
        maria.post(edit_url(port_page), with_recovery(marias, port_page, RECOVERY)).status_code
        == 302
    )
    live_before = Procedure.objects.get().live_revision_id
    summary_before = Procedure.objects.get().summary_en
    versions_before = PageRevision.objects.count()
    changes_logged = LogEntry.objects.count()
    version = edit_conflicts.latest_version(port_page)

    steps_before = Step.objects.count()
    new_step = int(sams["steps-TOTAL_FORMS"])
    sams |= {
        "summary_en": IN_SHORT,
        "steps-TOTAL_FORMS": str(new_step + 1),
        f"steps-{new_step}-position": "500",
        f"steps-{new_step}-text_en": "You rest for an hour.",
    }

    response = sam.post(edit_url(port_page), sams)

    assert response.status_code == 200
    said = refusal(response)
    saved_at = timezone.localtime(PageRevision.objects.get(number=version).created_at)
    assert said.startswith(f"Maria Lopez saved this page at {time_format(saved_at, 'P')} "), said
    assert f"(version {version}), after you opened it. Your changes are not saved." in said
    assert "open the page again (opens in a new tab)" in said
    link = page_of(response).select_one("#saved-meanwhile a")
    assert (link["href"], link["target"]) == (edit_url(port_page), "_blank")
    assert "Please correct" not in response.content.decode()  # nothing to correct
    assert page_of(response).find(id="saved-meanwhile").has_attr("autofocus")
    assert IN_SHORT in page_of(response).find("textarea", attrs={"name": "summary_en"}).get_text()

    stored = Procedure.objects.get()
    assert (stored.summary_en, stored.live_revision_id) == (summary_before, live_before)
    assert Section.objects.get(heading_en="Recovery at home").body_en == RECOVERY
    assert PageRevision.objects.count() == versions_before
    assert LogEntry.objects.count() == changes_logged
    assert Step.objects.count() == steps_before
    assert (
        IN_SHORT.splitlines()[0][2:]
        not in Client().get(port_page.get_absolute_url()).content.decode()
    )


def test_a_refused_save_with_a_mistake_too_says_both(port_page, maria, sam):
    """An empty title as well: the refusal in its box, the mistake in the usual list; the
    refusal is not focused then, so the page has one autofocus."""
    sams = opened(sam, port_page)
    assert maria.post(edit_url(port_page), opened(maria, port_page)).status_code == 302
    response = sam.post(edit_url(port_page), sams | {"summary_en": IN_SHORT, "title_en": ""})
    assert "Maria Lopez saved this page" in refusal(response)
    assert "Please correct the error below." in response.content.decode()
    assert not page_of(response).find(id="saved-meanwhile").has_attr("autofocus")
    assert response.context["adminform"].form.non_field_errors() == []


def test_save_again_after_the_refusal_is_refused_again(port_page, maria, sam):
    """The page still says it was opened before Maria's save: Save again saves nothing."""
    sams = opened(sam, port_page)
    assert maria.post(edit_url(port_page), opened(maria, port_page)).status_code == 302
    refused = sam.post(edit_url(port_page), sams | {"summary_en": IN_SHORT})
    again = sam.post(edit_url(port_page), form_data(refused))
    assert again.status_code == 200
    assert "Maria Lopez saved this page" in refusal(again)
    assert Procedure.objects.get().summary_en != IN_SHORT


def test_a_save_after_opening_the_page_again_keeps_both_changes(port_page, maria, sam):
    """Sam opens the page again, adds his change there and saves: both changes are kept."""
    sams = opened(sam, port_page)
    marias = with_recovery(opened(maria, port_page), port_page, RECOVERY)
    assert maria.post(edit_url(port_page), marias).status_code == 302
    assert sam.post(edit_url(port_page), sams | {"summary_en": IN_SHORT}).status_code == 200

    reopened = opened(sam, port_page)
    assert sam.post(edit_url(port_page), reopened | {"summary_en": IN_SHORT}).status_code == 302
    assert Procedure.objects.get().summary_en == IN_SHORT
    assert Section.objects.get(heading_en="Recovery at home").body_en == RECOVERY


def test_an_editors_own_saves_one_after_another_are_not_refused(port_page, maria):
    """Save, keep editing on the page the admin comes back to, save again: both saved."""
    first = maria.post(
        edit_url(port_page), with_recovery(opened(maria, port_page), port_page, RECOVERY)
    )
    assert first.status_code == 302 and first["Location"] == edit_url(port_page)
    back = form_data(maria.get(first["Location"]))
    second = maria.post(edit_url(port_page), back | {"summary_en": IN_SHORT})
    assert second.status_code == 302
    stored = Procedure.objects.get()
    assert stored.summary_en == IN_SHORT
    assert stored.sections.get(heading_en="Recovery at home").body_en == RECOVERY
    assert "opened_at_version" not in LogEntry.objects.first().get_change_message()


def test_the_same_editor_in_two_tabs_is_told_it_was_their_other_tab(port_page, maria):
    first_tab, second_tab = opened(maria, port_page), opened(maria, port_page)
    assert maria.post(edit_url(port_page), first_tab).status_code == 302
    response = maria.post(edit_url(port_page), second_tab | {"summary_en": IN_SHORT})
    assert refusal(response).startswith("You saved this page in another tab or window at ")
    assert "after you opened it here." in refusal(response)


def test_publishing_meanwhile_is_named(port_page, maria, sam):
    """A colleague with “Can publish” saved and published: said so, and Sam's save is refused."""
    pat = content_editor("pat", "Pat", "Kim", "Can publish")
    sams = opened(sam, port_page)
    pats = opened(pat, port_page) | {"_publish": "Save and publish now"}
    assert pat.post(edit_url(port_page), pats).status_code == 302
    response = sam.post(edit_url(port_page), sams | {"summary_en": IN_SHORT})
    assert refusal(response).startswith("Pat Kim saved and published this page at ")


def test_a_restore_meanwhile_is_named_with_the_versions_since(port_page, maria, sam):
    """Maria saved, then restored the earlier version: two versions since Sam opened it."""
    sams = opened(sam, port_page)
    earlier = PageRevision.objects.get(number=edit_conflicts.latest_version(port_page))
    assert (
        maria.post(
            edit_url(port_page), with_recovery(opened(maria, port_page), port_page, RECOVERY)
        ).status_code
        == 302
    )
    restored = publishing.revision_restore(procedure=port_page, revision=earlier, by=maria.user)
    response = sam.post(edit_url(port_page), sams | {"summary_en": IN_SHORT})
    said = refusal(response)
    assert said.startswith("Maria Lopez put an earlier version back on this page at ")
    assert f"(version {restored.number}, the latest of 2 versions since then)" in said
    assert Procedure.objects.get().summary_en != IN_SHORT


def test_the_scheduler_publishing_meanwhile_does_not_stop_a_save(port_page, sam):
    """A scheduled publish going live records no new version and changes no words: Sam's
    save goes through."""
    publisher = make_staff_user("pat", groups=["Content editors", "Can publish"])
    soon = timezone.now() + timedelta(minutes=5)
    publishing.page_schedule(procedure=port_page, publish_at=soon, by=publisher)
    sams = opened(sam, port_page)
    assert publishing.publish_due_pages(now=soon + timedelta(seconds=1))
    assert sam.post(edit_url(port_page), sams | {"summary_en": IN_SHORT}).status_code == 302
    assert Procedure.objects.get().summary_en == IN_SHORT


def test_preview_changes_is_not_refused_and_saves_nothing(port_page, maria, sam):
    """Sam's stale form posted to “Preview changes” shows his changes, with no mistakes."""
    sams = opened(sam, port_page) | {"summary_en": IN_SHORT, "_preview": ""}
    assert maria.post(edit_url(port_page), opened(maria, port_page)).status_code == 302
    versions = PageRevision.objects.count()
    preview_url = reverse("admin:procedures_procedure_preview", args=[port_page.pk])
    response = sam.post(preview_url, sams, follow=True)
    assert response.status_code == 200
    assert response.context["errors"] == 0
    page_url = page_of(response).find("iframe")["src"]
    assert "A port is a small disc under the skin." in sam.get(page_url).content.decode()
    assert PageRevision.objects.count() == versions
    assert Procedure.objects.get().summary_en != IN_SHORT


def test_an_altered_hidden_field_counts_as_saved_meanwhile(port_page, maria):
    """A page whose version field was altered is not trusted: nothing is saved."""
    data = opened(maria, port_page) | {"opened_at_version": "latest", "summary_en": IN_SHORT}
    response = maria.post(edit_url(port_page), data)
    assert response.status_code == 200 and "after you opened it" in refusal(response)
    assert Procedure.objects.get().summary_en != IN_SHORT


def test_a_form_without_the_hidden_field_is_not_checked(port_page, maria):
    """A page opened before the field existed still saves, as before."""
    data = opened(maria, port_page) | {"summary_en": IN_SHORT}
    del data["opened_at_version"]
    assert maria.post(edit_url(port_page), data).status_code == 302


def test_the_edit_page_carries_the_version_it_was_opened_at(port_page, maria):
    field = page_of(maria.get(edit_url(port_page))).find(
        "input", attrs={"name": "opened_at_version"}
    )
    assert field["type"] == "hidden"
    assert field["value"] == str(edit_conflicts.latest_version(port_page))
    assert edit_conflicts.latest_version(port_page) > 0
    assert edit_conflicts.latest_version(Procedure.objects.create(title="New", slug="new")) == 0


def test_the_second_editor_is_told_who_has_the_page_open_and_the_first_is_not(
    port_page, maria, sam
):
    first = maria.get(edit_url(port_page))
    second = sam.get(edit_url(port_page))
    assert presence(first) == ""
    assert presence(second) == (
        "Maria Lopez opened this page for editing less than a minute ago. If you both save, "
        "the second save will be refused: agree who goes first."
    )
    assert presence(maria.get(edit_url(port_page))).startswith("Sam Ortiz opened this page")


def test_an_editor_who_opened_the_page_long_ago_is_no_longer_named(port_page, maria, sam):
    """After OPEN_FOR without opening or saving, Maria no longer counts as editing."""
    then = timezone.now() - edit_conflicts.OPEN_FOR - timedelta(seconds=1)
    edit_conflicts.editing_record(port_page.pk, maria.user, now=then)
    assert edit_conflicts.others_editing(port_page.pk, sam.user) == []
    recently = timezone.now() - timedelta(minutes=4)
    edit_conflicts.editing_record(port_page.pk, maria.user, now=recently)
    [notice] = edit_conflicts.others_editing(port_page.pk, sam.user)
    assert notice.notice().startswith("Maria Lopez opened this page for editing 4 minutes ago.")
