"""Edit → preview → publish → see it live, in a real browser at phone (360 px) and desktop
(1280 px) width, as a content editor who may publish and is not a superuser
(procedures/admin/publishing.py, procedures/admin/preview.py)."""

from django.urls import reverse
from playwright.sync_api import expect

from procedures.models import Procedure
from tests.browser.staff import assert_accessible, fits_the_width, sign_in_with_code
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits

NEW_WORDS = "Rest at home for the rest of the day, then do what feels comfortable."


@real_commits
def test_an_editor_previews_publishes_and_patients_see_it_at_once(any_page, site):
    page = any_page
    width = page.viewport_size["width"]
    editor = make_staff_user("physician", groups=["Content editors", "Can publish"])
    sign_in_with_code(page, site, "physician", authenticator_for(editor))
    procedure = Procedure.objects.get(slug="port-placement")
    public = site + procedure.get_absolute_url()
    assert NEW_WORDS not in page.context.request.get(public).text()

    page.goto(site + reverse("admin:procedures_procedure_change", args=[procedure.pk]))
    recovery = procedure.sections.get(kind="recovery")
    index = list(procedure.sections.order_by("position", "pk")).index(recovery)
    page.locator(f"#sections-{index} summary").click()
    body = page.locator(f"#id_sections-{index}-body_en")
    body.fill(NEW_WORDS)

    # Preview: opens in a new tab, at phone and desktop width, nothing saved.
    with page.context.expect_page() as new_tab:
        page.get_by_role("button", name="Preview changes (opens in a new tab)").click()
    preview = new_tab.value
    preview.wait_for_load_state()
    expect(preview.locator(".preview-note")).to_contain_text("nothing is saved or published")
    phone_frame = preview.frame_locator("iframe[title='Preview on a phone']")
    expect(phone_frame.locator("body")).to_contain_text(NEW_WORDS)
    expect(phone_frame.locator(".preview-banner")).to_be_visible()
    assert fits_the_width(preview)
    assert_accessible(preview)
    preview.screenshot(path=f"/tmp/publish-preview-{width}.png", full_page=False)
    preview.close()
    assert NEW_WORDS not in page.context.request.get(public).text()

    # Publish: the page is live at once for a visitor without a session.
    page.fill("#id_revision_note", "Simpler recovery advice")
    page.get_by_role("button", name="Save and publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("Published: patients see version")
    assert fits_the_width(page)
    assert_accessible(page)
    page.screenshot(path=f"/tmp/publish-done-{width}.png")
    visitor = page.context.browser.new_context()
    try:
        seen = visitor.new_page()
        seen.goto(public)
        expect(seen.locator("main")).to_contain_text(NEW_WORDS)
    finally:
        visitor.close()
