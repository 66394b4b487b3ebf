"""Record clinical review in Chromium, at phone and desk width, as a content editor who is not a
superuser: a wrong date is refused with what was typed kept, a good review reaches patients;
the staff home lists pages due for review. axe finds nothing on either screen."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from procedures.models import Procedure
from tests.browser.staff import assert_accessible, fits_the_width, sign_in_with_code
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits

PAST_DATE = "This date has passed: the page would be overdue at once. Choose a date after today."


def sign_in_as_editor(page, site):
    user = make_staff_user("editor", groups=["Content editors"])
    sign_in_with_code(page, site, "editor", authenticator_for(user))
    return user


@real_commits
def test_an_editor_records_a_review_from_the_edit_page(staff_page, site):
    """The starter page (never reviewed) → the edit page's link → a past next-review date is
    refused, the typing kept → a good date records it, and the public page names the reviewer."""
    page = staff_page
    sign_in_as_editor(page, site)
    port = Procedure.objects.get(slug="port-placement")
    page.goto(f"{site}/admin/procedures/procedure/{port.pk}/change/")
    expect(page.locator(".field-clinical_review")).to_contain_text("Not reviewed yet")
    page.locator(".field-clinical_review a", has_text="Record clinical review").click()
    expect(page).to_have_url(f"{site}/admin/procedures/procedure/{port.pk}/clinical-review/")
    assert fits_the_width(page)
    assert_accessible(page)

    today = timezone.localdate()
    page.fill("#id_reviewed_by", "Jane Smith, MD")
    page.fill("#id_reviewed_on", today.isoformat())
    page.fill("#id_next_review_due", (today - timedelta(days=1)).isoformat())
    page.click("input[type=submit]")
    expect(page.locator(".errornote")).to_contain_text("The review was not recorded.")
    expect(page.locator(".errorlist")).to_have_text(PAST_DATE)
    expect(page.locator("#id_reviewed_by")).to_have_value("Jane Smith, MD")
    assert_accessible(page)
    page.screenshot(path=f"/tmp/clinical-review-refused-{page.device}.png", full_page=True)

    next_due = today + timedelta(days=365)
    page.fill("#id_next_review_due", next_due.isoformat())
    page.click("input[type=submit]")
    expect(page).to_have_url(f"{site}/admin/procedures/procedure/{port.pk}/change/")
    expect(page.locator(".messagelist")).to_contain_text("Recorded a clinical review")

    page.goto(site + "/procedures/port-placement/")
    about = page.locator("section.about")
    expect(about).to_contain_text("Jane Smith, MD checked the facts on this page")
    expect(about).not_to_contain_text("has not yet reviewed")


@real_commits
def test_the_editors_home_lists_pages_due_for_review(staff_page, site):
    """An overdue page on the editor's home, marked in words, linked to its edit page."""
    page = staff_page
    today = timezone.localdate()
    Procedure.objects.filter(slug="port-placement").update(
        reviewed_by="Jane Smith, MD",
        last_reviewed=today - timedelta(days=400),
        next_review_due=today - timedelta(days=2),
    )
    sign_in_as_editor(page, site)
    page.goto(site + "/admin/")
    panel = page.locator("#pages-due-for-review")
    expect(panel).to_contain_text("overdue")
    assert fits_the_width(page)
    assert_accessible(page)
    page.screenshot(path=f"/tmp/home-review-due-{page.device}.png", full_page=True)
    panel.locator("a", has_text="Port placement for chemotherapy").click()
    expect(page).to_have_url(
        f"{site}/admin/procedures/procedure/{Procedure.objects.get().pk}/change/"
    )
