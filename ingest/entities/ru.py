"""Russian names: natasha's news NER (its model and morphology ship in the package) proposes
people, places and organisations; the span is the name as written, case ending included
(`Молотовым`), a title before it left out; a place is a country or city (GPE) unless it is a
continent or names itself a region, river or sea (LOC)."""

import importlib.metadata
import re
from functools import cache

from .spans import Mention

TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
# A place's name that says it is no country or city: `Балтийское море`, `Карельский перешеек`.
LOC_WORDS = re.compile(
    r"(?i:\b(?:мор[еяюм]|океан\w*|рек[аиуе]|перешеек\w*|перешейк\w*|полуостр\w*|залив\w*|"
    r"пролив\w*|остров\w*|гор[ыа]|хребт\w*|област\w*|кра[йяюе]|регион\w*|озер\w*|долин\w*)\b)"
)
CONTINENT_FORMS = re.compile(r"(?:Европ|Ази|Африк|Америк|Антарктид|Еврази)[аыеуойия]+")


@cache
def tools():
    """natasha's segmenter and NER tagger, loaded once per process (a second or so)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


@cache
def source() -> str:
    return f"natasha {importlib.metadata.version('natasha')}"


def read_names(texts: list[str]) -> list[list[Mention]]:
    """Each text's mentions, in order."""
    from natasha import Doc

    segmenter, tagger = tools()
    found = []
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        found.append([mention(span.start, span.stop, span.text, span.type) for span in doc.spans])
    return found


def mention(start: int, end: int, name: str, label: str) -> Mention:
    if label != "LOC":
        return Mention(start, end, name, TYPES[label], source())
    is_region = LOC_WORDS.search(name) or CONTINENT_FORMS.fullmatch(name)
    return Mention(start, end, name, "LOC" if is_region else "GPE", source())
