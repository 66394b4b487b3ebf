"""The editors' list of pages fits the screen, with its Spanish and preview columns."""

from django.urls import reverse

from tests.browser.staff import fits_the_width, sign_in_with_code
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits


@real_commits
def test_the_procedure_list_fits_a_desktop_screen_with_the_sidebar_open(desktop_page, site):
    """At 1280 px nothing scrolls sideways: the Preview column is a short link."""
    editor = make_staff_user("editor", groups=["Content editors"])
    sign_in_with_code(desktop_page, site, "editor", authenticator_for(editor))
    desktop_page.goto(site + reverse("admin:procedures_procedure_changelist"))
    assert desktop_page.is_visible("#nav-sidebar")
    assert desktop_page.is_visible("td.field-spanish_status")
    assert desktop_page.text_content("td.field-preview a") == "Preview"
    assert fits_the_width(desktop_page)
