"""Raw bytes sent to the real gunicorn, as `make run` serves the site: every hostile request
gets a 4xx (the site's plain page when Django answers, gunicorn's own bare answer when it
refuses the request itself), nothing is saved, and the log has warnings only."""

import re
import socket
import subprocess
from urllib.parse import urlencode

import pytest

from tests import local_site
from tests.appointments.test_running_site import scratch_database_url  # noqa: F401 (a fixture)
from tests.local_site import FORM_URL, free_port, site_environment

HOST = b"Host: 127.0.0.1\r\n"
CLOSE = b"Connection: close\r\n"
SITE_PAGE = "We could not read what was sent"


def exchange(port: int, data: bytes) -> bytes:
    """Send raw bytes on a new connection and read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:  # the server answered and closed before reading all of it
            pass
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


@pytest.fixture
def site(tmp_path, scratch_database_url):  # noqa: F811
    """The site under gunicorn with production settings; its log goes to a file."""
    port = free_port()
    env = site_environment(
        tmp_path,
        port,
        LOG_LEVEL="INFO",
        CALLBACK_MIN_FILL_SECONDS="0",
        **({"DATABASE_URL": scratch_database_url} if scratch_database_url else {}),
    )
    local_site.prepare(env)
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log, local_site.running_site(env, log=log):
        yield env, port, log_path


def form_post(page: bytes, body: bytes, content_type: bytes) -> bytes:
    """A POST of the form with the CSRF cookie of the page it was loaded from."""
    cookie = re.search(rb"csrftoken=([^;]+)", page)[1]
    return (
        b"POST " + FORM_URL.encode() + b" HTTP/1.1\r\n" + HOST + CLOSE
        + b"Cookie: csrftoken=" + cookie + b"\r\n"
        + b"Content-Type: " + content_type + b"\r\n"
        + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
    )  # fmt: skip


def saved_requests(env) -> int:
    out = subprocess.run(
        [str(local_site.BIN / "python"), "manage.py", "shell", "-c",
         "from appointments.models import CallbackRequest as C; print(C.objects.count())"],
        cwd=local_site.ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return int(out.stdout.split()[-1])


def test_hostile_raw_requests_get_a_4xx_and_leave_only_warnings(site):
    """Other charsets, a bad Host, raw invalid bytes, too many fields, too large, and requests
    gunicorn itself refuses: each a 4xx, nothing saved, no ERROR nor traceback logged."""
    env, port, log_path = site
    page = exchange(port, b"GET " + FORM_URL.encode() + b" HTTP/1.1\r\n" + HOST + CLOSE + b"\r\n")
    hidden = dict(re.findall(rb'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', page))
    answers = {
        "full_name": "José Núñez",
        "phone": "413-555-0123",
        "zip_code": "01103",
        "procedure": "not-sure",
        "best_time": "weekday_morning",
        "call_language": "en",
        "needs_interpreter": "no",
        "consent_to_call": "on",
        **{name.decode(): value.decode() for name, value in hidden.items()},
    }
    form = urlencode(answers).encode()
    urlencoded = b"application/x-www-form-urlencoded"

    # Answered by Django: the site's own page.
    by_the_site = {
        "latin-1 body": form_post(
            page, urlencode(answers, encoding="latin-1").encode(), urlencoded + b"; charset=latin-1"
        ),
        "utf-16 body": form_post(
            page, urlencode(answers).encode("utf-16"), urlencoded + b"; charset=utf-16"
        ),
        "a Host the site does not serve": b"GET / HTTP/1.1\r\nHost: attacker.example\r\n"
        + CLOSE
        + b"\r\n",
        "NUL in a cookie (a 500 on PostgreSQL before)": b"GET / HTTP/1.1\r\n"
        + HOST
        + CLOSE
        + b'Cookie: sessionid="abcdefgh\\000"\r\n\r\n',
        "NUL in the query string": b"GET /?q=%00 HTTP/1.1\r\n" + HOST + CLOSE + b"\r\n",
        "too many fields": form_post(page, form + b"&x=1" * 1100, urlencoded),
        "a body too large": form_post(page, form + b"&x=" + b"a" * 2_700_000, urlencoded),
        "multipart without a boundary": form_post(page, b"--x\r\nzz", b"multipart/form-data"),
    }
    # Refused by gunicorn before the site sees them.
    by_gunicorn = {
        "raw invalid UTF-8 in the path": b"GET /\xff\xfe/ HTTP/1.1\r\n" + HOST + CLOSE,
        "raw invalid UTF-8 in the query": b"GET /?a=\xff HTTP/1.1\r\n" + HOST + CLOSE,
        "a search with a name, then raw bytes": b"GET /admin/?q=Maria+Lopez&x=\xff HTTP/1.1\r\n"
        + HOST + CLOSE,
        "NUL in a header": b"GET / HTTP/1.1\r\n" + HOST + b"X-A: a\x00b\r\n" + CLOSE,
        "a garbage request line": b"\x00\x01\x02 garbage\r\n",
        "a request line too long": b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n" + HOST,
        "too many headers": b"GET / HTTP/1.1\r\n" + HOST + b"X-A: 1\r\n" * 200,
        "a Content-Length that is no number": b"POST / HTTP/1.1\r\n" + HOST
        + b"Content-Length: abc\r\n",
        "Content-Length and chunked together": b"POST / HTTP/1.1\r\n" + HOST
        + b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n",
    }  # fmt: skip
    for name, request in by_the_site.items():
        answer = exchange(port, request)
        assert 400 <= status_of(answer) < 500, name
        assert SITE_PAGE in answer.decode("utf-8", "replace"), name
    for name, request in by_gunicorn.items():
        answer = exchange(port, request + b"\r\n")
        assert 400 <= status_of(answer) < 500, name

    # Invalid UTF-8, percent-encoded in a form body: read as U+FFFD and refused on the field.
    answer = exchange(port, form_post(page, form + b"&full_name=Jos%E9", urlencoded))
    assert status_of(answer) == 200
    assert 'id="id_full_name_error"' in answer.decode()

    assert saved_requests(env) == 0
    log = log_path.read_text(errors="replace")
    assert "ERROR" not in log
    assert "Traceback" not in log
    assert "Invalid HTTP_HOST header" in log  # the refusals are still there, as warnings
    assert "Invalid request refused by gunicorn" in log
    # ... without the client's address or the request line as sent (a search for a name).
    assert "Maria" not in log
    assert "ip=" not in log
