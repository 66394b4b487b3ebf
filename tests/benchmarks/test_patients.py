"""`make bench`'s callback timing measures the POST alone, not the page it redirects to."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.patients import Patient

FORM = (
    b'<input type="hidden" name="csrfmiddlewaretoken" value="csrf">'
    b'<input type="hidden" name="form_token" value="token">'
)


class Site(BaseHTTPRequestHandler):
    """The callback form's three answers: the form, the redirect, the confirmation."""

    requests: list[str] = []

    def do_GET(self):
        self.requests.append(f"GET {self.path}")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(FORM)

    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.requests.append(f"POST {self.path}")
        self.send_response(302)
        self.send_header("Location", "/request-a-callback/received/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def site():
    Site.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_callback_timing_stops_at_the_redirect(site):
    """The benchmark times pressing Send to the redirect; the confirmation is never fetched."""
    seconds = Patient(site).send()
    assert seconds > 0
    assert Site.requests == ["GET /request-a-callback/", "POST /request-a-callback/"]
