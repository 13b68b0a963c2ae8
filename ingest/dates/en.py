"""English dates: the words and forms the finder (ingest.dates.finding) reads.

A grammar is one module of names: the forms (`FORMS`, each a pattern with named parts: `d`
day, `m` month, `y` year, `y2` a range's second year, `s` season, `e` era, `c` a range's
connector) and the scanners built from them; the words before a date that modify it, make a
bare number no year, or place a century; and the deictic words. Another language is another
such module named in ingest.languages.
"""

import calendar
import re

from .forms import anchor, compiled, word_starts, words_after, written_cases

MONTHS = {
    name.lower()[:3]: number
    for number, name in enumerate(calendar.month_name)
    if name  # the first entry is empty
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
        + ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"]
        + ["sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"],
        start=1,
    )
}
ORDINAL_WORDS |= {f"twenty{joint}first": 21 for joint in ("-", " ")}

MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|(?:Jan|Feb|Apr|Aug"
    r"|Sept|Oct|Nov|Dec)\b)"
)
DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?<![\d$£€¥#])(?<!\d[.,])(?:1\d{3}|20\d{2})(?!\d|[.,:]\d|\s?%)"
DASH = r"\s*[–—-]\s*"
BC = r"(?:[Bb]\.\s?[Cc]\.(?:\s?[Ee]\.)?|BCE?\b)"
ERA = rf"(?:{BC}|A\.\s?D\.|AD\b|C\.E\.|CE\b)"
# Any number of up to five digits is a year when an era follows it: `43 BC`, `10,000 B.C.`
ERA_NUMBER = r"(?<![\d$£€¥#])(?<!\d[.,])(?:[1-9]\d?,\d{3}|[1-9]\d{0,4})(?![\d,])"
YEAR_OR_ERA_YEAR = rf"(?:{YEAR}|{ERA_NUMBER}(?=\s?{ERA}))"
ERA_AFTER = rf"(?:\s?(?P<e>{ERA}))?"

# Each form has named parts; the scanner uses the same patterns without the names.
FORMS = {
    "iso": r"(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)",
    "day_range_dmy": rf"(?P<d>{DAY}){DASH}(?P<d2>{DAY})\s+(?P<m>{MONTH}),?\s+"
    rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "day_range_mdy": rf"(?P<m>{MONTH})\s+(?P<d>{DAY}){DASH}(?P<d2>{DAY}),?\s+"
    rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "dmy": rf"(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH}),?\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "mdy": rf"(?P<m>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "my": rf"(?P<m>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "season": rf"(?P<s>(?i:spring|summer|autumn|fall|winter))\s+(?:of\s+)?(?P<y>{YEAR})"
    rf"(?:{DASH}(?P<y2>\d\d(?!\d)|{YEAR}))?",
    "decade": r"(?<![\d$£€])(?P<y>1\d\d0|20\d0)'?s\b",
    "year_range": rf"(?P<y>{YEAR})(?:{DASH}|/)(?P<y2>1\d{{3}}|20\d{{2}}|\d\d)(?![\d%]|[.,]\d)"
    rf"{ERA_AFTER}",
    "year": rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    # `500–400 BC`, `550 to 330 B.C.`: the era after the second year is both years' era.
    "era_range": rf"(?P<y>{ERA_NUMBER})(?P<c>{DASH}|\s+(?:to|until|till|and)\s+)"
    rf"(?P<y2>{ERA_NUMBER})\s?(?P<e>{ERA})",
    "dm": rf"(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})",
    "md": rf"(?P<m>{MONTH})\s+(?P<d>{DAY})(?!,?\s*\d)",
    "month": rf"(?P<m>{MONTH})",
}
FORM_PATTERNS, FORMS_FROM, SCANNERS = compiled(FORMS)

# Every form starts with a digit run, a month or a season: the full forms are tried only there.
# Every form's first digit is an ASCII one, so other scripts' digits never start a date.
LOOKBACK = len("September to November ")
ANCHOR_WORDS = [
    *(name[:3] for name in calendar.month_name if name),
    *written_cases(SEASONS),
]
ANCHOR = anchor(ANCHOR_WORDS)
MODIFIERS = [
    "early",
    "late",
    "mid",
    "end of",
    "beginning of",
    "start of",
    "middle of",
    "turn of",
    "close of",
    "first half of",
    "second half of",
    "latter half of",
]
MODIFIER_BEFORE = re.compile(rf"\b(?i:({'|'.join(MODIFIERS)})(?:\s+the)?)(?:\s*-\s*|\s+)$")
MODIFIER_LAST_WORDS = {phrase.split()[-1] for phrase in MODIFIERS} | {"the"}
# `the 1800s` is English for the nineteenth century, not its first decade.
HUNDREDS_ARE_CENTURIES = True
MODIFIER_NAMES: dict[str, str] = {}  # English modifiers are stored as written
# A circa marker before a date (`c. 1517`, `c.1517`, `ca. 1500`, `circa 1500`): modifier approx.
CIRCA_BEFORE = re.compile(r"\b(?:ca?\.|[Cc]irca)\s?$")
CIRCA_CHARS = len("circa ")
CIRCA_WORDS = {"c", "ca", "circa"}
ERA_FIRST_WORDS = {"a.d", "ad", "d"}  # `A.D. 1066`, `AD 1066`, `A. D. 1066`
BETWEEN_BEFORE = re.compile(r"\b(?i:between)\s+(?:the\s+)?$")
RANGE_CONNECTOR = re.compile(r"\s*(?:[–—-]|/|to|until|till|through|and)\s*")
# A bare number is no year when it counts things or labels something.
NOT_YEAR_WORDS_BEFORE = [
    "no",
    "nos",
    "number",
    "numbers",
    "p",
    "pp",
    "page",
    "pages",
    "vol",
    "volume",
    "resolution",
    "flight",
    "route",
    "room",
    "article",
    "section",
    "chapter",
    "model",
    "type",
    "code",
    "serial",
    "platform",
    "highway",
    "some",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "only",
    "exactly",
    "total of",
    "more than",
    "less than",
    "fewer than",
    "at least",
    "at most",
    "up to",
    "population of",
    "sum of",
    "number of",
    "force of",
    "strength of",
    "garrison of",
    "crew of",
    "budget of",
    "price of",
    "cost of",
    "fine of",
    "salary of",
    "height of",
    "altitude of",
    "depth of",
    "length of",
    "distance of",
    "range of",
    "capacity of",
]
NOT_YEAR_BEFORE = re.compile(rf"\b(?i:{'|'.join(NOT_YEAR_WORDS_BEFORE)})\.?\s+$")
NOT_YEAR_LAST_WORDS = {phrase.split()[-1] for phrase in NOT_YEAR_WORDS_BEFORE}
NOT_YEAR_AFTER = words_after(
    "men|women|people|persons|soldiers|troops|officers|workers|prisoners|"
    "refugees|casualties|dead|killed|wounded|tanks|aircraft|planes|guns|ships|vessels|"
    "trucks|vehicles|rifles|divisions|regiments|members|delegates|votes|seats|km|"
    "kilometres|kilometers|miles|metres|meters|feet|ft|yards|tons|tonnes|kg|pounds|"
    "dollars|marks|roubles|rubles|francs|acres|hectares|square|hours|hrs|minutes|days|"
    "weeks|months|years|times|copies|words|percent|per cent|residents|inhabitants|"
    "households|families|students|employees|jobs|units|cases"
)


# An era before the year (`A.D. 196`) is found by itself: most passages have none.
ERA_FIRST = re.compile(r"(?<![\w.])(?:A\.\s?D\.|AD)\s?([1-9]\d{0,3})(?![\d,])")
ERA_BEFORE = {". ", "D ", "D.", "AD"}  # the two characters before a year with an era first
# Centuries and millennia are found by their noun: written in words they hold no digit.
PERIOD_NOUN = re.compile(
    r"(?P<century>[Cc]entury|CENTURY)|(?P<centuries>[Cc]enturies|CENTURIES)"
    r"|(?P<millennium>[Mm]illennium|MILLENNIUM)|(?P<millennia>[Mm]illennia|MILLENNIA)"
)
ORDINAL = (
    "(?:" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r"|[1-9]\d?(?:st|nd|rd|th))"
)
# `the nineteenth century`, `the 4th–2nd century B.C.`, `the fifth and sixth centuries`
ORDINALS_BEFORE = re.compile(
    rf"\b(?i:(?:({ORDINAL})(?:\s*[–—-]\s*|\s+(?:and|to)\s+(?:the\s+)?))?({ORDINAL}))[\s-]+$"
)
ORDINALS_CHARS = len("seventeenth and the eighteenth ")
ERA_NEXT = re.compile(rf"\s?({ERA})")
# Deictic expressions, dates only against the document's own date, found where one of their
# first words starts a word.
WEEKDAYS = list(calendar.day_name)
DEICTIC_UNITS = ["year", "month", "week", *SEASONS, *calendar.month_name[1:], *WEEKDAYS]
# Each deictic word, lowercase, and how many units from the document's own it counts.
RELATIONS = {"this": 0, "last": -1, "next": 1}
UNITS = {unit: unit for unit in ("year", "month", "week", "day")}
DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}
RELATION_WORDS = [form for word in RELATIONS for form in (word.title(), word)]
DEICTIC_DAY_WORDS = [form for word in DAY_WORDS for form in (word.title(), word)]
DEICTIC = re.compile(
    rf"(?P<relation>{'|'.join(RELATION_WORDS)})"
    r"\s+(?:(?:fiscal|financial|academic|school)\s+(?=year))?"
    rf"(?P<unit>{'|'.join(DEICTIC_UNITS)})\b"
    rf"|(?P<word>{'|'.join(DEICTIC_DAY_WORDS)})\b|(?P<weekday>{'|'.join(WEEKDAYS)})\b"
)
DEICTIC_START = word_starts(RELATION_WORDS + DEICTIC_DAY_WORDS + WEEKDAYS)
AGO = re.compile(r" ago\b")
COUNT_BEFORE = re.compile(
    r"\b(?i:(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(year|month|week|day)s?)\s$"
)
COUNT_WORDS = {
    word: number
    for number, word in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], start=1
    )
} | {"a": 1, "an": 1}
AGO_CHARS = len("seven months ")
# A weekday's nearest occurrence is a past one unless the clause speaks of the future.
FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|'ll|going to|plans? to|expected to|scheduled|due to|set to)\b[^.;!?]*$"
)
# `Good Friday`, `Black Monday`: a capitalised word before a weekday makes it a name.
WEEKDAY_WORDS_BEFORE = {"On", "By", "Since", "Until", "Till", "From", "Before", "After", "And"}
# Words a passage holds where it names a century or millennium.
PERIOD_HINTS = ("entur", "illenni", "ENTUR", "ILLENNI")
