"""A real browser for the suite: Debian's Chromium, driven by Playwright, against a live server.

Without Chromium these tests skip, saying why; with CI set they fail instead,
so a green CI run always includes them.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.factories import load_starter_content

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make are still plain blocking calls, which Django allows with this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NARROW_PHONE = {"width": 320, "height": 640}  # WCAG 1.4.10 reflow: 320 CSS pixels wide
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
# A 1280 x 800 window at 200% page zoom lays the page out in 640 x 400 CSS pixels.
DESKTOP_AT_200_PERCENT = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
# The front desk's devices (issue 11): a 390 px phone and a 1280 px desktop.
STAFF_DEVICES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# The browser context of each device: browser.new_context(**DEVICES["phone"]).
DEVICES = {
    "phone": {"viewport": PHONE, "has_touch": True, "is_mobile": True},
    "desktop": {"viewport": DESKTOP},
}


def pytest_collection_modifyitems(items):
    """Every test in this folder carries the `browser` marker: `pytest -m "not browser"`
    runs the server-side suite alone."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


def missing(what: str, how: str):
    """Skip with the reason, or fail when running in CI."""
    message = f"{what} is not available here: {how}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        missing("Chromium", "apt-get install -y chromium (or set CHROMIUM_PATH)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        _keep_serialized_rollback(before)
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def _keep_serialized_rollback(before: dict) -> None:
    """Once Playwright's event loop runs in this thread, Django's connection registry
    hands out new connection objects here. Give them the copy of the migrated data
    that the test database made at set-up, so tests marked serialized_rollback still
    get the service area and clinic details back after each flush."""
    from django.db import connections

    for alias, old in before.items():
        if hasattr(old, "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = old._test_serialized_contents


@pytest.fixture
def site(live_server):
    """The live server with the clinic's starter content, as after `make run`."""
    load_starter_content()
    return live_server.url


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(**DEVICES["desktop"])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(params=list(DEVICES))
def any_page(request, browser):
    """The same test at phone width (360 x 740, touch) and desktop width (1280 x 800)."""
    context = browser.new_context(**DEVICES[request.param])
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(params=list(STAFF_DEVICES))
def staff_page(request, browser):
    """A staff screen at phone width (390 x 844, touch) and at desktop width (1280 x 800);
    page.device says which."""
    context = browser.new_context(**STAFF_DEVICES[request.param])
    page = context.new_page()
    page.device = request.param
    yield page
    context.close()
