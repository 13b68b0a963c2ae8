"""Russian names: natasha's news NER (its model and morphology ship in the package) proposes
people, places and organisations, less a sentence's first word that pymorphy3 knows only as a
common noun (`Договор`, `Правительство`); the span is the name as written, case ending included
(`Молотовым`), a title before it left out; a place is a country or city (GPE) unless it is a
continent or names itself a region, river or sea (LOC)."""

import importlib.metadata
import re
from functools import cache

from ..text import is_russian_common_noun
from .spans import Mention

TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
CASE_ENDINGS = ()  # pymorphy3 reads Russian cases (ingest.text.base_forms)
# The names Russian gives countries beside ISO's long ones, in the nominative -> in English.
COUNTRY_NAMES = {
    "Советский Союз": "USSR",
    "СССР": "USSR",
    "Великобритания": "Great Britain",
    "Россия": "Russia",
    "США": "United States",
    "Персия": "Iran",
}
# A place's name that says it is no country or city: `Балтийское море`, `Карельский перешеек`.
LOC_WORDS = re.compile(
    r"(?i:\b(?:мор[еяюм]|океан\w*|рек[аиуе]|перешеек\w*|перешейк\w*|полуостр\w*|залив\w*|"
    r"пролив\w*|остров\w*|гор[ыа]|хребт\w*|област\w*|кра[йяюе]|регион\w*|озер\w*|долин\w*)\b)"
)
SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+|\n)$")
CONTINENT_FORMS = re.compile(r"(?:Европ|Ази|Африк|Америк|Антарктид|Еврази)[аыеуойия]+")


@cache
def tagger():
    """natasha's NER tagger, loaded once per process (a second or so)."""
    from natasha import NewsEmbedding, NewsNERTagger

    return NewsNERTagger(NewsEmbedding())


@cache
def source() -> str:
    return f"natasha {importlib.metadata.version('natasha')}"


def read_names(texts: list[str]) -> list[list[Mention]]:
    """Each text's mentions, in order; the tagger reads the texts in batches."""
    return [
        [
            mention(span.start, span.stop, text[span.start : span.stop], span.type)
            for span in markup.spans
            if not opens_sentence(text, span.start)
            or " " in text[span.start : span.stop]
            or not is_russian_common_noun(text[span.start : span.stop])
        ]
        for text, markup in zip(texts, tagger().map(texts), strict=True)
    ]


def opens_sentence(text: str, start: int) -> bool:
    """Russian capitalises names and a sentence's first word alone: a common noun written
    with a capital is one only there."""
    return SENTENCE_START.search(text, max(0, start - 3), start) is not None


def mention(start: int, end: int, name: str, label: str) -> Mention:
    if label != "LOC":
        return Mention(start, end, name, TYPES[label], source())
    is_region = LOC_WORDS.search(name) or CONTINENT_FORMS.fullmatch(name)
    return Mention(start, end, name, "LOC" if is_region else "GPE", source())
