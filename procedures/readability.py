"""Reading grade of what a patient actually reads.

The grade is Flesch-Kincaid, on the plain text a reader sees: from the HTML
rendered from an editor's Markdown, tags are dropped, and every paragraph,
list item and heading is at least one sentence (a full stop is added where the
editor left none), so a bulleted list is not scored as one endless sentence. Words and syllables are
counted by textstat; sentences are counted here, because textstat's own count
skips sentences of one or two words, which would score every short list item
as part of its neighbour.

Spanish pages are scored the same way, with two Spanish measures (see
`spanish_scores`).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from types import ModuleType

import textstat

from procedures.markup import render_markdown

BLOCK_TAGS = {"p", "li", "h2", "h3", "h4", "blockquote", "dt", "dd"}
SENTENCE_ENDINGS = (".", "!", "?", ":")


class _TextBlocks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks: list[str] = []
        self._current: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        self._current.append(data)

    def _flush(self):
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def close(self):
        super().close()
        self._flush()


def visible_sentences(html: str) -> list[str]:
    """The blocks of text a reader sees in rendered HTML, each ending like a sentence."""
    parser = _TextBlocks()
    parser.feed(str(html))
    parser.close()
    return [as_sentence(block) for block in parser.blocks]


def as_sentence(text: str) -> str:
    text = text.strip()
    if text and not text.endswith(SENTENCE_ENDINGS):
        text += "."
    return text


SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def sentence_count(block: str) -> int:
    return len([part for part in SENTENCE_BREAK.split(block.strip()) if part])


def reading_grade(blocks: list[str]) -> float:
    """Flesch-Kincaid grade of blocks of text read in order (each block one or more sentences)."""
    blocks = [as_sentence(block) for block in blocks if block.strip()]
    text = " ".join(blocks)
    words = textstat.lexicon_count(text)
    if not words:
        return 0.0
    sentences = sum(sentence_count(block) for block in blocks)
    syllables = textstat.syllable_count(text)
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


# textstat's language is one global setting; this is its default, which every English
# measure above relies on. ("en" alone would pick pyphen's British dictionary instead.)
TEXTSTAT_DEFAULT_LANGUAGE = "en_US"


@dataclass(frozen=True)
class SpanishScores:
    """Two Spanish reading-ease scores, 0 (hard) to 100 (easy); higher is easier."""

    inflesz: float
    fernandez_huerta: float


def spanish_scores(blocks: list[str]) -> SpanishScores:
    """INFLESZ (Szigriszt-Pazos) and Fernandez-Huerta of Spanish blocks read in order.

    Words and syllables are counted by textstat 0.7.8 in Spanish (pyphen's Spanish
    dictionary, which undercounts syllables a little, so treat the scores as floors).
    Sentences are counted here, as for the English grade: textstat's own count
    (`count_sentences`) drops every sentence of one or two words in Spanish too, and
    splits "100.4" into two sentences. With W words, S syllables and F sentences:

        INFLESZ (Szigriszt-Pazos 1992) = 206.835 - 62.3 * S / W - W / F
        Fernandez-Huerta               = 206.84 - 0.60 * (100 * S / W) - 1.02 * W / F

    Fernandez-Huerta's last term is words per sentence, as textstat and Law's
    correction of the formula have it (a version often quoted, 1.02 times sentences
    per 100 words, would make shorter sentences score harder).
    On text whose sentences all have three words or more, these equal
    `textstat.szigriszt_pazos` and `textstat.fernandez_huerta` (textstat uses 206.84
    as the first INFLESZ term, 0.005 more).
    """
    blocks = [as_sentence(block) for block in blocks if block.strip()]
    text = " ".join(blocks)
    textstat.set_lang("es")
    try:
        words = textstat.lexicon_count(text)
        syllables = textstat.syllable_count(text)
    finally:
        textstat.set_lang(TEXTSTAT_DEFAULT_LANGUAGE)
    if not words:
        return SpanishScores(inflesz=0.0, fernandez_huerta=0.0)
    sentences = sum(sentence_count(block) for block in blocks)
    return SpanishScores(
        inflesz=206.835 - 62.3 * syllables / words - words / sentences,
        fernandez_huerta=206.84 - 0.60 * (100 * syllables / words) - 1.02 * words / sentences,
    )


def section_blocks(heading: str, body: str, items: Iterable[str] = ()) -> list[str]:
    """What a reader sees of a section, in order: its heading, its rendered body, its list."""
    return [heading, *visible_sentences(render_markdown(body)), *items]


def starter_content_blocks(
    content: ModuleType, kinds: list[str], summary_heading: str
) -> dict[str, list[str]]:
    """What a reader sees of a starter-content module, block by block, keyed by heading.

    The summary first (under `summary_heading`), then each section in order; `kinds`
    gives each section's kind (a translation takes its kinds from the English), and
    a section of kind steps, warning_signs or questions also shows that list.
    """
    lists = {
        "steps": content.STEPS,
        "warning_signs": [sign for signs in content.WARNING_SIGNS.values() for sign in signs],
        "questions": content.QUESTIONS,
    }
    blocks = {summary_heading: section_blocks(summary_heading, content.PROCEDURE["summary"])}
    for section, kind in zip(content.SECTIONS, kinds, strict=True):
        items = lists.get(kind, [])
        blocks[section["heading"]] = section_blocks(section["heading"], section["body"], items)
    return blocks
