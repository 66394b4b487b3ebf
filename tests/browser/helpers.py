"""Helpers for the browser tests: the Chromium to launch, the devices a page is seen on,
and skipping (or failing, in CI) when something the tests need is not installed."""

import os

import pytest

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


def missing(what: str, how: str):
    """Skip with the reason, or fail when running in CI."""
    message = f"{what} is not available here: {how}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)")
    pytest.skip(message)


def keep_serialized_rollback(before: dict) -> None:
    """Once Playwright's event loop runs in this thread, Django's connection registry
    hands out new connection objects here. Give them the copy of the migrated data
    that the test database made at set-up, so tests marked serialized_rollback still
    get the service area and clinic details back after each flush."""
    from django.db import connections

    for alias, old in before.items():
        if hasattr(old, "_test_serialized_contents"):
            connections[alias]._test_serialized_contents = old._test_serialized_contents
