"""The explainer, in English and in Spanish, as the browser receives it from production,
stays within 40 KB.

Measured on the stack `make run` starts (gunicorn, whitenoise's precompressed
static files, Django's GZip middleware, production settings), not on Django's
test server, which compresses nothing. Content images are left aside.
"""

import pytest

from tests import local_site
from tests.browser.helpers import DEVICES
from tests.local_site import (
    EXPLAINER,
    EXPLAINER_BUDGET,
    SPANISH_EXPLAINER,
    free_port,
    site_environment,
)


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """gunicorn and whitenoise with the starter content, in a throw-away data folder."""
    env = site_environment(tmp_path_factory.mktemp("weight"), free_port())
    # The explainer loads none of the admin's files; compressing them takes seconds.
    local_site.prepare(env, "--ignore", "admin")
    with local_site.running_site(env) as base:
        yield base


@pytest.mark.parametrize("explainer", [EXPLAINER, SPANISH_EXPLAINER])
def test_the_explainer_transfers_at_most_40_kb_from_gunicorn(browser, production_site, explainer):
    """HTML, CSS, scripts and the favicon together, compressed, counted as sent over the wire;
    for the English page and for the Spanish one."""
    context = browser.new_context(**DEVICES["phone"])
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    response = page.goto(production_site + explainer, wait_until="networkidle")
    assert response.status == 200
    assert page.get_attribute("html", "lang") == ("es" if explainer == SPANISH_EXPLAINER else "en")
    icon = page.get_attribute("link[rel=icon]", "href")
    if not any(request.url.endswith(icon) for request in finished):
        # Chromium fetches the icon after the page; fetch it here if it has not yet,
        # and wait until Playwright has reported that request as finished.
        with page.expect_request_finished(lambda request: request.url.endswith(icon)):
            page.evaluate("href => fetch(href, {cache: 'no-store'}).then(r => r.blob())", icon)

    counted = [r for r in finished if r.resource_type != "image" or r.url.endswith(".svg")]
    sizes, encodings = {}, {}
    for request in counted:
        wire = request.sizes()
        path = request.url.removeprefix(production_site)
        sizes[path] = wire["responseBodySize"] + wire["responseHeadersSize"]
        encodings[path] = request.response().headers.get("content-encoding", "none")
    context.close()
    total = sum(sizes.values())
    print(
        f"\n{explainer} on gunicorn+whitenoise: {total} bytes ({total / 1024:.1f} KB) transferred"
    )
    for path, size in sizes.items():
        print(f"  {size:>6}  {encodings[path]:<5} {path}")

    assert explainer in sizes
    css = [path for path in sizes if path.endswith(".css")]
    assert css and all(encodings[path] in {"br", "gzip"} for path in css), encodings
    assert encodings[explainer] in {"br", "gzip"}, encodings
    assert icon in sizes, f"the favicon {icon} was not counted"
    assert total <= EXPLAINER_BUDGET, sizes
