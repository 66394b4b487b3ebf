"""axe-core finds no WCAG 2.0, 2.1 or 2.2 A/AA violation on any public page or state."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import pages
from tests.helpers import real_commits

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@real_commits
@pytest.mark.parametrize("state", list(pages.ALL))
def test_no_axe_violations(any_page, site, state):
    """Every page and state, at phone and desktop width, passes axe's WCAG A and AA rules."""
    pages.ALL[state](any_page, site)
    results = Axe().run(any_page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert results.violations_count == 0, results.generate_report()
    assert len(results.response["passes"]) > 10  # axe really ran its checks
