"""What an attacker, a robot or bad luck sends: hypothesis strategies for form values and bodies.

A value is text (str) or raw bytes (sent percent-encoded, so invalid UTF-8 arrives as it
was sent). Bodies are lists of (name, value) pairs, so fields can be missing or repeated.
"""

import re
import unicodedata
from urllib.parse import urlencode

from hypothesis import strategies as st

FRAGMENTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "'; DROP TABLE appointments_callbackrequest; --",
    "Robert'); DROP TABLE students;--",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "${jndi:ldap://x}",
    '=HYPERLINK("http://evil.example")',
    "+1 413 555 0123",
    "\r\nBcc: victim@example.org",
    "%00",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufffd",
    "\ufeff",
    "../../etc/passwd",
    "A" * 5000,
    "01103\x00",
    "413-555-0123\n",
    "maria@example.org\r\n",
    "",
    " ",
]

# Every character a hostile value may hold: any code point but surrogates (which cannot be
# sent as UTF-8; bytes below stand for them), biased towards the ones a form must refuse.
hidden_characters = st.characters(categories=["Cc", "Cf", "Co", "Cn", "Zl", "Zp"])
any_character = st.characters(exclude_categories=["Cs"])

hostile_text = st.one_of(
    st.text(any_character, max_size=120),
    st.text(st.one_of(hidden_characters, st.sampled_from("aZ09 -'.@<>&;%+=\r\n\t")), max_size=40),
    st.sampled_from(FRAGMENTS),
    st.tuples(st.sampled_from(FRAGMENTS), st.text(any_character, max_size=20)).map("".join),
    st.integers(min_value=101, max_value=20_000).map(lambda n: "x" * n),
)
hostile_bytes = st.one_of(
    st.binary(max_size=80),
    st.sampled_from([b"\xff\xfe", b"\xc0\x80", b"\xed\xa0\x80", b"Jos\xe9", b"\x80abc"]),
)
hostile_value = st.one_of(hostile_text, hostile_bytes)


def with_inserted(good: str, value: str) -> str:
    return good[: len(good) // 2] + value + good[len(good) // 2 :]


def around(good: str):
    """A good value with something hostile inside it, before or after it, or instead of it."""
    return st.one_of(
        hostile_value,
        st.tuples(hostile_text, st.sampled_from(["before", "after", "inside"])).map(
            lambda pair: {
                "before": pair[0] + good,
                "after": good + pair[0],
                "inside": with_inserted(good, pair[0]),
            }[pair[1]]
        ),
    )


def encode(pairs) -> bytes:
    """A urlencoded body: text as UTF-8, bytes as they are (both percent-encoded)."""
    return urlencode(list(pairs)).encode("ascii")


def as_the_site_reads(value) -> str:
    """A value as Django reads it from a UTF-8 urlencoded body (bad bytes become U+FFFD)."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return text


DJANGO_DEFAULT_WORDS = re.compile(
    r"This field|Ensure this value|Null characters|Select a valid choice|Hidden field|"
    r"Enter a valid|Enter a whole number|is not one of the available choices",
)


def is_printable(text: str) -> bool:
    """Whether every character would show as itself in an HTML attribute."""
    return all(unicodedata.category(c)[0] != "C" for c in text) and "\r" not in text
