"""What every grammar builds from its forms alike: each form compiled, the shorter forms tried
after it, the one scanner over all of them, the anchors where a date can start and the starts
of other words searched for; and the patterns of numbers that are the same in every language
this build reads."""

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
# Every date holds a run of ASCII digits. A pattern that starts with a character class, not
# `\d`, is searched for quickly.
DIGITS = re.compile(r"[0-9][0-9]*")


# Most forms start with a number (a day or year: at a digit) or with a word (a month or a
# season), so each kind of anchor is scanned for the forms that can start there: at a digit,
# the branches of the month's forms no longer fail one by one. A form that starts otherwise
# (`années 1920`) is scanned for at both.
NUMBER_PARTS = frozenset(["d", "y"])
WORD_PARTS = frozenset(["m", "s"])
ASCII_DIGITS = "0123456789"


def compiled(forms: dict[str, str]) -> tuple[dict, dict, dict]:
    """A grammar's FORM_PATTERNS, FORMS_FROM and SCANNERS."""
    kinds = {name: anchor_kinds(pattern) for name, pattern in forms.items()}
    return form_patterns(forms), forms_from(forms, kinds), scanners(forms, kinds)


def anchor_kinds(pattern: str) -> frozenset[bool]:
    """Where a form can start: at a digit (True), at a word (False) or at either, by the part
    its pattern starts with past its lookbehinds (which hold no parentheses)."""
    while pattern.startswith(("(?<!", "(?<=")):
        pattern = pattern[pattern.index(")") + 1 :]
    part = pattern.removeprefix("(?P<").partition(">")[0] if pattern.startswith("(?P<") else None
    if part in NUMBER_PARTS:
        return frozenset([True])
    if part in WORD_PARTS:
        return frozenset([False])
    return frozenset([True, False])


def form_patterns(forms: dict[str, str]) -> dict[str, re.Pattern]:
    return {name: re.compile(pattern) for name, pattern in forms.items()}


def forms_from(forms: dict[str, str], kinds: dict[str, frozenset]) -> dict[str, list[str]]:
    """Each form, and the shorter forms tried after it where it names no real date: those
    that can start where it can."""
    names = list(forms)
    return {
        name: [later for later in names[i:] if kinds[later] & kinds[name]]
        for i, name in enumerate(names)
    }


def scanners(forms: dict[str, str], kinds: dict[str, frozenset]) -> dict[bool, re.Pattern]:
    """For an anchor at a digit (True) and at a word (False): one pattern of every form that
    can start there, its parts unnamed: which form starts at a position."""
    return {
        digit: scanner({name: forms[name] for name in forms if digit in kinds[name]})
        for digit in (True, False)
    }


def scanner(forms: dict[str, str]) -> re.Pattern:
    return re.compile(
        "|".join(
            f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', pattern)})"
            for name, pattern in forms.items()
        )
    )


def anchor(words: list[str]) -> re.Pattern:
    """Where a date can start: a digit run's first digit or one of `words` (months, seasons)
    starting a word."""
    digits = [rf"{digit}(?<!\d{digit})" for digit in ASCII_DIGITS]
    return re.compile("|".join(digits + [starting(words)] * bool(words)))


def words_after(words: str) -> re.Pattern:
    """Whether one of the `|`-separated `words`, in any of its written cases, follows: after
    spaces or a dash."""
    cases = written_cases(words.split("|"))
    return re.compile(rf"\s*(?:-\s*)?(?:{common_beginnings(cases)})(?!\w)")


def word_starts(words: list[str]) -> re.Pattern:
    """Where one of `words` (as written) starts a word."""
    return re.compile(starting(words))


def starting(words: list[str]) -> str:
    # A branch for each first letter, which checks the word's boundary behind it, then the rest
    # of the words as a tree of their common beginnings: the search skips ahead to a first
    # letter, then follows one branch. A pattern whose branches start with groups, or with
    # words matched in any case, is tried at every position, ten times slower.
    branches = [
        rf"{re.escape(first)}(?<!\w{re.escape(first)}){common_beginnings(rests)}"
        for first, rests in by_first_letter(words).items()
    ]
    return "|".join(branches) or NEVER


def common_beginnings(words: list[str]) -> str:
    """A pattern of any of `words`, each beginning they share matched once: `a(?:n(?:d)?)?`
    for `a`, `an` and `and`."""
    branches = [
        re.escape(first) + common_beginnings(rests)
        for first, rests in by_first_letter(words).items()
    ]
    if not branches:
        return ""
    optional = "" in words
    if len(branches) == 1 and not optional:
        return branches[0]
    return f"(?:{'|'.join(branches)})" + "?" * optional


def by_first_letter(words: list[str]) -> dict[str, list[str]]:
    """The words that are not empty by their first letter, each without it."""
    groups: dict[str, list[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], []).append(word[1:])
    return groups


def written_cases(words) -> list[str]:
    """Each word as it is written in running text, at the start of a sentence and in
    capitals: `letzten`, `Letzten`, `LETZTEN`."""
    forms = (form for word in words for form in (word, word[:1].upper() + word[1:], word.upper()))
    return list(dict.fromkeys(forms))


def inflected(stems: dict[str, object], endings: str) -> dict[str, object]:
    """Each stem with each of the `|`-separated endings (`""` among them for the bare stem)."""
    return {stem + ending: value for stem, value in stems.items() for ending in endings.split("|")}
