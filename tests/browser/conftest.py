"""A real browser for the suite: Debian's Chromium, driven by Playwright, against a live server.

Without Chromium these tests skip, saying why; with CI set they fail instead,
so a green CI run always includes them.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.helpers import (
    CHROMIUM,
    DEVICES,
    LAUNCH_ARGS,
    STAFF_DEVICES,
    keep_serialized_rollback,
    missing,
)
from tests.factories import load_starter_content

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make are still plain blocking calls, which Django allows with this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """Every test in this folder carries the `browser` marker: `pytest -m "not browser"`
    runs the server-side suite alone."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        missing("Chromium", "apt-get install -y chromium (or set CHROMIUM_PATH)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    before = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        keep_serialized_rollback(before)
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


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
