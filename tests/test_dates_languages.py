"""Dates in German, French and Russian: the guidelines' forms ("Other languages"), with the
same values as English; and each grammar in linear time."""

import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.dates import DateContext, extract_dates, find_dates
from ingest.dates.forms import scanner, word_starts
from ingest.languages import date_grammar

from .conftest import best_times

DATA = Path(__file__).parent / "data"
SOURCES = DATA / "languages" / "sources"

FORMS = {
    "de": [
        ("Am 23. August 1939 unterzeichneten", "23. August 1939", "1939-08-23"),
        ("Am 15. März 1939 besetzte", "15. März 1939", "1939-03-15"),
        ("Der Angriff begann im Mai 1940.", "Mai 1940", "1940-05"),
        ("am 1.9.1939 um 4.45 Uhr", "1.9.1939", "1939-09-01"),
        ("vom 17. bis 19. September 1939", "17. bis 19. September 1939", "1939-09-17/1939-09-19"),
        ("die 1920er Jahre", "1920er Jahre", "192X"),
        ("im Winter 1941/42", "Winter 1941/42", "1941-WI"),
        ("das 19. Jahrhundert", "19. Jahrhundert", "18"),
        ("Ende des 18. Jahrhunderts", "Ende des 18. Jahrhunderts", "17"),
        ("um 1900 entstand", "um 1900", "1900"),
        ("im Jahre 44 v. Chr.", "44 v. Chr.", "-0043"),
        ("zwischen 1939 und 1945", "1939 und 1945", "1939/1945"),
        ("Anfang 1939 wurde", "Anfang 1939", "1939"),
        ("Im August des Jahres 1914", "August des Jahres 1914", "1914-08"),
    ],
    "fr": [
        ("signé le 23 août 1939 à Moscou", "23 août 1939", "1939-08-23"),
        ("le 1er septembre 1939, l'Allemagne", "1er septembre 1939", "1939-09-01"),
        ("en juin 1941 et en juillet 1941", "juin 1941", "1941-06"),
        ("l'hiver 1941-1942", "hiver 1941-1942", "1941-WI"),
        ("les années 1920", "années 1920", "192X"),
        ("les années 30", "années 30", "193X"),
        ("le XIXe siècle", "XIXe siècle", "18"),
        ("vers 1900", "vers 1900", "1900"),
        ("en 52 av. J.-C.", "52 av. J.-C.", "-0051"),
        ("fin août 1939", "fin août 1939", "1939-08"),
        ("de 1939 à 1945", "1939 à 1945", "1939/1945"),
        ("le 3/9/1939", "3/9/1939", "1939-09-03"),
        ("du 23 au 24 août 1939", "23 au 24 août 1939", "1939-08-23/1939-08-24"),
    ],
    "ru": [
        ("подписан 23 августа 1939 года в Москве", "23 августа 1939 года", "1939-08-23"),
        ("в 1939 г. был", "1939 г.", "1939"),
        ("в августе 1939 года", "августе 1939 года", "1939-08"),
        ("22 июня 1941 года", "22 июня 1941 года", "1941-06-22"),
        ("1920-е годы", "1920-е годы", "192X"),
        ("в 20-х годах", "20-х годах", "192X"),
        ("XIX век", "XIX век", "18"),
        ("в начале XX века", "начале XX века", "19"),
        ("около 1900", "около 1900", "1900"),
        ("в 500 г. до н. э.", "500 г. до н. э.", "-0499"),
        ("зимой 1941/42 года", "зимой 1941/42 года", "1941-WI"),
        ("01.09.1939", "01.09.1939", "1939-09-01"),
        ("с 1939 по 1945 год", "1939 по 1945 год", "1939/1945"),
        ("в 1941—1945 гг.", "1941—1945 гг.", "1941/1945"),
    ],
}


@pytest.mark.parametrize(
    "language, text, span, value",
    [(language, *case) for language, cases in FORMS.items() for case in cases],
)
def test_each_language_writes_its_dates_and_they_mean_what_english_ones_do(
    language, text, span, value
):
    found = extract_dates(text, grammar=date_grammar(language))
    assert [(date.text, date.value) for date in found][:1] == [(span, value)]


@pytest.mark.parametrize(
    "language, text, modifier",
    [
        ("de", "Mitte August 1939", "middle of"),
        ("de", "Ende der 1920er Jahre", "end of"),
        ("fr", "au début des années 1930", "beginning of"),
        ("fr", "mi-août 1939", "mid"),
        ("ru", "в конце 1939 года", "end of"),
        ("ru", "в первой половине 1939 года", "first half of"),
        ("de", "um 1900", "approx"),
        ("ru", "около 1900", "approx"),
    ],
)
def test_modifiers_are_stored_by_the_same_names_in_every_language(language, text, modifier):
    (date,) = extract_dates(text, grammar=date_grammar(language))
    assert date.modifier == modifier


@pytest.mark.parametrize(
    "language, text, expected",
    [
        ("de", "Gestern unterzeichnet, letztes Jahr nicht.", ["1939-08-23", "1938"]),
        ("fr", "Hier, le traité. L'année dernière, non.", ["1939-08-23", "1938"]),
        ("ru", "Вчера был подписан договор. В прошлом году нет.", ["1939-08-23", "1938"]),
        ("de", "VORIGES Jahr, im Paradies Jahre lang, nächste Woche", ["1938", "1939-W35"]),
        ("fr", "Ce mois, Louis XVIIIe mois et ce semainier", ["1939-08"]),
        ("ru", "ЗАВТРА и в будущем году, но послевчера нет", ["1939-08-25", "1940"]),
    ],
)
def test_deictic_words_of_each_language_count_from_the_documents_date(language, text, expected):
    found = extract_dates(text, DateContext("1939-08-24"), grammar=date_grammar(language))
    assert [date.value for date in found] == expected


def test_a_yearless_day_takes_its_year_from_the_narrative_in_every_language():
    context = DateContext()
    grammar = date_grammar("de")
    extract_dates("Im Jahr 1939 verhandelte man.", context, grammar)
    (date,) = extract_dates("Am 23. August kam Ribbentrop.", context, grammar)
    assert (date.value, date.anchor) == ("1939-08-23", "narrative")


def test_counts_and_labels_are_no_years_in_other_languages():
    assert extract_dates("über 1500 Panzer", grammar=date_grammar("de")) == []
    assert extract_dates("1200 chars et 1500 avions", grammar=date_grammar("fr")) == []
    assert extract_dates("1500 танков", grammar=date_grammar("ru")) == []


WORDS = {
    "de": [
        "23.",
        "1.",
        "August",
        "März",
        "Jahrhundert",
        "Jahrhunderts",
        "19.",
        "1920er",
        "Jahre",
        "v.",
        "Chr.",
        "um",
        "Anfang",
        "Ende",
        "der",
        "des",
        "bis",
        "und",
        "zwischen",
        "Winter",
        "1941/42",
        "letzten",
        "Jahres",
        "heute",
        "1939",
        "–",
        "1.9.",
    ],
    "fr": [
        "23",
        "1er",
        "août",
        "septembre",
        "années",
        "XIXe",
        "siècle",
        "siècles",
        "vers",
        "av.",
        "J.-C.",
        "fin",
        "début",
        "au",
        "des",
        "mi-",
        "et",
        "à",
        "entre",
        "hiver",
        "1941-1942",
        "l'année",
        "dernière",
        "hier",
        "1939",
        "–",
    ],
    "ru": [
        "23",
        "августа",
        "1939",
        "года",
        "г.",
        "в",
        "XIX",
        "века",
        "век",
        "около",
        "до",
        "н.",
        "э.",
        "конце",
        "первой",
        "половине",
        "по",
        "и",
        "между",
        "зимой",
        "1941/42",
        "прошлом",
        "году",
        "вчера",
        "1920-е",
        "годы",
        "20-х",
        "–",
        "01.09.",
    ],
}


@pytest.mark.timeout(600)
@pytest.mark.parametrize("language", list(WORDS))
def test_every_grammar_takes_time_linear_in_adversarial_text(language):
    grammar = date_grammar(language)

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(WORDS[language]), max_size=400).map(" ".join))
    def linear(text):
        started = time.perf_counter()
        extract_dates(text, DateContext("1939-08-24"), grammar)
        assert time.perf_counter() - started < 2.0

    linear()


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "language, unit",
    [
        ("de", "19. 20. Jahrhundert um Anfang der "),
        ("de", "23. 24. August Mai 1939/ "),
        ("fr", "XIXe et XXe siècles années "),
        ("fr", "au début des fin mi- 1er août "),
        ("ru", "XIX и XX век в конце первой половине "),
        ("ru", "23 августа 1939 года г. до н. э. "),
    ],
)
def test_each_grammar_takes_time_linear_in_the_passage(language, unit):
    """Two megabytes of a grammar's words on one line take about twice one megabyte's time
    (a regular expression that backtracks would take four times): best of three runs each."""
    grammar = date_grammar(language)
    texts = [unit * (size // len(unit)) for size in (500_000, 1_000_000)]
    times = best_times(lambda text: extract_dates(text, DateContext("1939-08-24"), grammar), texts)
    assert times[1] < 30
    assert times[1] < 3 * times[0] + 0.5, times


@pytest.mark.timeout(300)
@pytest.mark.parametrize("language", ["de", "fr", "ru"])
def test_a_dated_documents_text_is_read_about_as_fast_as_an_undated_ones(language):
    """A dated document's passages are also searched for deictic words (`letztes Jahr`). A
    search that tried each word at every position took 14 times the rest of the German
    grammar's time on real text, 4.7 times the Russian's."""
    (source,) = SOURCES.glob(f"{language}_*.txt")
    text = " ".join(source.read_text(encoding="utf-8").split()) * 100
    grammar = date_grammar(language)
    undated, dated = best_times(lambda dated: find_dates(text, dated, grammar), [False, True])
    assert dated < 3.5 * undated, (undated, dated)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text("abAB'-ä", min_size=1, max_size=5), max_size=8),
    st.text("abAB'-ä ", max_size=60),
)
def test_words_are_found_where_they_start_a_word(words, text):
    """The pattern the deictic words are searched by (one branch per first letter, the rest
    as a tree of common beginnings) starts a match wherever one of the words starts a word."""
    pattern = word_starts(words)
    found, position = set(), 0
    while position <= len(text) and (match := pattern.search(text, position)):
        found.add(match.start())
        position = match.start() + 1
    expected = {
        at
        for at in range(len(text))
        if any(text.startswith(word, at) for word in words)
        and not (at and re.match(r"\w", text[at - 1]))
    }
    assert found == expected


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru"])
def test_each_anchor_is_scanned_for_the_forms_of_its_kind_as_for_all_forms(language):
    """A digit is scanned only for the forms that start with a number, a month's or season's
    word only for those that start with a word: at every anchor of real text, the same form
    and end as one pattern of every form, and every form that matches there among those
    tried after it."""
    grammar = date_grammar(language)
    every_form = scanner(grammar.FORMS)
    sources = [*SOURCES.glob(f"{language}_*.txt"), *DATA.glob("*_excerpt.txt")]
    text = " ".join(" ".join(path.read_text(encoding="utf-8").split()) for path in sources)
    anchors = [anchor.start() for anchor in grammar.ANCHOR.finditer(text)]
    at_digits = [start for start in anchors if text[start].isdigit()]
    assert len(at_digits) > 100 and len(anchors) - len(at_digits) > 5
    for start in anchors:
        expected = every_form.match(text, start)
        found = grammar.SCANNERS[text[start].isdigit()].match(text, start)
        assert (found and (found.lastgroup, found.end())) == (
            expected and (expected.lastgroup, expected.end())
        ), text[start : start + 40]
        if found:  # no form that matches here is left out of those tried after it
            names = list(grammar.FORMS)
            matching = {
                name
                for name in names[names.index(found.lastgroup) :]
                if grammar.FORM_PATTERNS[name].match(text, start)
            }
            assert matching <= set(grammar.FORMS_FROM[found.lastgroup])
