"""Mentions and their spans: a span proposed as a name trimmed to what the guidelines call a
name (no leading `the`, no titles, no possessive, never across a sentence end), and the
characters of a passage that its mentions cover."""

from types import ModuleType
from typing import NamedTuple

# The source of the names an edition marks itself (TEI `<persName>`): no model's to replace.
EDITION = "edition"


class Mention(NamedTuple):
    start: int
    end: int
    text: str
    type: str
    source: str  # the model and its version, or `rule:<name>`


class Taken:
    """The characters of a passage that its mentions cover. Testing or taking a span costs
    its length, so a passage's mentions cost about its length, never their number squared."""

    def __init__(self, length: int):
        self.chars = bytearray(length)

    def take_if_free(self, start: int, end: int) -> bool:
        if self.chars.find(1, start, end) != -1:
            return False
        self.chars[start:end] = b"\x01" * (end - start)
        return True


def clean_span(
    lexicon: ModuleType, text: str, start: int, end: int, label: str
) -> list[tuple[int, int]]:
    """The parts of a proposed span that are names by the guidelines."""
    parts = []
    piece_start = start
    for boundary in lexicon.SENTENCE_END.finditer(text, start, end):
        parts.append((piece_start, boundary.start()))
        piece_start = boundary.end()
    parts.append((piece_start, end))
    return [trimmed for s, e in parts if (trimmed := trim(lexicon, text, s, e, label))]


def trim(
    lexicon: ModuleType, text: str, start: int, end: int, label: str
) -> tuple[int, int] | None:
    leading = lexicon.LEADING_WORDS.match(text, start, end)
    if leading:
        start = leading.end()
    if label == "PERSON":
        title = lexicon.LEADING_TITLE.match(text, start, end)
        if title:
            start = title.end()
    end = trimmed_end(lexicon, text, start, end)
    if end <= start or not (text[start].isupper() or text[start].isdigit()):
        return None
    return start, end


def trimmed_end(lexicon: ModuleType, text: str, start: int, end: int) -> int:
    """The span's end without its trailing junk, unless that is all there is, and without a
    closing bracket it never opened. Read backwards from the end: the work is what it removes."""
    unopened = text.count(")", start, end) - text.count("(", start, end)
    while end > start and not ends_with_abbreviation(lexicon, text, start, end):
        if text[end - 1] == ")" and unopened > 0:
            end -= 1
            unopened -= 1
            continue
        junk = trailing_junk_start(lexicon, text, start, end)
        if junk in (start, end):
            break
        unopened += text.count("(", junk, end)
        end = junk
    return end


def trailing_junk_start(lexicon: ModuleType, text: str, start: int, end: int) -> int:
    """Where the run of punctuation, possessives and joining words ending the span begins."""
    while end > start:
        last = text[end - 1]
        if last.isspace() or last in lexicon.TRAILING_PUNCTUATION:
            end -= 1
        elif last == "s" and end - 2 >= start and text[end - 2] in "'’":
            end -= 2
        elif word := next(
            (w for w in lexicon.TRAILING_WORDS if ends_with_word(text, start, end, w)), ""
        ):
            end -= len(word) + 1
        else:
            break
    return end


def ends_with_word(text: str, start: int, end: int, word: str) -> bool:
    """The span ends with `word` after whitespace."""
    before = end - len(word) - 1
    return before >= start and text.endswith(word, start, end) and text[before].isspace()


def ends_with_abbreviation(lexicon: ModuleType, text: str, start: int, end: int) -> bool:
    if text[end - 1] != ".":
        return False
    word_start = end - 1
    while word_start > start and is_word_char(text[word_start - 1]):
        word_start -= 1
        if end - 1 - word_start > lexicon.LONGEST_ABBREVIATION:
            return False
    stem = text[word_start : end - 1]
    return ("A" <= stem <= "Z" and len(stem) == 1) or stem in lexicon.ABBREVIATIONS


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"
