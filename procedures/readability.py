"""Reading grade of what a patient actually reads.

The grade is Flesch-Kincaid, on the plain text a reader sees: from the HTML
rendered from an editor's Markdown, tags are dropped, and every paragraph,
list item and heading is at least one sentence (a full stop is added where the
editor left none), so a bulleted list is not scored as one endless sentence. Words and syllables are
counted by textstat; sentences are counted here, because textstat's own count
skips sentences of one or two words, which would score every short list item
as part of its neighbour.
"""

import re
from html.parser import HTMLParser

import textstat

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
