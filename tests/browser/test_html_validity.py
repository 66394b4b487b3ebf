"""W3C's Nu HTML Checker finds no error in the HTML of any public page or state."""

import json
import shutil
import subprocess
from pathlib import Path

from django.test import override_settings

from tests.browser import pages
from tests.browser.helpers import missing
from tests.helpers import real_commits

VNU = Path(__file__).resolve().parents[2] / "tools/node_modules/vnu-jar/build/dist/vnu.jar"


@real_commits
def test_every_page_is_valid_html(desktop_page, site, tmp_path):
    """The HTML each page and state sends (not the browser's repaired copy) has no errors."""
    if not shutil.which("java"):
        missing("Java", "apt-get install -y default-jre-headless")
    if not VNU.exists():
        missing("The Nu HTML Checker", "npm ci --prefix tools (make test does this)")

    documents = []
    desktop_page.on(
        "response",
        lambda response: (
            documents.append(response) if response.request.resource_type == "document" else None
        ),
    )
    files = {}
    # One browser sends the form in both languages, more often than the limit allows an hour.
    with override_settings(CALLBACK_RATE_LIMIT="100/h"):
        for state, visit in pages.ALL.items():
            documents.clear()
            visit(desktop_page, site)
            html = documents[-1].text()
            path = tmp_path / (
                state.replace(" ", "-").replace(",", "").replace("(", "").replace(")", "") + ".html"
            )
            path.write_text(html)
            files[str(path)] = state

    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert errors == []
    assert len(files) == len(pages.ALL)
