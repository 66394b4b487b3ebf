"""No public page asks any other origin for anything: no fonts, scripts or trackers."""

from urllib.parse import urlsplit

import pytest

from tests.browser import pages
from tests.helpers import real_commits


@real_commits
@pytest.mark.parametrize("state", list(pages.ALL))
def test_no_request_leaves_the_site(desktop_page, site, state):
    """Every request a page makes goes to the site itself (or is inline data)."""
    requested = []
    desktop_page.on("request", lambda request: requested.append(request.url))
    pages.ALL[state](desktop_page, site)
    desktop_page.wait_for_load_state("networkidle")
    own = urlsplit(site).netloc
    elsewhere = [
        url for url in requested if not url.startswith("data:") and urlsplit(url).netloc != own
    ]
    assert requested, "the page made no requests at all"
    assert elsewhere == []
