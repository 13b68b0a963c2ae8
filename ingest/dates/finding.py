"""Finding dates in a passage's text, by the forms and words of a language's grammar.

Points are found first; a range is two points joined by a connector (`–`, `to`, `until`, `and`
after `between`), the first point taking the year (and era) of the second where it has none
(`26 May to 4 June 1940`, `3000 to 2500 B.C.`). Expressions whose meaning depends on context
come out unresolved: a yearless day with null bounds, a deictic expression (`yesterday`, `last
week`) as a `Deictic`, for ingest.dates.anchoring to resolve.
"""

import functools
import re
from types import ModuleType

from .forms import ASCII_DIGITS, DIGITS
from .values import (
    PERIOD_YEARS,
    Atom,
    Date,
    Deictic,
    Point,
    astronomical,
    day_number,
    is_real_day,
    iso_day,
)


def month_number(grammar: ModuleType, name: str) -> int:
    """A month's number from its name as written: the grammar's months are keyed by whole
    names where their first three letters are not enough (`juin`, `juillet`), else by those."""
    if name.isdigit():
        return int(name)
    key = name.rstrip(".").lower()
    return grammar.MONTHS.get(key) or grammar.MONTHS[key[:3]]


def era_of(grammar: ModuleType, written: str | None) -> str | None:
    if not written:
        return None
    return "BC" if re.fullmatch(grammar.BC, written.strip()) else "AD"


def modifier_name(grammar: ModuleType, written: str) -> str:
    """The modifier's name as every language stores it (`Anfang` -> `beginning of`)."""
    word = " ".join(written.lower().split())
    return grammar.MODIFIER_NAMES.get(word, word)


def ordinal_number(grammar: ModuleType, written: str) -> int:
    """`nineteenth`, `19th`, `19.`, `XIXe`, `XIX-го` -> 19."""
    word = grammar.ORDINAL_WORDS.get(written.lower())
    if word:
        return word
    digits = LEADING_DIGITS.match(written)
    if digits:
        return int(digits.group())
    total = 0
    numerals = LEADING_ROMAN.match(written).group()
    for numeral, following in zip(numerals, [*numerals[1:], ""], strict=True):
        value = ROMAN[numeral]
        total += -value if following and ROMAN[following] > value else value
    return total


LEADING_DIGITS = re.compile(r"[0-9]+")
LEADING_ROMAN = re.compile(r"[IVXLCDM]*")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def parse_form(
    grammar: ModuleType, form: str, parts: dict[str, str | None], era: str | None
) -> tuple[Point, ...] | None:
    """The points a form's match (its named parts) stands for, or None when it names no real
    day."""
    year = parts.get("y")
    if year:
        year = astronomical(year, era) if era else int(year)
    month = month_number(grammar, parts["m"]) if parts.get("m") else None
    if form in ("year_range", "era_range"):
        end = astronomical(parts["y2"], era)
        if len(parts["y2"]) == 2 and form == "year_range":
            written = int(parts["y"])
            end = astronomical(str(written - written % 100 + int(parts["y2"])), era)
        return (Point("year", year), Point("year", end)) if end > year else None
    if form == "decade":
        if len(parts["y"]) == 2:
            year += 1900  # `les années 20`, `20-е годы`: of the twentieth century
        if year % 100 == 0 and grammar.HUNDREDS_ARE_CENTURIES:
            return (Point("century", year),)
        return (Point("decade", year),)
    if form == "season":
        season = grammar.SEASONS[parts["s"].lower()]
        if parts.get("y2") and (season != "WI" or int(parts["y2"][-2:]) != (year + 1) % 100):
            return None  # only a winter spans two years: `winter of 1941–42`
        return (Point("season", year, season=season),)
    if form in ("year", "month", "my"):
        return (Point("year" if month is None else "month", year, month),)
    days = [day_number(parts["d"])] + ([day_number(parts["d2"])] if parts.get("d2") else [])
    points = tuple(Point("day", year, month, day) for day in days)
    if not all(is_real_day(p) for p in points) or (len(days) == 2 and days[1] <= days[0]):
        return None
    return points


def previous_word(text: str, start: int) -> str:
    words = text[max(0, start - 16) : start].split()
    if not words:
        return ""
    return words[-1].strip("([{\"'“‘").rstrip(".-").lower()


def modifier_before(
    grammar: ModuleType, text: str, start: int, word: str | None = None
) -> re.Match | None:
    if word is None:
        word = previous_word(text, start)
    if word not in grammar.MODIFIER_LAST_WORDS and text[start - 1 : start] != "-":
        return None  # the common case, decided without the regular expression
    return grammar.MODIFIER_BEFORE.search(text, max(0, start - 25), start)


def is_year_in_context(grammar: ModuleType, text: str, start: int, end: int) -> bool:
    if grammar.NOT_YEAR_AFTER.match(text, end, end + 20):
        return False
    return not (
        previous_word(text, start) in grammar.NOT_YEAR_LAST_WORDS
        and grammar.NOT_YEAR_BEFORE.search(text, max(0, start - 25), start)
    )


def with_modifier(grammar: ModuleType, text: str, atom: Atom) -> Atom:
    """The atom widened to a modifier (`early`, `end of the`) or circa marker before it."""
    word = previous_word(text, atom.start)
    modifier = modifier_before(grammar, text, atom.start, word)
    if modifier:
        atom.start = modifier.start()
        atom.modifier = modifier_name(grammar, modifier.group(1))
    elif word in grammar.ERA_FIRST_WORDS:
        era = grammar.ERA_FIRST.search(text, max(0, atom.start - 6), atom.end)
        if era and era.end() == atom.end and atom.era is None:
            atom.start, atom.era = era.start(), "AD"
    elif word in grammar.CIRCA_WORDS:
        circa = grammar.CIRCA_BEFORE.search(
            text, max(0, atom.start - grammar.CIRCA_CHARS), atom.start
        )
        if circa:
            atom.start = circa.start()
            atom.modifier = "approx"
    return atom


def find_atoms(grammar: ModuleType, text: str) -> list[Atom]:
    atoms: list[Atom] = []
    position = 0
    for digits in DIGITS.finditer(text):
        if digits.end() <= position:
            continue
        # A date holds a digit and starts at most a few words before its first one.
        window_start = max(position, digits.start() - grammar.LOOKBACK)
        for anchor in grammar.ANCHOR.finditer(text, window_start, digits.end()):
            start = anchor.start()
            if start < position:
                continue
            match = grammar.SCANNERS[text[start] in ASCII_DIGITS].match(text, start)
            atom = match and atom_at(grammar, text, start, match)
            if not atom:
                continue
            atoms.append(with_modifier(grammar, text, atom) if atom.complete else atom)
            position = atom.end
        if (
            position < digits.end()
            and text[digits.start() - 2 : digits.start()] in grammar.ERA_BEFORE
        ):
            # `A.D. 196`: a number after an era written first, no year by itself
            era = grammar.ERA_FIRST.search(
                text, max(position, digits.start() - 6), digits.end() + 4
            )
            if era and era.start(1) == digits.start():
                atoms.append(Atom(era.start(), era.end(), (Point("year", int(era[1])),), True))
                position = era.end()
    return atoms


def atom_at(grammar: ModuleType, text: str, start: int, scanned: re.Match) -> Atom | None:
    """The longest form at `start` that names a real date: when `31 February 1939` does not,
    `February 1939` is not tried here but found from the next position."""
    for name in grammar.FORMS_FROM[scanned.lastgroup]:
        if name == scanned.lastgroup:
            end = scanned.end()  # the scanner matched this form's pattern, its parts unnamed
        elif match := grammar.FORM_PATTERNS[name].match(text, start):
            end = match.end()
        else:
            continue
        points, era, listed = form_points(grammar, name, text, start, end)
        if (
            name in ("year", "year_range")
            and not era
            and not is_year_in_context(grammar, text, start, end)
        ):
            return None  # a count or a label (`1200–1500 tanks`), not a shorter date
        if listed and not grammar.BETWEEN_BEFORE.search(text, max(0, start - 12), start):
            continue  # `in 500 and 400 BC`: a list
        if points is not None:
            return Atom(start, end, points, complete=name != "month", era=era)
    return None


def form_points(
    grammar: ModuleType, name: str, text: str, start: int, end: int
) -> tuple[tuple[Point, ...] | None, str | None, bool]:
    """The points the form `name` written from `start` to `end` stands for (None when it
    names no real day), its era, and whether it is two years joined by `and`, a range only
    after `between`. What a form's words mean does not depend on the text around them, and
    a corpus writes the same dates again and again: each is worked out once."""
    key = (grammar, name, text[start:end])
    known = KNOWN_FORMS.get(key)
    if known is None:
        if len(KNOWN_FORMS) >= KNOWN_FORMS_LIMIT:
            KNOWN_FORMS.clear()
        parts = grammar.FORM_PATTERNS[name].match(text, start).groupdict()
        era = era_of(grammar, parts.get("e"))
        listed = name == "era_range" and parts["c"].strip() == "and"
        known = KNOWN_FORMS[key] = (parse_form(grammar, name, parts, era), era, listed)
    return known


KNOWN_FORMS: dict[tuple, tuple[tuple[Point, ...] | None, str | None]] = {}
KNOWN_FORMS_LIMIT = 20_000


def find_period_atoms(grammar: ModuleType, text: str) -> list[Atom]:
    """Centuries and millennia: `the nineteenth century`, `the 5th century B.C.`."""
    atoms = []
    for noun in grammar.PERIOD_NOUN.finditer(text):
        ordinals = grammar.ORDINALS_BEFORE.search(
            text, max(0, noun.start() - grammar.ORDINALS_CHARS), noun.start()
        )
        plural = noun.lastgroup in PLURAL_PERIODS
        if not ordinals or (plural and not ordinals.group(1)):
            continue  # `the first centuries`: no one period
        era = grammar.ERA_NEXT.match(text, noun.end())
        era_name = era_of(grammar, era and era.group(1))
        precision = PLURAL_PERIODS.get(noun.lastgroup, noun.lastgroup)
        points = tuple(
            period_point(grammar, precision, written, era_name)
            for written in ordinals.groups()
            if written is not None
        )
        if points[0].year > points[-1].year:
            continue  # `the fifth and third centuries`: a list
        end = era.end() if era else noun.end()
        atoms.append(
            with_modifier(grammar, text, Atom(ordinals.start(), end, points, True, era=era_name))
        )
    return atoms


PLURAL_PERIODS = {"centuries": "century", "millennia": "millennium"}


def period_point(grammar: ModuleType, precision: str, ordinal: str, era: str | None) -> Point:
    """The Nth century runs from year (N-1)*100 to (N-1)*100+99; the Nth century BC from
    year 1-N*100 (`5th century BC`: -499 to -400); millennia alike."""
    number = ordinal_number(grammar, ordinal)
    length = PERIOD_YEARS[precision]
    return Point(precision, 1 - number * length if era == "BC" else (number - 1) * length)


def joins_as_range(grammar: ModuleType, text: str, first: Atom, second: Atom) -> bool:
    connector = grammar.RANGE_CONNECTOR.fullmatch(text, first.end, second.start)
    if not connector or second.points[0].year is None:
        return False
    if connector.group().strip() == "and":
        return bool(grammar.BETWEEN_BEFORE.search(text, max(0, first.start - 12), first.start))
    return len(first.points) == 1 and len(second.points) == 1


def range_ends(first_atom: Atom, last_atom: Atom) -> tuple[Point, Point] | None:
    """The two ends of a range, the first taking the year of the last where it has none, and
    its era (`3000 to 2500 B.C.`); None when the first would not come before the last."""
    first, last = first_atom.points[0], last_atom.points[-1]
    if first.year is None:
        first = first.with_year(last.year)
        if first.precision == "day" and not is_real_day(first):
            return None  # `29 February to 1939`
        if first.bounds()[0] > last.bounds()[0]:
            first = first.with_year(last.year - 1)
            if first.precision == "day" and not is_real_day(first):
                return None
    elif last_atom.era == "BC" and not first_atom.era and first.precision == "year":
        first = first.with_year(1 - first.year)
    return (first, last) if first.bounds()[0] <= last.bounds()[1] else None


def merge_ranges(grammar: ModuleType, text: str, atoms: list[Atom]) -> list[Atom]:
    merged: list[Atom] = []
    for atom in atoms:
        previous = merged[-1] if merged else None
        ends = (
            range_ends(previous, atom)
            if previous and joins_as_range(grammar, text, previous, atom)
            else None
        )
        if ends:
            merged[-1] = Atom(previous.start, atom.end, ends, True, previous.modifier, atom.era)
        else:
            merged.append(atom)
    return [atom for atom in merged if atom.complete]


def to_date(text: str, atom: Atom) -> Date:
    value, earliest, latest, precision, year_start, year_end = date_values(atom.points)
    # what Date's constructor does, without its Python call: most passages have a date
    return tuple.__new__(
        Date,
        (
            atom.start,
            atom.end,
            text[atom.start : atom.end],
            value,
            earliest,
            latest,
            precision,
            atom.modifier,
            year_start,
            year_end,
            None,  # its anchor: ingest.dates.anchoring's to give
        ),
    )


@functools.lru_cache(maxsize=20_000)  # a corpus names the same days again and again
def date_values(points: tuple[Point, ...]) -> tuple:
    """A date's value, earliest and latest days, precision, and first and last years."""
    first, last = points[0], points[-1]
    is_range = len(points) > 1
    value = f"{first.value()}/{last.value()}" if is_range else first.value()
    first_bounds = first.bounds()
    last_bounds = last.bounds() if is_range else first_bounds
    return (
        value,
        iso_day(first_bounds[0]) if first_bounds else None,
        iso_day(last_bounds[1]) if last_bounds else None,
        "range" if is_range else first.precision,
        first_bounds[0][0] if first_bounds else None,
        last_bounds[1][0] if last_bounds else None,
    )


def find_deictics(grammar: ModuleType, text: str) -> list[Deictic]:
    found = []
    position = 0
    while start := grammar.DEICTIC_START.search(text, position):
        match = grammar.DEICTIC.match(text, start.start())
        deictic = match and deictic_at(grammar, text, match)
        if deictic:
            found.append(deictic)
        position = match.end() if match else start.start() + 1
    for ago in grammar.AGO.finditer(text):
        count = grammar.COUNT_BEFORE.search(
            text, max(0, ago.start() - grammar.AGO_CHARS), ago.start() + 1
        )
        if count:
            number = count.group(1).lower()
            offset = -(int(number) if number.isdigit() else grammar.COUNT_WORDS[number])
            found.append(
                Deictic(
                    count.start(),
                    ago.end(),
                    text[count.start() : ago.end()],
                    grammar.UNITS[count.group(2).lower()],
                    offset,
                )
            )
    found.sort()
    modified = []
    for deictic in found:
        modifier = modifier_before(grammar, text, deictic.start)
        if modifier:
            deictic = deictic._replace(
                start=modifier.start(),
                text=text[modifier.start() : deictic.end],
                modifier=modifier_name(grammar, modifier.group(1)),
            )
        modified.append(deictic)
    return modified


def deictic_at(grammar: ModuleType, text: str, match: re.Match) -> Deictic | None:
    start, end = match.span()
    if match.group("word"):
        offset = grammar.DAY_WORDS[match.group("word").lower()]
        return Deictic(start, end, match.group(), "day", offset)
    if match.group("weekday"):
        before = text[max(0, start - 16) : start].split()
        if before and before[-1][:1].isupper() and before[-1] not in grammar.WEEKDAY_WORDS_BEFORE:
            return None
        clause = grammar.FUTURE_BEFORE.search(text, max(0, start - 60), start)
        weekday = grammar.WEEKDAYS.index(match.group("weekday"))
        return Deictic(start, end, match.group(), "weekday", 1 if clause else -1, weekday)
    parts = match.groupdict()
    # a relation before its unit (`last year`, `letztes Jahr`) or after it (`l'année dernière`)
    offset = grammar.RELATIONS[(parts["relation"] or parts.get("relation_after")).lower()]
    unit = parts["unit"] or parts.get("unit_first")
    if unit in grammar.WEEKDAYS:
        # `last Friday`: the one before the document's day; `this Friday`: of its week
        return Deictic(
            start, end, match.group(), "weekday", offset * 2 or 0, grammar.WEEKDAYS.index(unit)
        )
    key = unit.lower()
    if key in grammar.SEASONS:
        return Deictic(start, end, match.group(), "season", offset, grammar.SEASONS[key])
    if key in grammar.UNITS:
        return Deictic(start, end, match.group(), grammar.UNITS[key], offset)
    return Deictic(start, end, match.group(), "month_name", offset, month_number(grammar, unit))


def dates_in(grammar: ModuleType, text: str, deictic: bool = False) -> list[Date | Deictic]:
    """Every date in a passage's clean text, in order, as far as the text alone fixes it:
    yearless days with null bounds; with `deictic` (for a document with a date), deictic
    expressions unresolved (see DateContext)."""
    atoms = find_atoms(grammar, text)
    # Most passages name no century: substring tests, in a loop rather than a generator, are
    # ten times quicker than the search.
    for hint in grammar.PERIOD_HINTS:
        if hint in text:
            periods = find_period_atoms(grammar, text)
            if periods:
                atoms = sorted(atoms + periods, key=lambda atom: atom.start)
            break
    dates: list[Date | Deictic] = (
        [to_date(text, atom) for atom in merge_ranges(grammar, text, atoms)] if atoms else []
    )
    deictics = deictic and find_deictics(grammar, text)
    if deictics:
        taken = [(date.start, date.end) for date in dates]
        dates += [d for d in deictics if not any(s < d.end and d.start < e for s, e in taken)]
        dates.sort(key=lambda date: date.start)
    return dates
