"""Language codes for the language help page: their shape, their usual case, their direction."""

import pytest

from procedures.language_tags import is_well_formed, normalized, text_direction


@pytest.mark.parametrize(
    "tag",
    ["pt", "vi", "ht", "zh-Hant", "pt-BR", "es-419", "zh-yue", "sr-Latn-RS", "de-CH-1996", "haw"],
)
def test_well_formed_codes_are_accepted(tag):
    """BCP 47 tags of every usual shape: language, script, region, variant."""
    assert is_well_formed(tag)


@pytest.mark.parametrize(
    "tag", ["", "p", "portuguese", "pt_BR", "pt-", "-pt", "pt--br", "12", "pt BR", "x-klingon"]
)
def test_codes_of_the_wrong_shape_are_refused(tag):
    """Names, underscores, spaces, empty parts and private-use-only tags are not codes."""
    assert not is_well_formed(tag)


@pytest.mark.parametrize(
    ("typed", "usual"),
    [
        ("PT-br", "pt-BR"),
        ("zh-hant", "zh-Hant"),
        ("SR-LATN-rs", "sr-Latn-RS"),
        ("ES-419", "es-419"),
    ],
)
def test_codes_are_kept_in_their_usual_case(typed, usual):
    """Language lower case, script capitalised, region upper case."""
    assert normalized(typed) == usual


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("ar", "rtl"),
        ("fa-IR", "rtl"),
        ("he", "rtl"),
        ("ur", "rtl"),
        ("ps", "rtl"),
        ("yi", "rtl"),
        ("az-Arab", "rtl"),
        ("ku-Latn", "ltr"),
        ("pt", "ltr"),
        ("vi", "ltr"),
        ("zh-Hant", "ltr"),
    ],
)
def test_the_direction_comes_from_the_language_or_its_script(tag, direction):
    """Arabic, Persian, Hebrew, Urdu, Pashto, Yiddish and Arabic script read right to left."""
    assert text_direction(tag) == direction
