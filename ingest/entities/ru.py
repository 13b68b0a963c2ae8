"""Russian names: natasha's news NER (its model and morphology ship in the package) proposes
people, places and organisations, less a sentence's first word that pymorphy3 knows only as a
common noun (`Договор`, `Правительство`); the span is the name as written, case ending included
(`Молотовым`), a title before it left out; a place is a country or city (GPE) unless it is a
continent or names itself a region, river or sea (LOC)."""

import importlib.metadata
import re
from functools import cache

from ..text import is_russian_common_noun, morphology
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
    """Each text's mentions, in order; the tagger reads the texts in batches. A sentence's
    first word that is a common noun is no name (`Договор`), nor part of one (`Маршал
    Тухачевский` is `Тухачевский`)."""
    found = []
    for text, markup in zip(texts, tagger().map(texts), strict=True):
        mentions = []
        for span in markup.spans:
            start, name = span.start, text[span.start : span.stop]
            first = name.split()[0]
            if opens_sentence(text, start) and is_russian_common_noun(first):
                rest = name[len(first) :].lstrip()
                if not rest:
                    continue
                if is_noun(first):  # a title, not the adjective of `Советский Союз`
                    start, name = span.stop - len(rest), rest
            mentions.append(mention(start, span.stop, name, span.type))
        found.append(mentions)
    return found


def is_noun(word: str) -> bool:
    return "NOUN" in morphology().parse(word)[0].tag


def opens_sentence(text: str, start: int) -> bool:
    """Russian capitalises names and a sentence's first word alone: a common noun written
    with a capital is one only there."""
    return SENTENCE_START.search(text, max(0, start - 3), start) is not None


def mention(start: int, end: int, name: str, label: str) -> Mention:
    if label != "LOC":
        return Mention(start, end, name, TYPES[label], source())
    is_region = LOC_WORDS.search(name) or CONTINENT_FORMS.fullmatch(name)
    return Mention(start, end, name, "LOC" if is_region else "GPE", source())
