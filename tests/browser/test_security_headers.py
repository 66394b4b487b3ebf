"""Chromium takes the site's security headers without a complaint: every feature the
Permissions-Policy turns off is one it knows, and nothing breaks the Content-Security-Policy."""

import pytest

from tests.helpers import real_commits


@real_commits
@pytest.mark.parametrize("path", ["/", "/procedures/port-placement/", "/admin/login/"])
def test_the_browser_reports_no_problem_with_the_headers(desktop_page, site, path):
    """No console message about the Permissions-Policy or a Content-Security-Policy violation."""
    messages = []
    desktop_page.on("console", lambda message: messages.append(message.text))
    desktop_page.goto(site + path)
    desktop_page.wait_for_load_state("networkidle")
    problems = [
        text for text in messages if "Permissions-Policy" in text or "Content Security" in text
    ]
    assert problems == []
