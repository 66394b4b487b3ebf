"""gunicorn as `make run` and production run it (config/gunicorn.py), on a real port.

Slow clients cannot starve the site: connections that send a form body a byte a
second hold a thread each, not a whole worker, and patients are still answered.
"""

import select
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from tests import local_site
from tests.local_site import EXPLAINER, FORM_URL, free_port, site_environment

SLOW_CLIENTS = 8
PATIENTS = 3
SECONDS = 5


@pytest.fixture(scope="module")
def prepared_env(tmp_path_factory):
    env = site_environment(tmp_path_factory.mktemp("var"), free_port())
    local_site.prepare(env)
    return env


@pytest.fixture(scope="module")
def site(prepared_env):
    """The site on gunicorn with config/gunicorn.py and its default workers and threads."""
    with local_site.running_site(prepared_env) as base:
        yield base


class SlowClient(threading.Thread):
    """A browser that loaded the form (so it has the CSRF cookie, and Django reads its body),
    then sends the form's headers at once and its body a byte a second."""

    def __init__(self, base: str, stop: threading.Event):
        super().__init__(daemon=True)
        self.address = ("127.0.0.1", int(base.rsplit(":", 1)[1]))
        with urllib.request.urlopen(base + FORM_URL, timeout=10) as response:
            self.cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        assert self.cookie.startswith("csrftoken=")
        self.stop = stop
        self.sent = 0
        self.answered_early = False

    def run(self):
        with socket.create_connection(self.address, timeout=10) as connection:
            connection.sendall(
                f"POST {FORM_URL} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {self.cookie}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                "Content-Length: 1000\r\n\r\n".encode()
            )
            while not self.stop.wait(1):
                if select.select([connection], [], [], 0)[0]:  # an answer, or closed
                    self.answered_early = True
                    return
                connection.sendall(b"a")
                self.sent += 1


def load(base: str, path: str) -> tuple[int | str, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            response.read()
            status = response.status
    except OSError as error:
        status = repr(error)
    return status, time.perf_counter() - started


def test_patients_are_answered_within_2_seconds_while_8_clients_trickle_bodies(site):
    """With 8 connections sending a form body at one byte a second, patients loading the
    explainer and the form all get them, each within 2 seconds."""
    stop = threading.Event()
    slow = [SlowClient(site, stop) for _ in range(SLOW_CLIENTS)]
    for client in slow:
        client.start()
    time.sleep(1.5)  # every slow client is in, its body half-way
    answers = []

    def patient():
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            for path in (EXPLAINER, FORM_URL):
                answers.append((path, *load(site, path)))

    patients = [threading.Thread(target=patient) for _ in range(PATIENTS)]
    try:
        for thread in patients:
            thread.start()
        for thread in patients:
            thread.join()
    finally:
        stop.set()
        for client in slow:
            client.join()
    assert not any(client.answered_early for client in slow), "the site did not wait for a body"
    assert all(client.sent >= SECONDS for client in slow)
    late = [
        (path, status, round(seconds, 2))
        for path, status, seconds in answers
        if status != 200 or seconds > 2
    ]
    assert len(answers) >= 2 * PATIENTS and late == []


def test_gunicorn_stops_within_seconds(prepared_env):
    """SIGTERM (a stop or restart) ends gunicorn and its workers within seconds: its workers
    do not spend long collecting what the master loaded before they were forked."""
    env = prepared_env | {"PORT": str(free_port())}
    gunicorn = subprocess.Popen(
        [str(local_site.BIN / "gunicorn"), "config.wsgi", "--config", "config/gunicorn.py"],
        cwd=local_site.ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local_site.wait_for_site(f"http://127.0.0.1:{env['PORT']}", 60)
        time.sleep(1)  # both workers up
        started = time.monotonic()
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        assert time.monotonic() - started < 4
    finally:
        gunicorn.kill()
        gunicorn.wait()
