"""`make run`'s stack under supervisord (config/supervisord.conf): a crash is contained and
repaired.

The stack is started as `make run` starts it (tests/local_site.py's supervised_site):
production settings, its own data folder, a real SMTP server on loopback. The task worker
and the scheduler are killed with SIGKILL, as the out-of-memory killer would, while
patients use the site.
"""

import asyncio
import os
import shutil
import threading
import time
import urllib.request

import pytest
from aiosmtpd.controller import Controller

from tests import local_site
from tests.appointments.helpers import PATIENT, Inbox
from tests.local_site import FORM_URL, Browser, free_port, site_environment

ANSWERS = PATIENT | {
    "email": "",
    "best_time": "any_time",
    "call_language": "en",
    "needs_interpreter": "no",
    "consent_to_call": "on",
    "website": "",
}


class HoldFirstMessage(Inbox):
    """An SMTP server that never answers the first message it is sent (the sender waits,
    mid-send, until it gives up or dies), and takes every later one."""

    def __init__(self):
        super().__init__()
        self.holding = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.holding.is_set():
            self.holding.set()
            await asyncio.sleep(3600)
        return await super().handle_DATA(server, session, envelope)


class Watcher(threading.Thread):
    """A patient reloading /healthz and the callback form, every 0.1 s, until stopped."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base = base
        self.answers: list[tuple[str, int | str]] = []
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.is_set():
            for path in ("/healthz", FORM_URL):
                try:
                    with urllib.request.urlopen(self.base + path, timeout=5) as response:
                        self.answers.append((path, response.status))
                except OSError as error:
                    self.answers.append((path, repr(error)))
            time.sleep(0.1)

    def failures(self) -> list:
        return [answer for answer in self.answers if answer[1] != 200]


@pytest.fixture
def smtp():
    handler = HoldFirstMessage()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller.port, handler
    controller.stop()


@pytest.fixture(scope="module")
def prepared_folder(tmp_path_factory):
    """A data folder as `make run` leaves it (migrated, starter content, static files),
    made once and copied for each test."""
    folder = tmp_path_factory.mktemp("prepared")
    local_site.prepare(site_environment(folder, free_port()))
    return folder


@pytest.fixture
def stack_env(tmp_path, prepared_folder, smtp):
    port, _ = smtp
    var_dir = tmp_path / "var"
    shutil.copytree(prepared_folder, var_dir)
    return site_environment(
        var_dir,
        free_port(),
        EMAIL_URL=f"smtp://127.0.0.1:{port}?timeout=120",
        CALLBACK_MIN_FILL_SECONDS="0",
    )


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (dead, not yet reaped) counts as gone.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_killed_worker_and_scheduler_come_back_and_no_email_or_task_is_lost(stack_env, smtp):
    """SIGKILL the worker while it is sending an email, then the scheduler: the site answers
    every request throughout, each comes back within seconds, the email being sent and one
    asked for while the worker was down both arrive, and no task is left running."""
    _, inbox = smtp
    with local_site.supervised_site(stack_env) as site:
        watcher = Watcher(site.base)
        watcher.start()
        try:
            assert Browser(site.base).send_form(FORM_URL, ANSWERS).status == 302
            assert inbox.holding.wait(30), "the worker never started sending the email"
            assert site.task_statuses().get("RUNNING") == 1

            killed = site.kill("worker")
            started = time.monotonic()
            second = ANSWERS | {"phone": "(413) 555-0199"}
            assert Browser(site.base).send_form(FORM_URL, second).status == 302
            site.wait_back("worker", killed, seconds=10)
            worker_back = time.monotonic() - started

            killed = site.kill("scheduler")
            started = time.monotonic()
            site.wait_back("scheduler", killed, seconds=10)
            scheduler_back = time.monotonic() - started

            messages = inbox.wait_for(2, timeout=60)
        finally:
            watcher.stopped.set()
            watcher.join()
        output = site.output()
        assert len(messages) == 2, output[-3000:]
        assert all(m["Subject"].startswith("New callback request CB-") for m in messages)
        assert len({m["Subject"] for m in messages}) == 2  # one email for each request
        assert site.task_statuses().get("RUNNING") is None
        assert worker_back < 5 and scheduler_back < 5
        # It kept asking throughout (a quick restart leaves time for few rounds) and never failed.
        assert len(watcher.answers) >= 10 and watcher.failures() == []
        assert "exited: worker (terminated by SIGKILL" in output
        assert "was lost: its worker" in output


def test_stopping_the_stack_as_ctrl_c_does_ends_every_process_within_seconds(stack_env):
    """Ctrl-C (SIGINT to supervisord) stops gunicorn and its workers, the worker and the
    scheduler, gracefully and within seconds."""
    with local_site.supervised_site(stack_env) as site:
        deadline = time.monotonic() + 30  # on a busy machine the second worker boots later
        while len(site.gunicorn_workers()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        pids = [site.pid(program) for program in local_site.PROGRAMS]
        pids += site.gunicorn_workers()
        assert len(pids) == 5 and all(alive(pid) for pid in pids)
        started = time.monotonic()
    stopped_in = time.monotonic() - started
    print(f"stopped in {stopped_in:.1f} s")
    assert site.supervisord.returncode == 0
    assert not any(alive(pid) for pid in pids)
    assert stopped_in < 20
    output = site.output()
    for program in local_site.PROGRAMS:
        assert f"stopped: {program} (" in output
    assert "stopped: web (exit status 0)" in output  # gunicorn's graceful stop, not a kill
