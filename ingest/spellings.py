"""One name's spellings: what `Molotov`, `Molotow`, `Molotoff` and `Молотовым` share, and
`Tchitcherin` and `Chicherin`, `Trotzki` and `Троцкий`. A name is written in Latin letters
(anyascii's transliteration of Cyrillic and other scripts, a Russian word first in its
dictionary form), then the ways English, German and French transcribe one Slavic sound are
written one way (`tsch`, `tch` -> `ch`; `kh` -> `ch`, as German writes `х`; `w`, `f` -> `v`, as
`фон` is `von`; a final `-off`, `-ow` -> `-ov`; `tz`, `ts` -> `z`; `j`, `y` -> `i`; `x` ->
`ks`), and doubled letters once. Names that sound alike but are spelt apart
by more than that (`Hess` and `Höss`) keep different spellings."""

import re
from functools import lru_cache

from anyascii import anyascii

from .text import base_forms

# Longest first: `tsch` before `sch` and `ch`.
SOUNDS = (
    ("tsch", "ch"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("ph", "f"),
    ("f", "v"),
    ("kh", "ch"),
    ("x", "ks"),
    ("ck", "k"),
    ("tz", "z"),
    ("ts", "z"),
    ("w", "v"),
    ("j", "i"),
    ("y", "i"),
)
FINAL_FF = re.compile(r"(?<=[oe])(?:ff|w)\b")
DOUBLED = re.compile(r"([a-z])\1+")
NOT_LETTERS = re.compile(r"[^a-z ]+")
VOWELS = re.compile(r"(?<=\w)[aeiou]+")


@lru_cache(maxsize=100_000)
def spelling(name: str) -> str:
    """The name as its transliterations and older spellings share it: `Wjatscheslaw Molotow`,
    `Viatcheslav Molotoff` and `Вячеслав Молотов` are all `viacheslav molotov`."""
    text = anyascii(base_forms(name)).lower()
    text = FINAL_FF.sub("v", text)
    for written, sound in SOUNDS:
        text = text.replace(written, sound)
    text = NOT_LETTERS.sub("", DOUBLED.sub(r"\1", text))
    return " ".join(text.split())


def consonants(spelt: str) -> str:
    """A spelling's first letter and the consonants after it in each word: what spellings
    that differ in a vowel share (`gorbachov`, `gorbachev`: `grbchv`)."""
    return VOWELS.sub("", spelt)
