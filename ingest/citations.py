"""Citation markers: bracketed footnote references, removed from the prose.

A marker is `[4]`, `[a]`, `[note 3]`, `[nb 2]` or an editorial tag such as
`[citation needed]` or `[who?]`. Other brackets (`[sic]`, `[the treaty]`) are prose.
"""

import re
from dataclasses import dataclass

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
WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Citation:
    marker: str  # the inner text: "4", "citation needed"
    raw_start: int  # offsets of the whole bracketed marker in the raw line
    raw_end: int
    char: int  # where it stood in the clean text


def clean_passage(raw_text: str) -> tuple[str, list[Citation]]:
    """The clean text (markers removed, whitespace collapsed and trimmed) and the markers."""
    if "[" not in raw_text:
        return " ".join(raw_text.split()), []
    pieces: list[str] = []
    length = 0
    citations = []
    last = 0

    def add_prose(prose: str) -> None:
        nonlocal length
        prose = WHITESPACE.sub(" ", prose)
        if length == 0 or pieces[-1].endswith(" "):
            prose = prose.lstrip(" ")
        if prose:
            pieces.append(prose)
            length += len(prose)

    for match in MARKER.finditer(raw_text):
        add_prose(raw_text[last : match.start()])
        citations.append(Citation(match.group(2), match.start(), match.end(), length))
        last = match.end()
    add_prose(raw_text[last:])
    text = "".join(pieces)
    stripped = text.rstrip(" ")
    return stripped, [
        Citation(c.marker, c.raw_start, c.raw_end, min(c.char, len(stripped))) for c in citations
    ]
