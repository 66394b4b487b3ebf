"""The editors' screens, now with Spanish beside English, ask no other origin for anything."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from procedures.models import ClinicDetails, Procedure
from tests.browser.staff import sign_in_with_code
from tests.factories import authenticator_for, make_staff_user
from tests.helpers import real_commits


@real_commits
@pytest.mark.parametrize("screen", ["procedure", "clinic details"])
def test_the_edit_pages_make_no_request_to_another_host(desktop_page, site, screen):
    """A content editor's procedure and clinic-details pages load only from the site itself."""
    editor = make_staff_user("editor", groups=["Content editors"])
    sign_in_with_code(desktop_page, site, "editor", authenticator_for(editor))
    requested = []
    desktop_page.on("request", lambda request: requested.append(request.url))
    path = {
        "procedure": reverse(
            "admin:procedures_procedure_change", args=[Procedure.objects.get().pk]
        ),
        "clinic details": reverse(
            "admin:procedures_clinicdetails_change", args=[ClinicDetails.objects.get().pk]
        ),
    }[screen]
    desktop_page.goto(site + path)
    desktop_page.wait_for_load_state("networkidle")
    assert desktop_page.is_visible("#content h1")
    if screen == "procedure":
        assert desktop_page.is_visible("label[for=id_title_es]")
    own = urlsplit(site).netloc
    elsewhere = [
        url for url in requested if not url.startswith("data:") and urlsplit(url).netloc != own
    ]
    assert any(url.endswith(".js") for url in requested)
    assert elsewhere == []
