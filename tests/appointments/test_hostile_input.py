"""Thousands of hostile values sent to every field of the callback form (hypothesis).

Whatever is sent: never a 5xx; a refusal shows a plain message (on the field it is about,
or a plain page for a body that cannot be read) and keeps what was typed; nothing is saved
half-way: a refused form leaves the rows as they were, an accepted one adds exactly one
request and its emails. `make fuzz` runs the same properties with many more examples.
"""

import time
import uuid
from urllib.parse import urlencode

import pytest
from django.core import signing
from django.http import QueryDict
from django.test import Client
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from appointments import form_tokens
from appointments.forms import CallbackRequestForm
from appointments.models import CallbackRequest, Notification
from appointments.typed_text import refused_characters
from tests.appointments.helpers import TEST_BROWSER, error_summary, form_page, opened_the_form
from tests.helpers import examples
from tests.hostile_values import (
    DJANGO_DEFAULT_WORDS,
    around,
    as_the_site_reads,
    encode,
    hostile_text,
    hostile_value,
    is_printable,
)
from tests.local_site import FORM_URL

pytestmark = pytest.mark.django_db

URLENCODED = "application/x-www-form-urlencoded"
GOOD = {
    "full_name": "Maria Lopez",
    "phone": "(413) 555-0123",
    "zip_code": "01103",
    "procedure": "not-sure",
    "best_time": "weekday_morning",
    "call_language": "other",
    "call_language_other": "Português",
    "needs_interpreter": "yes",
    "email": "maria@example.org",
    "consent_to_call": "on",
    "consent_to_voicemail": "on",
    "consent_to_text": "",
    "website": "",
}
TEXT_BOXES = {
    "full_name",
    "phone",
    "zip_code",
    "email",
    "call_language_other",
}  # shown again as typed
# Where a refusal of each field is said: on its own box, or (boxes nobody sees, a token)
# at the top of the form.
SAID_AT_THE_TOP = {"website", "form_token"}


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    settings.CALLBACK_RATE_LIMIT = "1000000/h"


def new_browser() -> tuple[Client, str]:
    """A patient's browser that has just opened the form, and its key."""
    browser = uuid.uuid4().hex
    return opened_the_form(Client(), browser=browser), browser


def counts() -> tuple[int, int]:
    return CallbackRequest.objects.count(), Notification.objects.count()


def send(client, pairs, content_type=URLENCODED):
    return client.generic("POST", FORM_URL, encode(pairs), content_type=content_type)


def check_answer(response, before, *, field=None, typed=None):
    """The properties every answer to the form must have."""
    assert response.status_code < 500
    requests, notifications = counts()
    if response.status_code == 302:
        saved = CallbackRequest.objects.order_by("-pk").first()
        assert requests in (before[0], before[0] + 1)  # new, or the same request once
        if requests == before[0] + 1:
            assert notifications - before[1] == (2 if saved.email else 1)
        texts = (saved.full_name, saved.email, saved.zip_code, str(saved.phone))
        for text in (*texts, saved.call_language_other):
            assert refused_characters(text) == []
        assert saved.zip_code.isdigit() and len(saved.zip_code) == 5
        assert saved.phone.as_e164.startswith("+1")
        return
    assert (requests, notifications) == before, "a refused form saved something"
    if response.status_code in (400, 413):
        assert "We could not read what was sent" in response.content.decode()
        return
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors, "a form sent back must say why"
    shown = [message for _, message in error_summary(response)]
    for messages in form.errors.values():
        for message in messages:
            assert message in shown, f"{message!r} is not shown"
            assert not DJANGO_DEFAULT_WORDS.search(message), message
    if field is not None:
        where = "__all__" if field in SAID_AT_THE_TOP else field
        assert set(form.errors) <= {where, "__all__"}, form.errors
    if field in TEXT_BOXES and field in form.errors and is_printable(typed):
        assert form_page(response).find(id=f"id_{field}").get("value", "") == typed


def field_values(field: str):
    return around(GOOD.get(field) or "x")


fields = st.sampled_from([*GOOD, "form_token"])


@hypothesis_settings(max_examples=examples(40))
@pytest.mark.parametrize("field", [*GOOD, "form_token"])
@given(data=st.data())
def test_each_field_refuses_hostile_values_on_its_own_box(field, data):
    """Per field, a few hundred values read by the form as the site reads a body: any refusal
    is a plain message on that field (or at the top for the hidden ones), in no Django words;
    anything accepted is clean."""
    value = data.draw(field_values(field), label=field)
    pairs = {**GOOD, "form_token": form_tokens.issue(browser=TEST_BROWSER), field: value}
    form = CallbackRequestForm(QueryDict(encode(pairs.items())), browser=TEST_BROWSER)
    if form.is_valid():
        for name in ("full_name", "email", "zip_code"):
            assert refused_characters(form.cleaned_data[name]) == []
        return
    where = "__all__" if field in SAID_AT_THE_TOP else field
    assert set(form.errors) <= {where, "__all__"}, form.errors
    assert form.errors.get(where) or form.errors.get("__all__")
    for messages in form.errors.values():
        for message in messages:
            assert not DJANGO_DEFAULT_WORDS.search(message), message


@hypothesis_settings(max_examples=examples(100))
@given(data=st.data())
def test_each_field_through_the_site_never_a_5xx_and_nothing_half_saved(data):
    """One field at a time gets a hostile value, posted to the site: never a 5xx, the refusal
    on that field's box with what was typed kept, rows unchanged unless accepted whole."""
    field = data.draw(fields, label="field")
    value = data.draw(field_values(field), label="value")
    client, browser = new_browser()
    pairs = {**GOOD, "form_token": form_tokens.issue(browser=browser), field: value}
    before = counts()
    response = send(client, pairs.items())
    check_answer(response, before, field=field, typed=as_the_site_reads(value))


def field_pairs(field: str, token: str):
    """Each field missing, once, or repeated, with good or hostile values, in any order."""
    good = token if field == "form_token" else GOOD.get(field, "")
    value = st.one_of(st.just(good), hostile_value)
    return st.lists(value, max_size=3).map(lambda values: [(field, v) for v in values])


@hypothesis_settings(max_examples=examples(50))
@given(data=st.data())
def test_missing_and_repeated_fields_never_a_5xx_and_nothing_half_saved(data):
    """Fields left out, sent twice or three times, unknown fields added, in any order."""
    client, browser = new_browser()
    token = form_tokens.issue(browser=browser)
    pairs = []
    for field in [*GOOD, "form_token"]:
        pairs += data.draw(field_pairs(field, token), label=field)
    pairs += data.draw(st.lists(st.tuples(hostile_text, hostile_value), max_size=3), label="more")
    pairs = data.draw(st.permutations(pairs), label="order")
    before = counts()
    check_answer(send(client, pairs), before)


def forged_token(kind: str, browser: str) -> str:
    now = time.time()
    return {
        "valid": lambda: form_tokens.issue(browser=browser),
        "another browser's": lambda: form_tokens.issue(browser="someone-else"),
        "expired": lambda: form_tokens.issue(browser=browser, now=now - 2 * 86400),
        "from the future": lambda: form_tokens.issue(browser=browser, now=now + 86400),
        "signed with another salt": lambda: signing.dumps(
            {"n": "x", "t": now - 60, "b": browser}, salt="another"
        ),
        "signed with another key": lambda: signing.dumps(
            {"n": "x", "t": now - 60, "b": browser}, salt=form_tokens.SALT, key="guessed"
        ),
        "a list": lambda: signing.dumps([1, 2], salt=form_tokens.SALT),
        "wrong types": lambda: signing.dumps(
            {"n": [], "t": "soon", "b": browser}, salt=form_tokens.SALT
        ),
        "tampered": lambda: form_tokens.issue(browser=browser)[:-3] + "AAA",
    }[kind]()


TOKEN_KINDS = [
    "valid",
    "another browser's",
    "expired",
    "from the future",
    "signed with another salt",
    "signed with another key",
    "a list",
    "wrong types",
    "tampered",
]


@hypothesis_settings(max_examples=examples(30))
@given(kind=st.sampled_from([*TOKEN_KINDS, "hostile"]), value=hostile_value)
def test_forged_and_expired_tokens_are_refused_in_plain_words(kind, value):
    """A token forged, expired, altered, or issued to another browser's session: the form
    comes back saying the page expired, nothing is saved; only a valid one is accepted."""
    client, browser = new_browser()
    token = value if kind == "hostile" else forged_token(kind, browser)
    before = counts()
    response = send(client, {**GOOD, "form_token": token}.items())
    check_answer(response, before, field="form_token")
    if kind not in ("valid", "from the future", "hostile"):
        assert response.status_code == 200
        assert response.context["form"].has_error("__all__", "token_expired")


@hypothesis_settings(max_examples=examples(8))
@given(name=hostile_text)
def test_a_token_from_another_session_never_shows_that_patients_reference(name):
    """A patient sends the form; their token, sent again from another browser (with any
    answers), is refused and never shows the first patient's reference."""
    first, first_browser = new_browser()
    token = form_tokens.issue(browser=first_browser)
    assert send(first, {**GOOD, "form_token": token}.items()).status_code == 302
    reference = CallbackRequest.objects.order_by("-pk").first().reference
    other, _ = new_browser()
    before = counts()
    response = send(other, {**GOOD, "full_name": name, "form_token": token}.items())
    check_answer(response, before)
    assert response.status_code == 200
    assert reference not in response.content.decode()
    assert reference not in other.get("/request-a-callback/received/", follow=True).content.decode()


CHARSETS = ["latin-1", "iso-8859-1", "cp1252", "utf-16", "utf-16-le", "utf-8", "UTF-8", "utf8",
            "ascii", "no-such-charset", ""]  # fmt: skip


@hypothesis_settings(max_examples=examples(20))
@given(
    charset=st.sampled_from(CHARSETS),
    encoding=st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252"]),
    name=hostile_text,
)
def test_bodies_declared_in_other_charsets_never_a_5xx(charset, encoding, name):
    """A urlencoded body declared in (and perhaps encoded in) another charset: a plain 400 page
    or the form with its messages, never a 5xx; nothing saved unless accepted whole."""
    client, browser = new_browser()
    answers = {**GOOD, "full_name": name, "form_token": form_tokens.issue(browser=browser)}
    try:
        body = urlencode(answers, encoding=encoding, errors="strict").encode(encoding)
    except UnicodeEncodeError:
        body = urlencode(answers).encode()
    content_type = URLENCODED + (f"; charset={charset}" if charset else "")
    before = counts()
    response = client.generic("POST", FORM_URL, body, content_type=content_type)
    check_answer(response, before)
