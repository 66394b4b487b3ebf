"""Patients for the benchmarks: real HTTP clients, with cookies, sending the callback form.

`Patient` sends the form again and again from one browser, timing the POST alone
(`make bench`). `Crowd` is many patients at once, each in a thread of its own, for
a set time: each visit is a new browser that loads the form, takes the minimum
fill time to type, sends it and reads the confirmation page (`make bench-faults`).
"""

import itertools
import threading
import time
from dataclasses import dataclass
from http.client import HTTPException

from tests.local_site import FORM_URL, RECEIVED_URL, Browser


def answers(number: int, email: str = "") -> dict:
    """What patient number `number` types: a name and a phone number of their own."""
    return {
        "full_name": f"Bench Patient {number}",
        "phone": f"413-555-{number % 10000:04d}",
        "zip_code": "01103",
        "procedure": "not-sure",
        "best_time": "any_time",
        "call_language": "en",
        "needs_interpreter": "no",
        "consent_to_call": "on",
        "email": email,
        "website": "",
    }


class Patient:
    """A browser sending the callback form: loads it, fills it, sends it."""

    def __init__(self, base: str):
        self.browser = Browser(base)
        self.sent = 0

    def send(self) -> float:
        """Seconds from pressing Send to the POST's answer (the redirect), not the page after."""
        self.sent += 1
        # A new number each time: the same number again from one browser within
        # minutes would be taken as the last request sent again, and not saved.
        answer = self.browser.send_form(FORM_URL, answers(self.sent, email="bench@example.org"))
        if answer.status != 302 or not answer.location.endswith(RECEIVED_URL):
            raise SystemExit(
                f"The callback form was not accepted: {answer.status} {answer.location}"
            )
        return answer.seconds


@dataclass
class Visit:
    """One patient's visit: the form loaded, sent, and the confirmation read."""

    started: float  # time.monotonic()
    statuses: list[int]  # of every answer, in order (form, POST, confirmation)
    form_seconds: float | None = None  # loading the form; None when it failed
    post_seconds: float | None = None  # sending it, to its answer
    confirmed: bool = False  # the POST answered with the redirect to the confirmation
    reference: str = ""  # shown on the confirmation page
    failure: str = ""  # the kind of error when a request got no answer at all


def visit(base: str, number: int, fill_seconds: float, timeout: float = 20) -> Visit:
    """A new patient (a new browser, no cookies yet) sends the form once."""
    browser = Browser(base, timeout=timeout)
    result = Visit(started=time.monotonic(), statuses=[])
    try:
        form = browser.fetch(FORM_URL)
        result.statuses.append(form.status)
        if form.status != 200:
            return result
        result.form_seconds = form.seconds
        time.sleep(fill_seconds)
        sent = browser.fetch(FORM_URL, answers(number) | browser.hidden_fields(form.body))
        result.statuses.append(sent.status)
        result.post_seconds = sent.seconds
        result.confirmed = sent.status == 302 and sent.location.endswith(RECEIVED_URL)
        if not result.confirmed:
            return result
        result.reference = read_reference(browser, result)
    except (OSError, HTTPException) as error:  # refused, reset, timed out, cut short
        result.failure = type(error).__name__
    return result


def read_reference(browser: Browser, result: Visit, tries: int = 3) -> str:
    """The reference on the confirmation page; a page that fails to come is loaded again,
    as a patient would reload it."""
    for attempt in range(tries):
        try:
            page = browser.fetch(RECEIVED_URL)
        except (OSError, HTTPException):
            if attempt == tries - 1:
                raise
            time.sleep(0.5)
            continue
        result.statuses.append(page.status)
        if page.status < 500:
            break
        time.sleep(0.5)
    return browser.reference(page.body)


class Crowd:
    """`patients` patients visiting one after another for `seconds`, all at once.

    Each patient visits once, then again as soon as each visit ends, until the time
    is up; a visit under way then is finished. Starts are spread over the
    first second so that the patients do not all press Send in step.
    """

    def __init__(
        self, base: str, patients: int, seconds: float, fill_seconds: float, timeout: float = 20
    ):
        self.base = base
        self.patients = patients
        self.seconds = seconds
        self.fill_seconds = fill_seconds
        self.timeout = timeout
        self.numbers = itertools.count()
        self.lock = threading.Lock()
        self.visits: list[Visit] = []
        self.threads: list[threading.Thread] = []
        self.started = 0.0

    def start(self) -> "Crowd":
        self.started = time.monotonic()
        for index in range(self.patients):
            thread = threading.Thread(target=self._patient, args=(index,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def _patient(self, index: int) -> None:
        time.sleep(index / self.patients)
        while True:  # at least one visit each, then more until the time is up
            with self.lock:
                number = next(self.numbers)
            try:
                result = visit(self.base, number, self.fill_seconds, self.timeout)
            except Exception as error:  # counted, never a patient silently gone
                result = Visit(started=time.monotonic(), statuses=[], failure=repr(error))
            with self.lock:
                self.visits.append(result)
            if self.elapsed() >= self.seconds:
                return
            if result.failure:
                time.sleep(0.2)  # a patient whose page failed tries again, not at once

    def wait(self) -> list[Visit]:
        for thread in self.threads:
            thread.join()
        return self.visits
