"""The model's mentions: spaCy's statistical NER proposes spans, which the rules clean up and
type by the guidelines; a passage's mentions are the rules' first, then the model's where they
do not overlap one. Every mention records what produced it."""

import hashlib
import importlib.metadata
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

from .. import places
from .evidence import place_type, retype
from .shapes import rule_mentions
from .spans import Mention, Taken, clean_span

MODEL_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "NORP"}
# spaCy refuses longer texts, and its memory grows with length: NER runs on pieces.
PIECE_CHARS = 20_000


def extractor_version(packages: Iterable[str]) -> str:
    """The versions of the packages that read names and a digest of the rules: a change to
    any makes the cached mentions of earlier builds stale."""
    digest = hashlib.blake2b(digest_size=8)
    ingest = Path(__file__).parent.parent
    rules = [*sorted(ingest.glob("entities/*.py")), ingest / "languages.py", ingest / "places.py"]
    for path in [*rules, ingest / "given_names.py", ingest / "data" / "short_forms.csv"]:
        digest.update(path.read_bytes())
    versions = [f"{name} {importlib.metadata.version(name)}" for name in sorted(set(packages))]
    return f"{', '.join(versions)}, rules {digest.hexdigest()}"


def load_model(model: str):
    import spacy  # imported here: builds that need no NER never pay for loading it

    # NER alone (it has a tok2vec of its own), in the English and French pipelines alike.
    excluded = ["tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]
    excluded += ["senter"]
    return spacy.load(model, exclude=excluded)


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


def model_mentions(
    lexicon: ModuleType, text: str, spans: list[tuple[int, int, str]], source: str
) -> list[Mention]:
    """The model's spans cleaned up and typed by the guidelines."""
    mentions = []
    for start, end, label in join_adjective_places(text, spans):
        for s, e in clean_span(lexicon, text, start, end, label):
            title = lexicon.TITLE.match(text, s)
            if title and title.end() > e:
                continue  # part of a title: `State` in `State Secretary`
            typed = retype(lexicon, text, s, e, "LOC" if label == "FAC" else label)
            if typed:
                mentions.append(Mention(s, e, text[s:e], typed, source))
    return mentions


def passage_mentions(lexicon: ModuleType, text: str, spans: list, source: str) -> list[Mention]:
    """Rule mentions first, then the model's where they do not overlap one, then what the
    model left out: names joined to a person's, and places after what armies do to them."""
    taken = Taken(len(text))
    mentions = rule_mentions(lexicon, text, taken)
    mentions += [
        m
        for m in model_mentions(lexicon, text, spans, source)
        if taken.take_if_free(m.start, m.end)
    ]
    mentions += conjoined_people(lexicon, text, mentions, taken)
    mentions += places_acted_on(lexicon, text, spans, taken)
    return sorted(mentions, key=lambda m: m.start)


def places_acted_on(
    lexicon: ModuleType, text: str, spans: list[tuple[int, int, str]], taken: Taken
) -> list[Mention]:
    """The names right after what armies do to places (`occupied`, `the invasion of`) where
    the model proposed none, or only a nationality before one (`the invasion of Finnish
    Karelia`): places, a country's or a city's GPE, others LOC. Not a nationality alone
    (`the evacuation of Polish Jews`)."""
    nationalities_end = {end for _, end, label in spans if label == "NORP"}
    found = []
    for action in lexicon.PLACE_ACTION.finditer(text):
        run = lexicon.NAME_RUN.match(text, action.end())
        if not run or run.end() in nationalities_end or run.group() in places.demonyms():
            continue
        for start, end in clean_span(lexicon, text, run.start(), run.end(), "LOC"):
            name = text[start:end]
            if taken.take_if_free(start, end):
                found.append(Mention(start, end, name, place_type(name), PLACE_ACTION_SOURCE))
    return found


PLACE_ACTION_SOURCE = "rule:place-acted-on"


def conjoined_people(
    lexicon: ModuleType, text: str, mentions: list[Mention], taken: Taken
) -> list[Mention]:
    """One-word names shaped as surnames (`-ov`, `-sky`, `-enko`: SURNAME_ENDING) joined by
    `and` or `or` to a person's mention (`Stalin and Molotov`, `Molotov and Stalin`): people
    too, as a list joins names of one kind. Any capitalised word would let the model's false
    people take others with them (web pages' `Beverley and Holderness`, `Asus`, `Pancakes`).
    Not a country's or a larger city's name (`Kharkov`), nor a word in a longer run of
    capitals."""
    found = []
    for mention in mentions:
        if mention.type != "PERSON":
            continue
        after = lexicon.CONJOINED_AFTER.match(text, mention.end)
        before = lexicon.CONJOINED_BEFORE.search(
            text, max(0, mention.start - lexicon.CONJOINED_CHARS), mention.start
        )
        if before and lexicon.CAPITALISED_BEFORE.search(
            text, max(0, before.start() - lexicon.CONJOINED_CHARS), before.start()
        ):
            before = None
        for joined in (before, after):
            if not joined or not is_surname(lexicon, joined.group(1)):
                continue
            start, end = joined.span(1)
            if taken.take_if_free(start, end):
                found.append(Mention(start, end, joined.group(1), "PERSON", CONJOINED_SOURCE))
    return found


CONJOINED_SOURCE = "rule:conjoined-person"


def is_surname(lexicon: ModuleType, word: str) -> bool:
    """Shaped as a surname, and no well-known place's name. A surname's shape alone rules out
    the words that open sentences or name other things (titles, months, nationalities)."""
    return lexicon.SURNAME_ENDING.search(word) is not None and not places.is_well_known_place(word)


def extract_mentions(
    lexicon: ModuleType, nlp, items: Iterable, text=lambda item: item
) -> Iterator[tuple]:
    """(item, its mentions) for each item, in order; `text` gives an item's clean text."""
    source = model_source(nlp)

    def pieces():
        for item in items:
            parts = list(split_into_pieces(text(item), PIECE_CHARS))
            for number, (offset, piece) in enumerate(parts, 1):
                yield piece, (offset, number == len(parts), item)

    spans: list[tuple[int, int, str]] = []
    for doc, (offset, is_last_piece, item) in nlp.pipe(pieces(), as_tuples=True, batch_size=256):
        spans += [
            (offset + e.start_char, offset + e.end_char, e.label_)
            for e in doc.ents
            if e.label_ in MODEL_LABELS
        ]
        if is_last_piece:
            yield item, passage_mentions(lexicon, text(item), spans, source)
            spans = []
