"""Language codes (BCP 47 tags such as "pt", "vi", "zh-Hant", "pt-BR") for the language help page.

A tag is checked for its shape only (RFC 5646's grammar, without the old "grandfathered"
tags): a tag of the right shape that names no language still reaches the page, where a
browser or screen reader ignores what it does not know.
"""

import re

from django.core.exceptions import ValidationError

# RFC 5646 section 2.1: language[-script][-region](-variant)*(-extension)*[-privateuse].
LANGUAGE_TAG = re.compile(
    r"""
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
    (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*
    (?:-x(?:-[a-z0-9]{1,8})+)?
    """,
    re.IGNORECASE | re.VERBOSE,
)

# Languages written right to left, unless the tag names another script.
RIGHT_TO_LEFT_LANGUAGES = {
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "ku", "prs", "ps", "sd",
    "syr", "ug", "ur", "yi",
}  # fmt: skip
RIGHT_TO_LEFT_SCRIPTS = {"Adlm", "Arab", "Hebr", "Nkoo", "Rohg", "Syrc", "Thaa"}


def is_well_formed(tag: str) -> bool:
    return LANGUAGE_TAG.fullmatch(tag) is not None


def normalized(tag: str) -> str:
    """The tag in its usual case: "pt-br" is "pt-BR", "ZH-HANT" is "zh-Hant"."""
    match = LANGUAGE_TAG.fullmatch(tag)
    if match is None:
        return tag
    parts = tag.lower().split("-")
    script, region = match["script"], match["region"]
    case = {}
    if script:
        case[script.lower()] = script.title()
    if region:
        case[region.lower()] = region.upper()
    start = len(match["language"].split("-"))
    # Only the subtags right after the language can be the script and the region.
    for index in range(start, min(start + 2, len(parts))):
        parts[index] = case.get(parts[index], parts[index])
    return "-".join(parts)


def primary_language(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def text_direction(tag: str) -> str:
    """“rtl” for a language written right to left (“ar”, “he”, “fa-IR”, “az-Arab”), else “ltr”."""
    match = LANGUAGE_TAG.fullmatch(tag)
    script = match["script"].title() if match and match["script"] else None
    if script:
        return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"
    return "rtl" if primary_language(tag) in RIGHT_TO_LEFT_LANGUAGES else "ltr"


def validate_language_tag(tag: str) -> None:
    if not is_well_formed(tag):
        raise ValidationError(
            "“%(tag)s” is not a language code. Use the short code of the language, for "
            "example “pt” for Portuguese, “vi” for Vietnamese, “ht” for Haitian Creole "
            "or “zh-Hant” for Chinese in traditional characters.",
            code="not_a_language_tag",
            params={"tag": tag},
        )
