"""Citation markers: bracketed footnote references, removed from the prose.

A marker is `[4]`, `[a]`, `[note 3]`, `[nb 2]` or an editorial tag such as
`[citation needed]` or `[who?]`. Other brackets (`[sic]`, `[the treaty]`) are prose.
"""

import re
from typing import NamedTuple

MARKER = re.compile(
    r"\[(\[)?("
    r"\d{1,4}"  # [4]
    r"|[a-z]{1,2}"  # [a], [ab]
    r"|(?:note|nb|n|fn|lower-alpha|upper-alpha|lower-roman)\s?\d{1,4}"  # [note 3]
    r"|[a-z][a-z' -]{0,40}?\s(?:needed|required|missing)"  # [citation needed]
    r"|(?:who|when|where|which|why|how|what|according to whom|by whom|dubious|discuss"
    r"|clarification|verification|original research|unreliable source|failed verification"
    r"|disputed|vague|specify|further explanation|not in citation given)\??"
    r")\](?(1)\])",  # `[[4]]`, doubled by some exports, is one marker
    re.IGNORECASE,
)


class Citation(NamedTuple):
    marker: str  # the inner text: "4", "citation needed"
    raw_start: int  # offsets of the whole bracketed marker in the raw line
    raw_end: int
    char: int  # where it stood in the clean text


def clean_passage(raw_text: str) -> tuple[str, list[Citation]]:
    """The clean text (markers removed, whitespace collapsed and trimmed) and the markers."""
    if "[" not in raw_text or not (markers := list(MARKER.finditer(raw_text))):
        return collapsed(raw_text), []
    text = ""
    found = []  # (marker, start, end, where it stands in the clean text)
    last = 0
    for marker in markers:
        text = add_prose(text, raw_text[last : marker.start()])
        found.append((marker.group(2), marker.start(), marker.end(), len(text)))
        last = marker.end()
    text = add_prose(text, raw_text[last:]).rstrip(" ")
    return text, [Citation(m, start, end, min(char, len(text))) for m, start, end, char in found]


# What an ASCII text may hold besides single spaces between words that str.split splits at.
ASCII_WHITESPACE_RUNS = ("  ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def collapsed(text: str) -> str:
    """The text with each run of whitespace one space, trimmed. Most lines already are: for
    an ASCII one, a few substring tests tell it at a third of the cost of splitting and
    joining."""
    if text[:1] != " " and text[-1:] != " " and is_collapsed_ascii(text):
        return text
    return " ".join(text.split())


def is_collapsed_ascii(text: str) -> bool:
    """Whether the text is ASCII whose only whitespace is single spaces."""
    if not text.isascii():
        return False
    for run in ASCII_WHITESPACE_RUNS:  # noqa: SIM110 - all() over a generator: twice the time
        if run in text:
            return False
    return True


def add_prose(text: str, prose: str) -> str:
    """The clean text so far, continued by a stretch of prose with its whitespace collapsed."""
    prose = collapse_whitespace(prose)
    if not text or text[-1] == " ":
        prose = prose.lstrip(" ")
    return text + prose


def collapse_whitespace(prose: str) -> str:
    """Each run of whitespace as one space, the ends kept; str.split does it without a regular
    expression's substitution at every single space; most prose between markers is already
    collapsed, told as `collapsed` tells it."""
    if is_collapsed_ascii(prose):
        return prose
    words = prose.split()
    if not words:
        return " " if prose else ""
    before = " " if prose[0].isspace() else ""
    after = " " if prose[-1].isspace() else ""
    return before + " ".join(words) + after
