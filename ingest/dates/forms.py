"""What every grammar builds from its forms alike: each form compiled, the shorter forms tried
after it, the one scanner over all of them, and the anchors where a date can start; and the
patterns of numbers that are the same in every language this build reads."""

import re

# A year of the last two millennia, not part of a longer number, a price or a percentage.
YEAR = r"(?<![\d$£€¥#])(?<!\d[.,])(?:1\d{3}|20\d{2})(?!\d|[.,:]\d|\s?%)"
# Any number of up to five digits is a year when an era follows it: `43 BC`, `10,000 B.C.`
ERA_NUMBER = r"(?<![\d$£€¥#])(?<!\d[.,])(?:[1-9]\d?[,.  ]\d{3}|[1-9]\d{0,4})(?![\d,])"
DASH = r"\s*[–—-]\s*"
ISO = r"(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
NUMERIC_MONTH = r"(?:0?[1-9]|1[0-2])"
NUMERIC_YEAR = r"(?:1\d{3}|20\d{2})(?!\d)"  # after a day and month in digits: `1.9.1939`
NEVER = r"(?!)"  # a part a language does not have
DIGITS = re.compile(r"[0-9][0-9]*")  # every date holds a run of ASCII digits


def compiled(forms: dict[str, str]) -> tuple[dict, dict, re.Pattern]:
    """A grammar's FORM_PATTERNS, FORMS_FROM and SCANNER."""
    return form_patterns(forms), forms_from(forms), scanner(forms)


def form_patterns(forms: dict[str, str]) -> dict[str, re.Pattern]:
    return {name: re.compile(pattern) for name, pattern in forms.items()}


def forms_from(forms: dict[str, str]) -> dict[str, list[str]]:
    """Each form, and the shorter forms tried after it where it names no real date."""
    return {name: list(forms)[i:] for i, name in enumerate(forms)}


def scanner(forms: dict[str, str]) -> re.Pattern:
    """One pattern of every form, its parts unnamed: which form starts at a position."""
    return re.compile(
        "|".join(
            f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', pattern)})"
            for name, pattern in forms.items()
        )
    )


def anchor(words: list[str]) -> re.Pattern:
    """Where a date can start: a digit run's first digit or one of `words` (months, seasons)
    starting a word. Every branch starts with a literal and checks the boundary behind it, so
    the search skips ahead quickly."""
    return re.compile(
        "|".join(
            [rf"{digit}(?<!\d{digit})" for digit in "0123456789"]
            + [rf"{re.escape(word)}(?<!\w{re.escape(word)})" for word in words]
        )
    )


def inflected(stems: dict[str, object], endings: str) -> dict[str, object]:
    """Each stem with each of the `|`-separated endings (`""` among them for the bare stem)."""
    return {stem + ending: value for stem, value in stems.items() for ending in endings.split("|")}
