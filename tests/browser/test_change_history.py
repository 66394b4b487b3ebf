"""In a real browser, an editor traces a wrong clinic phone number on the History page and
undoes it; the page passes axe and fits a phone and a desktop screen."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.staff import assert_accessible, fits_the_width, sign_in_with_code
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits


@real_commits
def test_an_editor_finds_a_wrong_number_in_the_history_and_undoes_it(staff_page, site):
    editor = make_staff_user("editor", groups=["Content editors"])
    sign_in_with_code(staff_page, site, "editor", authenticator_for(editor))
    staff_page.goto(site + reverse("admin:procedures_clinicdetails_change", args=[1]))
    expect(staff_page.locator("#id_phone")).to_have_value("413-693-2852")
    staff_page.fill("#id_phone", "(413) 555-0199")
    staff_page.click("input[name=_save]")
    staff_page.goto(site + reverse("admin:procedures_clinicdetails_change", args=[1]))
    staff_page.click("a.historylink")

    row = staff_page.locator("#change-history tbody tr").first
    expect(row).to_contain_text("editor")
    expect(row).to_contain_text("Phone: 413-693-2852 → 413-555-0199")
    assert_accessible(staff_page)
    assert fits_the_width(staff_page)

    row.get_by_role("button", name="Undo").click()
    expect(staff_page.locator(".messagelist")).to_contain_text("Undone: the change of")
    staff_page.goto(site + "/")
    expect(staff_page.locator("a[href='tel:+14136932852']").first).to_contain_text("413-693-2852")
