"""Text normalisation shared by the stages: diacritics folded, for matching names and for the
search index's second spelling of each word; words stemmed in their language, for the search."""

import re
import unicodedata
from functools import cache, lru_cache

import Stemmer

WORD = re.compile(r"\w+")
# Letters that Unicode does not decompose into a base letter and a mark.
UNDECOMPOSABLE = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
        "ħ": "h",
        "Ħ": "H",
        "ŧ": "t",
        "Ŧ": "T",
        "ŋ": "n",
        "Ŋ": "N",
    }
)


def fold(text: str) -> str:
    """Text without diacritics: `Białystok` -> `Bialystok`, `Weizsäcker` -> `Weizsacker`."""
    decomposed = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def index_terms(text: str, stemmer_name: str | None) -> tuple[str, str]:
    """What the search index holds beside a passage's text: its words' plain spellings
    (folded_terms) and their stems by the stemmer named (stems)."""
    if stemmer_name is None and text.isascii():
        return "", ""  # most English passages: nothing to add, no words to find
    words = WORD.findall(text)
    return folded_terms(text, words), stems(words, stemmer_name)


def folded_terms(text: str, words: list[str]) -> str:
    """The words (`words`: the text's, WORD.findall) whose letters SQLite's tokenizer keeps but
    a reader may type plainly (`Białystok` -> `Bialystok`), indexed beside the text so either
    spelling finds them."""
    if text.isascii():
        return ""
    plain = (folded_word(word) for word in words if not word.isascii())
    return " ".join(dict.fromkeys(word for word in plain if word))


@lru_cache(maxsize=50_000)
def folded_word(word: str) -> str:
    """The word's plain spelling where the tokenizer's own folding does not give it, else ""."""
    plain = fold(word)
    return plain if plain != strip_marks(word) else ""


def strip_marks(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def stems(words: list[str], stemmer_name: str | None) -> str:
    """The stems of a passage's words (`words`: WORD.findall) by its language's Snowball
    stemmer, where they differ from the word (`Angriffs` -> `angriff`, `договору` ->
    `договор`), indexed beside the text: SQLite's own stemmer is Porter's, English alone, so
    `Angriff`, `traité` and `договор` find their inflected forms through these."""
    if stemmer_name is None:
        return ""
    lowered = set(map(str.lower, words))
    known = known_stems(stemmer_name)
    if len(known) > KNOWN_STEMS_LIMIT:
        known.clear()
    new = [word for word in lowered if word not in known]
    if new:
        known.update(zip(new, stemmer(stemmer_name).stemWords(new), strict=True))
    return " ".join(sorted({known[word] for word in lowered if known[word] != word}))


# A corpus writes the same words again and again: each is stemmed once (the stemmer's own
# cache takes twice the time of a dictionary's lookup).
KNOWN_STEMS_LIMIT = 50_000


@cache
def known_stems(stemmer_name: str) -> dict[str, str]:
    return {}


@cache
def stemmer(name: str):
    return Stemmer.Stemmer(name, 0)  # no cache of its own: stems() keeps the words it met


CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")


def base_forms(name: str) -> str:
    """A name with each Russian word in its dictionary form (`Москве` -> `москва`,
    `Советским Союзом` -> `советский союз`), lowercase: what the forms of one name share, for
    linking. Other words as written."""
    if not CYRILLIC_WORD.search(name):
        return name
    return CYRILLIC_WORD.sub(lambda word: russian_word(word.group())[0], name)


def is_nominative(name: str) -> bool:
    """Whether every Russian word of a name is in the nominative (`Красная армия`, not
    `Красной армии`); a name with none is."""
    return all(russian_word(word)[1] for word in CYRILLIC_WORD.findall(name))


@lru_cache(maxsize=100_000)
def russian_word(word: str) -> tuple[str, bool]:
    """The word's dictionary form, and whether it is written in the nominative; a word written
    with a capital read as a name where the dictionary has it as one (`Песков` the surname,
    not the sand's genitive)."""
    parses = morphology().parse(word)
    names = [p for p in parses if PROPER_NAME_TAGS & p.tag.grammemes] if word[:1].isupper() else []
    parsed = (names or parses)[0]
    return parsed.normal_form, "nomn" in parsed.tag


PROPER_NAME_TAGS = frozenset(["Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"])


@lru_cache(maxsize=100_000)
def is_russian_common_noun(word: str) -> bool:
    """Whether the dictionary knows the word and never as a name (`Договор`, `Правительство`;
    not `Газпром`, `Крым`, `Дурова`, nor a word it does not know)."""
    analyzer = morphology()
    return analyzer.word_is_known(word.lower()) and not any(
        PROPER_NAME_TAGS & parse.tag.grammemes for parse in analyzer.parse(word)
    )


@cache
def morphology():
    import pymorphy3  # its dictionaries are read only for a corpus with Russian names

    return pymorphy3.MorphAnalyzer()
