"""Passages as a reader sees them, from text laid out in lines: one passage per line, or
paragraphs (blocks between blank lines) whose wrapped lines are joined and whose words broken
at a line's end are mended.

Whether a text is hard-wrapped is read from its lines: a wrapped text's lines mostly end
mid-sentence and cluster just under one width; a text written one passage per line ends its
lines where its sentences end, at any width.
"""

import re
from collections.abc import Iterable, Iterator
from functools import cache

from .documents import Passage

MODES = ("auto", "line", "paragraph")
SENTENCE_END = frozenset(".!?:;\"'”’)]»")
# A text reads as wrapped when at least this share of its lines (those inside paragraphs)
# end mid-sentence and at least this share lie within WIDTH_BAND of its usual width.
WRAPPED_SHARE = 0.5
WIDTH_BAND = 0.7
FEWEST_LINES_TO_JUDGE = 4
# Text is wrapped for reading at 60 to 100 columns; longer lines were never wrapped.
WIDEST_WRAP = 120
LINES_TO_JUDGE = 20_000
# Languages besides English whose words mend a word broken at a line's end (`Sow-` + `jet`):
# wordfreq's lists, each loaded (some 40 MB) only when a break needs it.
OTHER_LANGUAGES = ("de", "fr", "es", "it", "nl")
# A word at least this common (Zipf scale: 3 is once per million words) is a word; rarer
# spellings are judged by their parts.
COMMON_WORD = 3.0
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
FIRST_WORD = re.compile(r"[^\W\d_]+")
CHAPTER = re.compile(
    r"(?:chapter|book|part|section|canto|letter)\s+(?:[ivxlcdm]+|\d+|[a-z]+)\b[.:]?",
    re.IGNORECASE,
)
LONGEST_HEADING = 100


def text_passages(text: str, mode: str = "auto", first_line: int = 1) -> Iterator[Passage]:
    """The passages of a plain text; `first_line` is the number of its first line in the file."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if mode == "paragraph" or (mode == "auto" and is_hard_wrapped(lines[:LINES_TO_JUDGE])):
        return paragraph_passages(lines, first_line)
    new = tuple.__new__  # what Passage._make does, without a Python call per line
    return (
        new(Passage, (line, number, number, None, None, "text", None, ()))
        for number, line in enumerate(lines, first_line)
        if line.strip()
    )


def paragraph_passages(lines: list[str], first_line: int = 1) -> Iterator[Passage]:
    """One passage per block of lines between blank lines; a chapter heading's block
    (`CHAPTER IV.`, with a title block right after it) is also the section of what follows."""
    mend = Mender(lines)
    section = None
    heading_just_before = False
    for first, last, block in blocks(lines, first_line):
        text = mend.join(block)
        kind = "text"
        if len(block) == 1 and len(text) <= LONGEST_HEADING:
            if CHAPTER.match(text.strip()):
                section = " ".join(text.split())
                heading_just_before, kind = True, "heading"
            elif heading_just_before and is_title(text):
                section = f"{section} {' '.join(text.split())}"
                kind = "heading"
        else:
            heading_just_before = False
        yield Passage(text, first, last, None, section, kind)


def is_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def blocks(lines: list[str], first_line: int = 1) -> Iterator[tuple[int, int, list[str]]]:
    """(first line number, last line number, lines) of each run of non-blank lines."""
    block: list[str] = []
    for number, line in enumerate(lines, first_line):
        if line.strip():
            if not block:
                first = number
            block.append(line)
        elif block:
            yield first, number - 1, block
            block = []
    if block:
        yield first, first + len(block) - 1, block


def is_hard_wrapped(lines: list[str]) -> bool:
    """Whether the lines inside paragraphs mostly end mid-sentence near one width, one a
    reader's line can have."""
    inside = []  # widths of lines followed by another line of the same paragraph
    mid_sentence = 0
    for _, _, block in blocks(lines):
        ends = [line.rstrip() for line in block[:-1]]
        inside += map(len, ends)
        mid_sentence += sum(line[-1] not in SENTENCE_END for line in ends)
    if len(inside) < FEWEST_LINES_TO_JUDGE or mid_sentence < WRAPPED_SHARE * len(inside):
        return False
    inside.sort()
    width = inside[int(0.9 * (len(inside) - 1))]
    if width > WIDEST_WRAP:
        return False
    near_width = sum(1 for w in inside if WIDTH_BAND * width <= w <= width)
    return near_width >= WRAPPED_SHARE * len(inside)


class Mender:
    """Joins a paragraph's lines, deciding for each word broken by a hyphen at a line's end
    whether the hyphen was the printer's (`govern-` + `ment`) or the word's own (`non-` +
    `aggression`): first by how the document itself writes the word elsewhere, then by
    whether the joined spelling is a common word in wordfreq's lists, then by whether both
    parts are words of their own (in English, then in other languages)."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self._spellings: set[str] | None = None

    def join(self, block: Iterable[str]) -> str:
        pieces: list[str] = []  # lines, and the separators between them
        for line in block:
            line = line.strip()
            previous = pieces[-1] if pieces else ""
            if previous[-2:-1].isalnum() and previous.endswith("-") and line[:1].isalnum():
                left = word_before_hyphen(previous)
                if line[:1].islower() and left and self.mends(left, FIRST_WORD.match(line)[0]):
                    pieces[-1] = previous[:-1]
            elif pieces:
                pieces.append(" ")  # `anti-` + `Soviet`, `1939-` + `1940` join as written
            pieces.append(line)
        return "".join(pieces)

    def mends(self, left: str, right: str) -> bool:
        joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
        if joined in self.spellings:
            return True
        if hyphenated in self.spellings:
            return False
        if commonness(joined) >= COMMON_WORD:
            return True
        if commonness(left.lower()) < COMMON_WORD or commonness(right) < COMMON_WORD:
            return True  # a word's pieces (`Rib-` + `bentrop`)
        # two English words (`non-` + `aggression`, `Sow-` + `jet`): one word of another
        # language, or two joined by the writer's hyphen
        return any(commonness(joined, language) >= COMMON_WORD for language in OTHER_LANGUAGES)

    @property
    def spellings(self) -> set[str]:
        """Every word and hyphenated compound written within one line of the document."""
        if self._spellings is None:
            self._spellings = {word.lower() for line in self.lines for word in WORD.findall(line)}
        return self._spellings


def word_before_hyphen(text: str) -> str:
    """The letters right before a final hyphen: `govern` of `the govern-`."""
    end = len(text) - 1
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


@cache
def commonness(word: str, language: str = "en") -> float:
    from wordfreq import zipf_frequency  # a second's import, for a text with broken words

    return zipf_frequency(word, language)
