"""The deploy recipe's nginx (deploy/nginx/neec.conf) in front of the real gunicorn, on loopback.

Without nginx (or openssl) these tests skip, saying why; with CI set they fail instead.
"""

import http.client
import os
import re
import shutil
import socket
import sqlite3
import ssl
import subprocess
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from tests.behind_nginx import SERVER_NAME, brotli_available, nginx_binary, running_nginx
from tests.local_site import EXPLAINER, FORM_URL, free_port, prepare, running_site, site_environment

pytestmark = pytest.mark.deploy

# The headers a page may carry more than once.
REPEATABLE = {"set-cookie"}
SECURITY_HEADERS = [
    "content-security-policy",
    "x-frame-options",
    "x-content-type-options",
    "referrer-policy",
    "cross-origin-opener-policy",
    "permissions-policy",
]
# Smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000050001a5f645400000000049454e44ae426082"
)


def missing(what: str, how: str):
    """Skip with the reason, or fail when running in CI."""
    message = f"{what} is not available here: {how}"
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI is set, so this fails instead of skipping)")
    pytest.skip(message)


class Site:
    """gunicorn behind nginx: how to reach each, and the site's data folder."""

    def __init__(self, url: str, cert: Path, gunicorn: str, var_dir: Path):
        self.url = url
        self.port = urllib.parse.urlsplit(url).port
        self.cert = cert
        self.gunicorn = gunicorn
        self.var_dir = var_dir
        self.context = ssl.create_default_context(cafile=str(cert))

    def connection(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection(SERVER_NAME, self.port, context=self.context, timeout=20)

    def request(self, method: str, path: str, body: bytes | None = None, **headers: str):
        """(status, [(name, value), ...] with names in lower case, body) through nginx."""
        connection = self.connection()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            return response.status, [(k.lower(), v) for k, v in response.getheaders()], content
        finally:
            connection.close()

    def get(self, path: str, **headers: str):
        return self.request("GET", path, **headers)


def header(headers: list, name: str) -> str | None:
    values = [value for key, value in headers if key == name]
    return values[0] if values else None


@pytest.fixture(scope="module")
def site():
    if not nginx_binary():
        missing("nginx", "apt-get install -y nginx libnginx-mod-http-brotli-static")
    if not shutil.which("openssl"):
        missing("openssl", "apt-get install -y openssl")
    folder = Path(tempfile.mkdtemp(prefix="neec-nginx-"))
    var_dir = folder / "var"
    https_port, gunicorn_port = free_port(), free_port()
    env = site_environment(
        var_dir,
        gunicorn_port,
        BEHIND_PROXY="true",
        ALLOWED_HOSTS=f"{SERVER_NAME},127.0.0.1",
        SITE_URL=f"https://{SERVER_NAME}:{https_port}",
        CALLBACK_MIN_FILL_SECONDS="0",
    )
    prepare(env)
    (var_dir / "media" / "procedures").mkdir(parents=True, exist_ok=True)
    (var_dir / "media" / "procedures" / "dot.png").write_bytes(PNG)
    try:
        with (
            running_site(env) as gunicorn,
            running_nginx(
                folder / "nginx",
                upstream=f"127.0.0.1:{gunicorn_port}",
                var_dir=var_dir,
                https_port=https_port,
                http_port=free_port(),
            ) as (cert, url),
        ):
            yield Site(url, cert, gunicorn, var_dir)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def stylesheet(site: Site) -> str:
    _, _, body = site.get(EXPLAINER, **{"Accept-Encoding": "identity"})
    return re.search(rb'<link rel="stylesheet" href="([^"]+)"', body).group(1).decode()


def test_pages_are_served_over_tls_through_nginx(site):
    """The home page, the explainer and the form answer 200 through nginx."""
    for path in ("/", EXPLAINER, FORM_URL):
        status, headers, _ = site.get(path)
        assert status == 200, path
        assert header(headers, "server") == "nginx"  # no version number


def test_a_request_for_another_host_name_never_reaches_the_site(site):
    """A made-up Host header gets no answer from nginx; the site never sees it."""
    with pytest.raises(http.client.RemoteDisconnected):
        site.get("/", Host="attacker.example")


def test_http2_is_offered(site):
    """A client that speaks HTTP/2 gets HTTP/2 (ALPN over TLS)."""
    curl = shutil.which("curl")
    version = subprocess.run([curl or "curl", "--version"], capture_output=True, text=True)
    if not curl or "HTTP2" not in version.stdout:
        missing("curl with HTTP/2", "apt-get install -y curl")
    fetch = ["-s", "--http2", "--cacert", str(site.cert), "-o", "/dev/null"]
    answer = subprocess.run(
        [curl, *fetch, "-w", "%{http_version}", site.url + EXPLAINER],
        capture_output=True,
        text=True,
        check=True,
    )
    assert answer.stdout == "2"


def test_static_files_come_from_nginx_compressed_and_kept_a_year(site):
    """A hashed static file: gzip from whitenoise's .gz copy, immutable for a year."""
    css = stylesheet(site)
    status, headers, body = site.get(css, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert header(headers, "content-encoding") == "gzip"
    assert body[:2] == b"\x1f\x8b"
    assert header(headers, "cache-control") == "public, max-age=31536000, immutable"
    assert header(headers, "x-content-type-options") == "nosniff"
    assert header(headers, "x-cache-status") is None  # never went to gunicorn


def test_static_files_in_brotli_when_the_module_is_installed(site):
    """With Debian's brotli module, a browser that accepts br gets whitenoise's .br copy."""
    if not brotli_available():
        missing("nginx's brotli module", "apt-get install -y libnginx-mod-http-brotli-static")
    status, headers, _ = site.get(stylesheet(site), **{"Accept-Encoding": "gzip, br"})
    assert status == 200
    assert header(headers, "content-encoding") == "br"


def test_a_static_name_without_a_hash_is_kept_one_minute(site):
    """The unhashed copy of a static file may change at the next release: a minute only."""
    status, headers, _ = site.get("/static/css/site.css")
    assert status == 200
    assert header(headers, "cache-control") == "public, max-age=60"


def test_uploaded_pictures_come_from_nginx_and_nothing_else_in_media(site):
    """A picture in VAR_DIR/media is served with its own headers; any other file is not."""
    status, headers, body = site.get("/media/procedures/dot.png")
    assert (status, body) == (200, PNG)
    assert header(headers, "content-type") == "image/png"
    assert "sandbox" in header(headers, "content-security-policy")
    (site.var_dir / "media" / "page.html").write_text("<script>alert(1)</script>")
    assert site.get("/media/page.html")[0] == 404


@pytest.mark.parametrize("path", ["/", EXPLAINER, FORM_URL, "/admin/login/", "static"])
def test_every_header_is_sent_once(site, path):
    """Django's security headers reach the browser once each; nginx adds no second copy."""
    path = stylesheet(site) if path == "static" else path
    for _ in range(2):  # the second answer of a public page comes from nginx's cache
        status, headers, _ = site.get(path, **{"Accept-Encoding": "gzip"})
        assert status == 200
        names = [name for name, _ in headers if name not in REPEATABLE]
        assert len(names) == len(set(names)), sorted(names)
    if path != stylesheet(site):
        assert all(header(headers, name) for name in SECURITY_HEADERS)


def test_a_public_page_is_served_from_nginx_cache(site):
    """The explainer, kept a second by nginx (the site's X-Accel-Expires), is answered by nginx
    the second time; browsers are told to ask again each time, and never see that header."""
    site.get(EXPLAINER, **{"Accept-Encoding": "gzip"})
    status, headers, body = site.get(EXPLAINER, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert header(headers, "x-cache-status") == "HIT"
    assert header(headers, "content-encoding") == "gzip"
    assert header(headers, "cache-control") == "public, max-age=0, must-revalidate"
    assert header(headers, "x-accel-expires") is None
    # A client that does not take gzip gets its own copy, not the compressed one.
    status, headers, body = site.get(EXPLAINER, **{"Accept-Encoding": "identity"})
    assert header(headers, "content-encoding") is None
    assert b"<html" in body


def test_a_signed_in_visitor_never_gets_or_fills_the_cache(site):
    """With a session cookie (staff), the page comes from the site, not from nginx's copy."""
    site.get(EXPLAINER)
    _, headers, _ = site.get(EXPLAINER, Cookie="sessionid=abc")
    assert header(headers, "x-cache-status") == "BYPASS"


@pytest.mark.parametrize("path", [FORM_URL, "/es" + FORM_URL, "/admin/login/"])
def test_the_form_and_the_admin_are_never_cached(site, path):
    """The callback form, in English and in Spanish, and the staff site always come from
    gunicorn, fresh."""
    tokens = set()
    for _ in range(3):
        status, headers, body = site.get(path)
        assert status == 200
        assert header(headers, "x-cache-status") is None
        assert "no-store" in header(headers, "cache-control")
        tokens.add(re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1))
    assert len(tokens) == 3  # each a new page


def test_a_20_mb_post_is_refused_by_nginx_in_plain_words(site):
    """A body over client_max_body_size is refused by nginx (413), before gunicorn sees it."""
    connection = site.connection()
    try:
        connection.putrequest("POST", FORM_URL)
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(20 * 1024 * 1024))
        connection.endheaders()
        response = connection.getresponse()
        body = response.read().decode()
    finally:
        connection.close()
    assert response.status == 413
    assert "A picture may be up to 5 MB" in body
    assert response.getheader("Content-Security-Policy") is None  # not the site's answer


def test_a_body_the_size_of_the_largest_picture_reaches_the_site(site):
    """5 MB and a form around it pass nginx; the site itself decides what to do with it."""
    boundary = "neec-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + b"\0" * (5 * 1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, headers, _ = site.request(
        "POST", FORM_URL, body, **{"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    assert header(headers, "content-security-policy"), status  # answered by Django


def failed_sign_in(base: str, context, username: str, forwarded_for: str) -> None:
    """A wrong password for username, sent with a made-up X-Forwarded-For."""
    import http.cookiejar
    import urllib.request

    cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    opener = urllib.request.build_opener(cookies, urllib.request.HTTPSHandler(context=context))
    with opener.open(base + "/admin/login/", timeout=20) as response:
        page = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": "not-the-password"}
    ).encode()
    request = urllib.request.Request(
        base + "/admin/login/",
        data=body,
        headers={"Referer": base + "/admin/login/", "X-Forwarded-For": forwarded_for},
    )
    with opener.open(request, timeout=20) as response:
        response.read()


def test_the_site_sees_the_real_client_address_not_a_made_up_one(site):
    """A client's own X-Forwarded-For is replaced by nginx: the site counts 127.0.0.1."""
    failed_sign_in(site.url, site.context, "through-nginx", "203.0.113.7")
    # The same request straight to gunicorn would be believed: the check can tell them apart.
    failed_sign_in(site.gunicorn, None, "straight-to-gunicorn", "203.0.113.7")
    with sqlite3.connect(site.var_dir / "db.sqlite3") as db:
        seen = dict(db.execute("SELECT username, ip_address FROM axes_accessfailurelog"))
    assert seen == {"through-nginx": "127.0.0.1", "straight-to-gunicorn": "203.0.113.7"}


class SlowPost:
    """A connection that sends a POST's headers, then its body a byte at a time."""

    def __init__(self, site: Site, length: int = 200):
        raw = socket.create_connection(("127.0.0.1", site.port), timeout=20)
        self.sock = site.context.wrap_socket(raw, server_hostname=SERVER_NAME)
        self.sock.sendall(
            (
                f"POST {FORM_URL} HTTP/1.1\r\nHost: {SERVER_NAME}:{site.port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {length}\r\n\r\n"
            ).encode()
        )

    def trickle(self, stop: threading.Event, every: float = 0.5) -> None:
        while not stop.wait(every):
            try:
                self.sock.sendall(b"a")
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()


def test_slow_clients_do_not_keep_patients_waiting(site):
    """8 connections trickling a form body in: every patient still gets the form within 2 s."""
    stop = threading.Event()
    slow = [SlowPost(site) for _ in range(8)]
    threads = [threading.Thread(target=s.trickle, args=(stop,), daemon=True) for s in slow]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)  # every slow body has started
        seconds = []
        for _ in range(10):
            started = time.perf_counter()
            status, _, _ = site.get(FORM_URL)
            seconds.append(time.perf_counter() - started)
            assert status == 200
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        for connection in slow:
            connection.close()
    assert max(seconds) < 2, seconds


def test_one_address_is_refused_more_than_64_connections_at_once(site):
    """limit_conn: the 65th connection from one address is told 429, in plain words."""
    slow = [SlowPost(site) for _ in range(64)]
    try:
        time.sleep(0.5)  # nginx has read every request's headers
        status, _, body = site.get("/")
        assert status == 429
        assert b"Too many connections from your address" in body
    finally:
        for connection in slow:
            connection.close()
    time.sleep(0.5)
    assert site.get("/")[0] == 200


def test_nginx_never_gives_a_cached_english_home_to_a_browser_that_prefers_spanish(site):
    """nginx keeps a copy of the home page per Accept-Language (the site's Vary), and the
    redirect to /es/ is never kept: a Spanish-preferring first visit is always sent on."""
    english = {"Accept-Language": "en-US,en;q=0.9"}
    site.get("/", **english)
    status, headers, _ = site.get("/", **english)
    assert (status, header(headers, "x-cache-status")) == (200, "HIT")
    for _ in range(2):
        status, headers, _ = site.get("/", **{"Accept-Language": "es-PR,es;q=0.9"})
        assert status == 302
        assert header(headers, "location") == "/es/"
        assert header(headers, "x-cache-status") != "HIT"


def test_nginx_keeps_the_english_and_spanish_explainers_apart(site):
    site.get(EXPLAINER)
    site.get("/es" + EXPLAINER)
    _, headers, english = site.get(EXPLAINER)
    _, spanish_headers, spanish = site.get("/es" + EXPLAINER)
    assert header(headers, "x-cache-status") == header(spanish_headers, "x-cache-status") == "HIT"
    assert b'<html lang="en">' in english
    assert b'<html lang="es">' in spanish
