"""Names found by rule: by their shape (`Treaty of Versailles`, `Munich Agreement`, `Black
Sea`, `Operation Barbarossa`), by the closed list of short forms, or as quoted treaty titles.

Name shapes are read over runs of capitalised words found once each by a pattern that cannot
backtrack, then word by word: linear in the text, whatever runs of capitals it holds.
"""

import re
from collections.abc import Iterator
from types import ModuleType
from typing import NamedTuple

from .spans import Mention, Taken, clean_span


class Run(NamedTuple):
    """A run of capitalised words joined by single spaces or dashes."""

    start: int
    end: int
    words: list[tuple[int, int]]


def name_runs(lexicon: ModuleType, text: str) -> list[Run]:
    return [
        Run(
            run.start(), run.end(), [w.span() for w in lexicon.RUN_WORD.finditer(text, *run.span())]
        )
        for run in lexicon.NAME_RUN.finditer(text)
    ]


def bare_end(lexicon: ModuleType, text: str, word: tuple[int, int]) -> int:
    """The end of a word's letters and digits: `Pact` of `Pact.`, `Plan` of `Plan's`."""
    return lexicon.BARE_WORD.match(text, *word).end()


def starts_with_month(lexicon: ModuleType, text: str, run: Run) -> bool:
    first = run.words[0]
    return text[first[0] : bare_end(lexicon, text, first)] in lexicon.MONTH_NAMES


def joined(lexicon: ModuleType, pattern: re.Pattern, text: str, runs: list[Run], i: int) -> bool:
    """Run i and the next are one name's parts, joined by what `pattern` allows, and the next
    is no month (`the Pact of August 1939`)."""
    if i + 1 >= len(runs):
        return False
    gap_start, gap_end = runs[i].end, runs[i + 1].start
    return (
        gap_end - gap_start <= lexicon.LONGEST_GAP
        and pattern.fullmatch(text, gap_start, gap_end) is not None
        and not starts_with_month(lexicon, text, runs[i + 1])
    )


def opener_of_names(
    lexicon: ModuleType, text: str, runs: list[Run], openers: set[str], connected: bool
):
    """`Treaty of Versailles`, `German-Soviet Treaty of X`, `Congress of A and B`: a run
    ending in an opener, `of`, and the name that follows (with the names joined to it by
    `of`, `and`, `the`... when `connected`). With `connected`, the run's words before the
    opener belong to the name."""
    i = 0
    while i < len(runs):
        opener = runs[i].words[-1]
        if text[opener[0] : opener[1]] in openers and joined(
            lexicon, lexicon.OF_GAP, text, runs, i
        ):
            j = i + 1
            while connected and joined(lexicon, lexicon.CONNECTOR_GAP, text, runs, j):
                j += 1
            start = opener[0]
            if connected and len(runs[i].words) > 1 and text[start - 1] == " ":
                start = runs[i].start
            yield start, runs[j].end
            i = j + 1
        else:
            i += 1


def head_names(
    lexicon: ModuleType, text: str, runs: list[Run], heads: set[str], ordinal: bool = False
):
    """`Munich Agreement`, `Winter War`, `Black Sea`: a run's words up to its last head
    word, and with `ordinal` a numeral after it (`World War II`)."""
    for run in runs:
        for k in range(len(run.words) - 1, 0, -1):
            word = run.words[k]
            end = bare_end(lexicon, text, word)
            if text[word[0] : end] in heads and text[word[0] - 1] == " ":
                following = run.words[k + 1] if k + 1 < len(run.words) else None
                if ordinal and following and end == word[1] and text[end] == " ":
                    numeral_end = bare_end(lexicon, text, following)
                    if text[following[0] : numeral_end] in lexicon.ORDINALS:
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


def name_shapes(lexicon: ModuleType, text: str) -> Iterator[tuple[str, int, int]]:
    """(type, start, end) of the names English writes in recognisable shapes, the most
    specific shapes first."""
    runs = name_runs(lexicon, text)
    for start, end in opener_of_names(lexicon, text, runs, lexicon.LAW_OPENERS, connected=True):
        yield "LAW", start, end
    for start, end in opener_of_names(lexicon, text, runs, lexicon.EVENT_OPENERS, connected=True):
        suffix = lexicon.EVENT_PARTY_SUFFIX.match(text, end)
        yield "EVENT", start, suffix.end() if suffix else end
    for start, end in opener_names(text, runs, {"Operation"}, one_word=True):
        yield "EVENT", start, end
    for start, end in head_names(lexicon, text, runs, lexicon.LAW_HEADS):
        yield "LAW", start, end
    for start, end in head_names(lexicon, text, runs, lexicon.EVENT_HEADS, ordinal=True):
        yield "EVENT", start, end
    for start, end in opener_of_names(
        lexicon, text, runs, lexicon.PLACE_OF_OPENERS, connected=False
    ):
        yield "LOC", start, end
    for start, end in opener_names(text, runs, lexicon.PLACE_OPENERS):
        yield "LOC", start, end
    for start, end in head_names(lexicon, text, runs, lexicon.PLACE_HEADS):
        yield "LOC", start, end


def rule_mentions(lexicon: ModuleType, text: str, taken: Taken | None = None) -> list[Mention]:
    """Names found by their shape, by a list of them, or as quoted treaty titles; each covers
    characters no earlier one covers."""
    if taken is None:
        taken = Taken(len(text))
    found: list[Mention] = []

    def add(start: int, end: int, label: str, rule: str) -> None:
        if taken.take_if_free(start, end):
            found.append(Mention(start, end, text[start:end], label, rule))

    for match in lexicon.QUOTED_LAW.finditer(text):
        add(match.start(), match.end(), "LAW", "rule:quoted-title")
    for label, shape_start, shape_end in name_shapes(lexicon, text):
        for start, end in clean_span(lexicon, text, shape_start, shape_end, label):
            if is_named(text[start:end]):
                add(start, end, label, f"rule:{label.lower()}-name")
    for match in lexicon.RIVER_LIST.finditer(text):
        for name in lexicon.LISTED_NAME.finditer(text, match.start() + len("rivers"), match.end()):
            add(name.start(), name.end(), "LOC", "rule:river-list")
    for match in lexicon.SHORT_FORM.finditer(text):
        add(match.start(), match.end(), lexicon.SHORT_FORMS[match.group()], "rule:short-form")
    return found


def is_named(span: str) -> bool:
    """More than a head word: `Conference` alone, or `The Pact`, names nothing."""
    return len(span.split()) > 1 or span.startswith(("Operation",))
