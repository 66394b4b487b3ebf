"""The explainer, as the browser receives it, stays within 40 KB (content images aside)."""

from tests.browser.conftest import live_db

BUDGET = 40 * 1024


@live_db
def test_the_explainer_transfers_at_most_40_kb(phone_page, site):
    """HTML, CSS, scripts and icons together, counted as sent over the wire."""
    responses = []
    phone_page.on("requestfinished", lambda request: responses.append(request))
    phone_page.goto(site + "/procedures/port-placement/", wait_until="networkidle")
    counted = [r for r in responses if r.resource_type != "image" or r.url.endswith(".svg")]
    sizes = {
        r.url: r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in counted
    }
    total = sum(sizes.values())
    print(f"explainer transferred {total} bytes: {sizes}")
    assert any(url.endswith("/procedures/port-placement/") for url in sizes)
    assert any(".css" in url for url in sizes)
    assert total <= BUDGET, sizes
