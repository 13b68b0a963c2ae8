"""Russian dates: `23 августа 1939 года`, `01.09.1939`, `в 1939 г.`, `в августе 1939 года`,
`зимой 1941/42 года`, `1920-е годы`, `20-х годов`, `XIX век`, `около 1900`, `до н. э.`, `в
конце 1939 года`, `в прошлом году`. Case endings and the words for year belong to the date.
The parts and names are those of ingest.dates.en; the values are the same in every language."""

import re

from .forms import (
    DASH,
    ERA_NUMBER,
    ISO,
    NEVER,
    NUMERIC_MONTH,
    NUMERIC_YEAR,
    YEAR,
    anchor,
    compiled,
    inflected,
    word_starts,
    words_after,
    written_cases,
)

MONTH_STEMS = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр"]
MONTH_STEMS += ["октябр", "ноябр", "декабр"]
# Keyed by the first three letters, as the finder looks months up: every case of a month.
MONTHS = {stem[:3]: number for number, stem in enumerate(MONTH_STEMS, start=1)}
MONTHS |= {"май": 5, "мая": 5, "мае": 5, "маю": 5}
SEASONS = inflected({"весн": "SP", "зим": "WI"}, "а|ой|ою|ы|у|е")
SEASONS |= inflected({"лет": "SU"}, "о|ом|а|у|е") | inflected({"осен": "FA"}, "ь|ью|и")
ORDINAL_WORDS: dict[str, int] = {}

MONTH = (
    r"(?:(?i:январ[ьяею]|феврал[ьяею]|март[аеу]?|апрел[ьяею]|ма[йяею]|июн[ьяею]|июл[ьяею]"
    r"|август[аеу]?|сентябр[ьяею]|октябр[ьяею]|ноябр[ьяею]|декабр[ьяею])(?!\w)"
    r"|(?:янв|февр?|апр|авг|сент?|окт|нояб?|дек)\.)"
)
DAY = r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:-?(?:го|е))?(?![\d:])"
BC = r"(?:до\s+н\.\s?э\.|до\s+нашей\s+эры|до\s+Р\.\s?Х\.)"
ERA = rf"(?:{BC}|н\.\s?э\.|нашей\s+эры)"
YEAR_WORD = r"(?:\s?(?:года|году|годом|год|гг\.|г\.|г(?!\w)))?"
YEAR_OR_ERA_YEAR = rf"(?:{YEAR}|{ERA_NUMBER}(?={YEAR_WORD}\s?{ERA}))"
ERA_AFTER = rf"{YEAR_WORD}(?:\s?(?P<e>{ERA}))?"
SEASON = r"(?i:весн(?:а|ой|ою|ы|у|е)|зим(?:а|ой|ою|ы|у|е)|лет(?:о|ом|а|у|е)|осен(?:ь|ью|и))"

FORMS = {
    "iso": ISO,
    "dmy_numeric": rf"(?P<d>{DAY})\.(?P<m>{NUMERIC_MONTH})\.(?P<y>{NUMERIC_YEAR}){ERA_AFTER}",
    "day_range_dmy": rf"(?P<d>{DAY})(?:{DASH}|\s+по\s+)(?P<d2>{DAY})\s+(?P<m>{MONTH})\s+"
    rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "dmy": rf"(?P<d>{DAY})\s+(?P<m>{MONTH})\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "my": rf"(?P<m>{MONTH})\s+(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "season": rf"(?P<s>{SEASON})\s+(?P<y>{YEAR})(?:(?:{DASH}|/)(?P<y2>\d\d(?!\d)|{YEAR}))?"
    rf"{YEAR_WORD}",
    "decade": r"(?<![\d$£€])(?P<y>1\d\d0|20\d0|[2-9]0(?=-[ехм]))-(?:ые|ых|ыми|е|х|м|ми)"
    r"(?:\s+(?:годы|годов|годах|годам|годами|гг\.))?(?!\w)",
    "year_range": rf"(?P<y>{YEAR})(?:{DASH}|/)(?P<y2>1\d{{3}}|20\d{{2}}|\d\d)(?![\d%]|[.,]\d)"
    rf"{ERA_AFTER}",
    "year": rf"(?P<y>{YEAR_OR_ERA_YEAR}){ERA_AFTER}",
    "era_range": rf"(?P<y>{ERA_NUMBER})(?P<c>{DASH}|\s+(?:по|до|и)\s+)"
    rf"(?P<y2>{ERA_NUMBER}){YEAR_WORD}\s?(?P<e>{ERA})",
    "dm": rf"(?P<d>{DAY})\s+(?P<m>{MONTH})",
    "month": rf"(?P<m>{MONTH})",
}
FORM_PATTERNS, FORMS_FROM, SCANNERS = compiled(FORMS)
LOOKBACK = len("сентябре по ноябрь ")
ANCHOR = anchor(
    [
        form
        for word in [*MONTH_STEMS[:4], "ма", *MONTH_STEMS[5:], "янв", "фев", "апр", "авг"]
        + ["сен", "окт", "ноя", "дек", "весн", "зим", "лет", "осен"]
        for form in (word, word.capitalize())
    ]
)
# `die 1900er Jahre`, `les années 1900`, `1900-е годы`: a decade, as every other.
HUNDREDS_ARE_CENTURIES = False
MODIFIER_NAMES = inflected({"начал": "beginning of", "конц": "end of"}, "е|а|у|ом")
MODIFIER_NAMES |= {"конец": "end of", "середина": "middle of", "середине": "middle of"}
MODIFIER_NAMES |= {"середины": "middle of", "середину": "middle of"}
MODIFIER_NAMES |= inflected({"перв": "first half of", "втор": "second half of"}, "ая|ой|ую")
MODIFIER_BEFORE = re.compile(
    rf"(?<!\w)(?i:({'|'.join(sorted(MODIFIER_NAMES, key=len, reverse=True))}))"
    r"(?:\s+(?i:половин[аеыу]))?\s+$"
)
MODIFIER_LAST_WORDS = set(MODIFIER_NAMES) | {"половина", "половине", "половины", "половину"}
CIRCA_BEFORE = re.compile(r"(?<!\w)(?i:около|ок\.|примерно|приблизительно|ориентировочно)\s?$")
CIRCA_CHARS = len("приблизительно ")
CIRCA_WORDS = {"около", "ок", "примерно", "приблизительно", "ориентировочно"}
BETWEEN_BEFORE = re.compile(r"(?<!\w)(?i:между)\s+$")
RANGE_CONNECTOR = re.compile(r"\s*(?:[–—-]|/|по|до|и)\s*")
NOT_YEAR_WORDS_BEFORE = ["№", "номер", "стр", "том", "т", "статья", "ст", "глава", "гл"]
NOT_YEAR_WORDS_BEFORE += ["более", "менее", "свыше", "почти", "всего", "лишь", "только"]
NOT_YEAR_BEFORE = re.compile(rf"(?<!\w)(?i:{'|'.join(NOT_YEAR_WORDS_BEFORE)})\.?\s+$")
NOT_YEAR_LAST_WORDS = set(NOT_YEAR_WORDS_BEFORE)
NOT_YEAR_AFTER = words_after(
    "человек|солдат|бойцов|офицеров|рабочих|пленных|убитых|раненых|танков|"
    "самолётов|самолетов|орудий|кораблей|дивизий|членов|голосов|мест|км|километров|миль|метров|"
    "тонн|кг|рублей|марок|франков|долларов|жителей|часов|дней|недель|месяцев|лет|"
    "экземпляров|процентов"
)
PERIOD_NOUN = re.compile(
    r"(?P<century>(?i:век(?:а|е|ом|у)?)(?!\w)|в\.(?!\w))|(?P<centuries>(?i:век(?:ов|ах|ам))"
    r"(?!\w)|вв\.)|(?P<millennium>(?i:тысячелети(?:е|я|ю|ем|и))(?!\w)|тыс\.(?=\s*(?:до|н\.)))"
    r"|(?P<millennia>(?i:тысячелети(?:й|ях|ям))(?!\w))"
)
ORDINAL = r"(?:[IVXLC]+|[1-9]\d?)(?:-?(?:й|го|м|е|ом))?"
ORDINALS_BEFORE = re.compile(
    rf"(?<![\w-])(?:({ORDINAL})(?:\s*[–—-]\s*|\s+(?:и|по)\s+))?({ORDINAL})\s+$"
)
ORDINALS_CHARS = len("XVIII-го и XIX-го ")
ERA_NEXT = re.compile(rf"\s?({ERA})")
PERIOD_HINTS = ("век", "Век", "ВЕК", "в.", "вв.", "тысячелет", "тыс.")

UNITS = inflected({"год": "year"}, "|а|у|ом") | inflected({"месяц": "month"}, "|а|е|ем")
UNITS |= inflected({"недел": "week"}, "я|е|ю|и|ей")
RELATIONS = inflected({"эт": 0, "текущ": 0}, "от|ом|ой|у|ого|ий|ем|ая|ую|ей")
RELATIONS |= inflected({"прошл": -1, "минувш": -1}, "ый|ом|ой|ую|ого|ая|ем|ий|ей")
RELATIONS |= inflected({"следующ": 1, "будущ": 1}, "ий|ем|ей|ую|его|ая")
DAY_WORDS = {"сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2, "послезавтра": 2}
RELATION_WORDS = sorted(written_cases(RELATIONS), key=len, reverse=True)
DEICTIC_DAY_WORDS = written_cases(DAY_WORDS)
DEICTIC = re.compile(
    rf"(?P<relation>{'|'.join(RELATION_WORDS)})\s+"
    r"(?P<unit>год[ауо]?м?|месяц[аеу]?м?|недел[еюия])(?!\w)"
    rf"|(?P<word>{'|'.join(DEICTIC_DAY_WORDS)})(?!\w)|(?P<weekday>{NEVER})"
)
DEICTIC_START = word_starts(RELATION_WORDS + DEICTIC_DAY_WORDS)
# Not read in this language yet: years after an era written first (`A.D. 196`), counted
# deictic dates (`two years ago`), weekdays as dates.
ERA_FIRST = AGO = COUNT_BEFORE = FUTURE_BEFORE = re.compile(NEVER)
ERA_FIRST_WORDS = ERA_BEFORE = WEEKDAY_WORDS_BEFORE = frozenset()
WEEKDAYS, COUNT_WORDS, AGO_CHARS = [], {}, 0
