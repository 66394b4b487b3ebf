"""A page's history and the comparison of two versions in Chromium, as a content editor sees
them on a 360 px phone and a 1280 px desktop: axe finds nothing, nothing scrolls sideways."""

from django.urls import reverse

from procedures import publishing
from procedures.models import Section
from tests.browser.staff import assert_accessible, fits_the_width, sign_in_with_code
from tests.factories import add_section, authenticator_for, make_procedure, make_staff_user
from tests.helpers import real_commits

BODY = (
    "Rest for the first day. Keep the dressing dry for two days. You can walk around the "
    "house as soon as you feel ready.\n\nMost people go back to work within a week. Call us "
    "at https://clinic.example/procedures/port-placement/aftercare-instructions-for-patients "
    "if anything worries you."
)


def a_page_with_history(editor):
    """Published twice, then edited by `editor`: a changed sentence, a new section, a note."""
    procedure = make_procedure(title="Port placement")
    section = add_section(procedure, "Recovery at home", kind="recovery", body=BODY)
    Section.objects.filter(pk=section.pk).update(body=BODY.replace("two days", "three days"))
    Section.objects.create(
        procedure=procedure, heading="Driving", body="Do not drive for a day.", position=30
    )
    publishing.draft_record(
        procedure=procedure,
        by=editor,
        note="Longer dry dressing, after Dr Smith's review of the aftercare instructions",
    )
    return procedure


@real_commits
def test_history_and_compare_fit_the_width_and_pass_axe(any_page, site):
    page = any_page
    width = page.viewport_size["width"]
    editor = make_staff_user("editor", groups=["Content editors"])
    procedure = a_page_with_history(editor)
    sign_in_with_code(page, site, "editor", authenticator_for(editor))

    page.goto(site + reverse("admin:procedures_procedure_history", args=[procedure.pk]))
    assert page.locator(".version").count() == 3
    assert page.locator(".version-flag--live").count() == 1
    page.screenshot(path=f"/tmp/history-list-{width}.png", full_page=True)
    assert fits_the_width(page)
    assert_accessible(page)

    page.get_by_role("button", name="Compare").click()  # versions 2 and 3, chosen already
    assert page.locator(".change").count() == 2
    assert page.locator(".change del").first.text_content() == "Removed: two"
    page.screenshot(path=f"/tmp/history-compare-{width}.png", full_page=True)
    assert fits_the_width(page)
    assert_accessible(page)

    page.get_by_role("link", name="Back to the history").click()
    page.get_by_role("link", name="Restore this version… (version 2)").click()
    page.screenshot(path=f"/tmp/history-restore-{width}.png", full_page=True)
    assert fits_the_width(page)
    assert_accessible(page)
