"""The procedure edit page in a real browser, at phone (360 px) and desktop (1280 px) width:
the sections' list, headings on closed sections, text boxes that grow, Move up / Move down by
keyboard, and the mistakes' links (templates/admin/procedures/procedure/, static/js/editor.js).
"""

from django.urls import reverse
from playwright.sync_api import expect

from procedures.models import Procedure
from tests.browser.staff import assert_accessible, fits_the_width, sign_in_with_code
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits


def open_edit_page(page, site) -> Procedure:
    """Sign in as a content editor (not a superuser) and open the starter page's edit page."""
    editor = make_staff_user("editor", groups=["Content editors"])
    sign_in_with_code(page, site, "editor", authenticator_for(editor))
    procedure = Procedure.objects.get(slug="port-placement")
    page.goto(site + reverse("admin:procedures_procedure_change", args=[procedure.pk]))
    return procedure


def width_of(page) -> int:
    return page.viewport_size["width"]


def section_order(procedure) -> list[str]:
    return list(procedure.sections.order_by("position", "pk").values_list("heading_en", flat=True))


@real_commits
def test_the_sections_list_leads_to_each_section_whose_heading_shows_while_closed(any_page, site):
    page = any_page
    open_edit_page(page, site)
    summaries = page.locator("#sections-group .section-row:not(.empty-form) summary")
    expect(summaries).to_have_count(12)
    for index in range(12):
        expect(summaries.nth(index)).to_be_visible()
    expect(summaries.nth(2)).to_have_text("Section: How to get ready")
    assert page.locator("#sections-2 details[open]").count() == 0
    assert fits_the_width(page)
    assert_accessible(page)
    page.screenshot(path=f"/tmp/edit-page-{width_of(page)}-top.png")
    page.locator("#sections-group").scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/edit-page-{width_of(page)}-sections.png")

    page.get_by_role("link", name="How to get ready", exact=True).click()

    expect(page.locator("#sections-2 details")).to_have_attribute("open", "")
    expect(page.locator("#sections-2 summary")).to_be_focused()
    body = page.locator("#id_sections-2-body_en")
    expect(body).to_be_visible()
    assert body.evaluate("el => el.scrollHeight <= el.clientHeight"), "the text box scrolls"
    assert body.evaluate("el => el.clientHeight > 150"), "the text box did not grow"
    assert fits_the_width(page)
    assert_accessible(page)
    body.scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/edit-page-{width_of(page)}-section.png")


@real_commits
def test_move_up_and_move_down_by_keyboard_reorder_and_save(any_page, site):
    page = any_page
    procedure = open_edit_page(page, site)
    before = section_order(procedure)
    move_down = page.get_by_role("button", name=f"Move down: {before[0]}")

    move_down.focus()
    page.keyboard.press("Enter")

    expect(page.locator("#edit-page-announcer")).to_have_text(
        f"“{before[0]}” moved down to place 2 of 12."
    )
    expect(page.get_by_role("button", name=f"Move down: {before[0]}")).to_be_focused()
    rows = page.locator("#sections-group .section-row:not(.empty-form)")
    expect(rows.nth(0).locator("summary")).to_have_text(f"Section: {before[1]}")
    expect(rows.nth(1).locator("input[name$='-position']")).to_have_value("20")

    step = page.locator("#steps-group tr.form-row:not(.empty-form)").nth(2)
    step_text = step.locator("[name$='-text_en']").input_value()
    step.get_by_role("button", name="Move up").focus()
    page.keyboard.press("Space")
    moved = page.locator("#steps-group tr.form-row:not(.empty-form)").nth(1)
    expect(moved.locator("[name$='-text_en']")).to_have_value(step_text)
    page.screenshot(path=f"/tmp/edit-page-{width_of(page)}-steps.png")
    assert_accessible(page)

    page.click("input[name=_save]")

    expect(page.locator("ul.messagelist")).to_be_visible()
    assert section_order(procedure) == [before[1], before[0], *before[2:]]
    steps = list(procedure.steps.order_by("position", "pk").values_list("text_en", flat=True))
    assert steps[1] == step_text


@real_commits
def test_the_mistakes_take_focus_and_each_link_leads_to_its_field(any_page, site):
    page = any_page
    open_edit_page(page, site)
    page.locator("#sections-2 summary").click()
    page.fill("#id_sections-2-body_en", "")
    page.fill("#id_title_en", "")

    page.click("input[name=_save]")

    summary = page.locator(".edit-page-errors")
    expect(summary).to_be_focused()
    page.screenshot(path=f"/tmp/edit-page-{width_of(page)}-errors.png")
    assert fits_the_width(page)
    assert_accessible(page)
    summary.get_by_role(
        "link", name="How to get ready: Body (English): This field is required."
    ).click()
    expect(page.locator("#id_sections-2-body_en")).to_be_focused()
    summary.get_by_role("link", name="Title (English): This field is required.").click()
    expect(page.locator("#id_title_en")).to_be_focused()


@real_commits
def test_without_field_sizing_the_script_grows_text_boxes(browser, site):
    """Browsers without CSS `field-sizing` (Firefox, Safari today) get the script's fallback."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script("""
        const supports = CSS.supports.bind(CSS);
        CSS.supports = (...args) =>
            !args.join(" ").includes("field-sizing") && supports(...args);
    """)

    def without_field_sizing(route):
        response = route.fetch()
        css = response.text() + "\n#procedure_form textarea { field-sizing: fixed !important; }"
        route.fulfill(response=response, body=css)

    page.route("**/static/css/editor.css", without_field_sizing)
    open_edit_page(page, site)
    page.get_by_role("link", name="How to get ready", exact=True).click()
    body = page.locator("#id_sections-2-body_en")
    assert body.evaluate("el => getComputedStyle(el).fieldSizing") == "fixed"
    assert body.evaluate("el => el.scrollHeight <= el.clientHeight"), "the text box scrolls"
    height = body.evaluate("el => el.clientHeight")
    assert height > 150

    body.press("End")
    body.press_sequentially("\nOne more line.\nAnd another.\nAnd a last one.")

    assert body.evaluate("el => el.scrollHeight <= el.clientHeight")
    assert body.evaluate("el => el.clientHeight") > height
    context.close()
