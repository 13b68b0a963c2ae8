"""Linking: the forms of one name into one entity, different names apart; and the places of the
gazetteer that place entities link to."""

from collections import Counter, defaultdict

from ingest.linking import Entity, find_acronym_definitions, link, name_key
from ingest.place_links import likeliest, link_places, merge_translated_places
from ingest.places import places_named


def entity_of(entities, surface):
    return next(e for e in entities if surface in e.forms)


def test_forms_of_one_name_are_one_entity():
    forms = [
        ("Joseph Stalin", "PERSON", 1),
        ("Stalin", "PERSON", 4),
        ("USSR", "GPE", 3),
        ("U.S.S.R.", "GPE", 1),
        ("Soviet Union", "GPE", 2),
        ("RAF", "ORG", 1),
        ("Royal Air Force", "ORG", 1),
        ("NKVD", "ORG", 2),
        ("People's Commissariat for Internal Affairs", "ORG", 1),
    ]
    definitions = [("NKVD", "People's Commissariat for Internal Affairs")]
    entities = link(forms, definitions)
    assert entity_of(entities, "Stalin").name == "Joseph Stalin"
    assert entity_of(entities, "U.S.S.R.") is entity_of(entities, "Soviet Union")
    assert entity_of(entities, "USSR").name == "Soviet Union"
    assert entity_of(entities, "RAF").name == "Royal Air Force"
    assert entity_of(entities, "NKVD").name == "People's Commissariat for Internal Affairs"
    assert len(entities) == 4


def test_different_names_stay_apart():
    forms = [
        ("Britain", "GPE", 2),
        ("UK", "GPE", 1),
        ("Soviet Russia", "GPE", 1),
        ("Soviet Union", "GPE", 1),
        ("Germany", "GPE", 3),
        ("Nazi Germany", "GPE", 1),
    ]
    assert len(link(forms, [])) == 6


def test_a_surname_shared_by_two_people_stays_apart():
    forms = [
        ("Paul Schmidt", "PERSON", 1),
        ("Helmut Schmidt", "PERSON", 1),
        ("Schmidt", "PERSON", 2),
    ]
    entities = link(forms, [])
    assert entity_of(entities, "Schmidt").name == "Schmidt"


def test_acronyms_defined_in_brackets():
    text = "the People's Commissariat for Internal Affairs (NKVD) arrested"
    start = text.index("People")
    end = text.index(" (")
    assert find_acronym_definitions(text, [(start, end)]) == [
        ("NKVD", "People's Commissariat for Internal Affairs")
    ]


def test_name_keys_ignore_article_possessive_dots_and_diacritics():
    assert name_key("the Soviet Union") == name_key("Soviet Union")
    assert name_key("Stalin's") == name_key("Stalin")
    assert name_key("U.S.S.R.") == name_key("USSR")
    assert name_key("Białystok") == name_key("Bialystok")


def test_a_surname_typed_as_an_organisation_joins_the_full_name():
    entities = link([("Winston Churchill", "PERSON", 1), ("Churchill", "ORG", 1)], [])
    assert [(e.name, e.type) for e in entities] == [("Winston Churchill", "PERSON")]


def test_an_ambiguous_place_is_the_one_in_the_country_named_beside_it():
    candidates = places_named("Moscow")
    assert len(candidates) > 1, "the gazetteer knows one Moscow only"
    american = [p for p in candidates if p.country_code == "US"]
    assert american and likeliest(candidates, Counter({"RU": 2})).country_code == "RU"
    # A hint does not outweigh a place a hundred times as populous.
    assert likeliest(candidates, Counter({"US": 1})).country_code == "RU"


def test_linked_places_carry_their_coordinates():
    riga = Entity("Riga", "GPE", Counter({"Riga": 2}))
    link_places([riga], {})
    assert riga.place is not None and riga.place.country_code == "LV"
    assert 56 < riga.place.latitude < 57.5 and 23.5 < riga.place.longitude < 24.5


def test_the_inflections_of_a_russian_name_are_one_entity_named_in_the_nominative():
    forms = [
        ("Москвой", "GPE", 1),
        ("Москве", "GPE", 3),
        ("Москва", "GPE", 1),
        ("Советским Союзом", "GPE", 2),
        ("Советский Союз", "GPE", 1),
        ("Молотовым", "PERSON", 2),
        ("Молотов", "PERSON", 1),
        ("Литвинова", "PERSON", 1),
        ("Красной армии", "ORG", 1),
        ("Красная армия", "ORG", 1),
    ]
    entities = link(forms, [])
    assert sorted(e.name for e in entities) == [
        "Красная армия",
        "Литвинова",  # no nominative in the corpus: the form it has
        "Молотов",
        "Москва",
        "Советский Союз",
    ]
    assert entity_of(entities, "Москвой").forms == Counter({"Москве": 3, "Москвой": 1, "Москва": 1})


def test_different_russian_names_stay_apart():
    entities = link([("Сталин", "PERSON", 2), ("Сталино", "GPE", 1), ("Киров", "PERSON", 1)], [])
    assert len(entities) == 3


def test_a_person_s_spellings_in_every_script_and_language_are_one_entity():
    forms = [
        ("Vyacheslav Molotov", "PERSON", 1),
        ("Molotov", "PERSON", 3),
        ("Wjatscheslaw Molotow", "PERSON", 1),
        ("Molotow", "PERSON", 2),
        ("Viatcheslav Molotov", "PERSON", 1),
        ("Molotoff", "PERSON", 1),
        ("Молотовым", "PERSON", 1),
        ("Maxim Litvinov", "PERSON", 1),
        ("Litwinows", "PERSON", 1),
        ("Litvinoff", "ORG", 1),
        ("Максима Литвинова", "PERSON", 1),
        ("Georgy Chicherin", "PERSON", 1),
        ("Georges Tchitcherine", "PERSON", 1),
        ("Georgi Tschitscherin", "PERSON", 1),
        ("Gorbatschow", "PERSON", 1),
        ("Gorbachev", "PERSON", 1),
    ]
    languages = {surface: "en" for surface, _, _ in forms} | {
        "Wjatscheslaw Molotow": "de",
        "Molotow": "de",
        "Viatcheslav Molotov": "fr",
        "Молотовым": "ru",
        "Litwinows": "de",
        "Максима Литвинова": "ru",
        "Georges Tchitcherine": "fr",
        "Georgi Tschitscherin": "de",
        "Gorbatschow": "de",
    }
    entities = link(forms, [], form_languages=languages, case_endings={"de": ("es", "s")})
    assert sorted(e.name for e in entities) == [
        "Georgy Chicherin",
        "Gorbachev",
        "Maxim Litvinov",
        "Vyacheslav Molotov",  # the fullest form in English, the corpus's most used language
    ]


def test_names_that_merely_sound_alike_stay_apart():
    forms = [
        ("Rudolf Hess", "PERSON", 1),
        ("Hess", "PERSON", 1),
        ("Rudolf Höss", "PERSON", 1),
        ("Ivanov", "PERSON", 1),
        ("Ivanova", "PERSON", 1),
        ("Stalin", "PERSON", 1),
        ("Stalino", "GPE", 1),
        ("Joseph P. Kennedy", "PERSON", 1),
        ("Joseph Kennedy", "PERSON", 1),
        ("Josephine Kennedy", "PERSON", 1),
        ("Sherwood Anderson", "PERSON", 1),
        ("Sherwood Andersen", "PERSON", 1),
    ]
    in_english = {surface: "en" for surface, _, _ in forms}
    assert len(link(forms, [], form_languages=in_english)) == 11  # `Hess` is `Rudolf Hess`


def test_a_place_named_once_in_each_language_is_one_entity_and_two_names_stay_apart(tmp_path):
    import sqlite_utils

    from ingest.build import build
    from ingest.sources import find_sources

    for name, text in {
        "en.txt": "The treaty was signed in Moscow, and Germany invaded Poland. In 1939 the "
        "Germans attacked Danzig. Today Gdańsk is a port in Poland. The Soviet Union "
        "attacked Finland.",
        "de.txt": "Der Vertrag wurde in Moskau unterzeichnet, und Deutschland überfiel Polen. "
        "Die Sowjetunion griff Finnland an.",
        "fr.txt": "Le traité fut signé à Moscou, et l'Allemagne envahit la Pologne. L'Union "
        "soviétique attaqua la Finlande.",
        "ru.txt": "Договор был подписан в Москве, и Германия напала на Польшу. Советский Союз "
        "напал на Финляндию.",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    build(find_sources([tmp_path]), tmp_path / "corpus.db")
    spellings = defaultdict(set)
    for row in sqlite_utils.Database(tmp_path / "corpus.db").query(
        "select entity_id, alias, language from entity_aliases"
    ):
        spellings[row["entity_id"]].add((row["alias"], row["language"]))
    entity_of = {alias: set_ for set_ in map(frozenset, spellings.values()) for alias, _ in set_}
    assert entity_of["Moscow"] == {
        ("Moscow", "en"),
        ("Moskau", "de"),
        ("Moscou", "fr"),
        ("Москве", "ru"),
    }
    assert {alias for alias, _ in entity_of["Germany"]} == {
        "Germany",
        "Deutschland",
        "Allemagne",
        "Германия",
    }
    assert {alias for alias, _ in entity_of["Soviet Union"]} == {
        "Soviet Union",
        "Sowjetunion",
        "Union soviétique",
        "Советский Союз",
    }
    assert {alias for alias, _ in entity_of["Poland"]} == {"Poland", "Polen", "Pologne", "Польшу"}
    assert entity_of["Danzig"] == {("Danzig", "en")}  # one language's two names: two entities
    assert entity_of["Gdańsk"] == {("Gdańsk", "en")}


def test_a_case_ending_joins_a_name_in_the_language_that_writes_it():
    forms = [
        ("Polen", "GPE", 2),
        ("Polens", "GPE", 1),
        ("Deutschlands", "GPE", 1),
        ("Deutschland", "GPE", 1),
        ("Reuter", "PERSON", 1),
        ("Reuters", "ORG", 1),
    ]
    languages = {"Polen": "de", "Polens": "de", "Deutschlands": "de", "Deutschland": "de"}
    entities = link(
        forms,
        [],
        form_languages=languages | {"Reuter": "en", "Reuters": "en"},
        case_endings={"de": ("es", "s"), "en": ()},
    )
    assert sorted(e.name for e in entities) == ["Deutschland", "Polen", "Reuter", "Reuters"]


def test_each_language_s_letters_for_a_russian_sound_join_its_spellings():
    forms = [
        ("Nikita Khrushchev", "PERSON", 1),
        ("Khrouchtchev", "PERSON", 1),
        ("Chruschtschow", "PERSON", 1),
        ("Andrey Vyshinsky", "PERSON", 1),
        ("Vychinski", "PERSON", 1),
        ("Wyschinski", "PERSON", 1),
        ("Georgy Zhukov", "PERSON", 1),
        ("Joukov", "PERSON", 1),
        ("Schukow", "PERSON", 1),
        ("Жуков", "PERSON", 1),
        ("Nikolai Yezhov", "PERSON", 1),
        ("Jeschow", "PERSON", 1),
        ("Ежов", "PERSON", 1),
    ]
    languages = {surface: "en" for surface, _, _ in forms} | {
        "Khrouchtchev": "fr",
        "Vychinski": "fr",
        "Joukov": "fr",
        "Chruschtschow": "de",
        "Wyschinski": "de",
        "Schukow": "de",
        "Jeschow": "de",
        "Жуков": "ru",
        "Ежов": "ru",
    }
    entities = link(forms, [], form_languages=languages)
    assert sorted(e.name for e in entities) == [
        "Andrey Vyshinsky",
        "Georgy Zhukov",
        "Nikita Khrushchev",
        "Nikolai Yezhov",
    ]


def test_a_russian_name_is_spelt_from_its_dictionary_form_once_with_its_letters_kept():
    # `Троцкий` was keyed `троцкии` (й folded to и) and `Каменевым` read again from its
    # dictionary form `каменев` as a verb's: neither joined its other spellings.
    forms = [
        ("Leon Trotsky", "PERSON", 1),
        ("Trotski", "PERSON", 1),
        ("Троцкий", "PERSON", 1),
        ("Lev Kamenev", "PERSON", 1),
        ("Каменевым", "PERSON", 1),
    ]
    languages = {"Leon Trotsky": "en", "Trotski": "fr", "Троцкий": "ru", "Lev Kamenev": "en"}
    entities = link(forms, [], form_languages=languages | {"Каменевым": "ru"})
    assert sorted(e.name for e in entities) == ["Leon Trotsky", "Lev Kamenev"]


def test_a_last_vowel_apart_is_another_name_even_through_a_third_language():
    # `Staline` (French) is `Stalin`; `Stalino` differs from `Staline` in one vowel, its last.
    forms = [("Stalin", "PERSON", 2), ("Staline", "PERSON", 1), ("Stalino", "PERSON", 1)]
    languages = {"Stalin": "en", "Staline": "fr", "Stalino": "en"}
    entities = link(forms, [], form_languages=languages)
    assert sorted(sorted(e.forms) for e in entities) == [["Stalin", "Staline"], ["Stalino"]]


def test_a_name_the_model_mistyped_joins_the_person_spelt_so_unless_it_is_a_real_place():
    forms = [
        ("Chicherin", "GPE", 1),
        ("Чичерин", "PERSON", 1),
        ("Ribbentrop", "ORG", 2),
        ("Риббентропом", "PERSON", 1),
        ("Kirov", "GPE", 1),
        ("Киров", "PERSON", 1),
    ]
    languages = {"Chicherin": "en", "Ribbentrop": "de", "Kirov": "en"}
    languages |= {"Чичерин": "ru", "Риббентропом": "ru", "Киров": "ru"}
    entities = link(forms, [], form_languages=languages)
    assert sorted((e.type, sorted(e.forms)) for e in entities) == [
        ("GPE", ["Kirov"]),
        ("PERSON", ["Chicherin", "Чичерин"]),
        ("PERSON", ["Ribbentrop", "Риббентропом"]),
        ("PERSON", ["Киров"]),
    ]


def test_other_names_spelt_alike_one_in_each_language_are_one():
    forms = [("NKVD", "ORG", 1), ("NKWD", "ORG", 1), ("Lugansk", "GPE", 1), ("Луганск", "GPE", 1)]
    languages = {"NKVD": "en", "NKWD": "de", "Lugansk": "en", "Луганск": "ru"}
    entities = link(forms, [], form_languages=languages)
    assert sorted(sorted(e.forms) for e in entities) == [["Lugansk", "Луганск"], ["NKVD", "NKWD"]]


def test_a_city_s_other_name_in_another_language_stays_its_own_and_a_country_is_a_country():
    entities = [
        Entity("Tver", "GPE", Counter({"Tver": 1})),
        Entity("Kalinin", "GPE", Counter({"Kalinin": 1})),
        Entity("Калинин", "GPE", Counter({"Калинин": 1})),
        Entity("Mexico", "GPE", Counter({"Mexico": 1})),
        Entity("Mexiko", "GPE", Counter({"Mexiko": 1})),
    ]
    languages = {"Tver": "en", "Kalinin": "de", "Калинин": "ru", "Mexico": "en", "Mexiko": "de"}
    link_places(entities, {}, ("en", "de", "ru"))
    assert entities[3].place == entities[4].place and entities[4].place.is_country
    merged = merge_translated_places(entities, languages)
    assert sorted(sorted(e.forms) for e in merged) == [
        ["Kalinin", "Калинин"],
        ["Mexico", "Mexiko"],
        ["Tver"],
    ]


def test_a_city_in_cyrillic_letters_joins_the_name_that_sounds_as_it_opens():
    entities = [
        Entity("Hamburg", "GPE", Counter({"Hamburg": 2})),
        Entity("Гамбург", "GPE", Counter({"Гамбурге": 1})),
        Entity("Lugansk", "GPE", Counter({"Lugansk": 1})),
        Entity("Ворошиловград", "GPE", Counter({"Ворошиловград": 1})),
    ]
    languages = {"Hamburg": "de", "Гамбурге": "ru", "Lugansk": "en", "Ворошиловград": "ru"}
    link_places(entities, {}, ("en", "de", "ru"))
    assert entities[0].place == entities[1].place and entities[2].place == entities[3].place
    merged = merge_translated_places(entities, languages)
    assert sorted(sorted(e.forms) for e in merged) == [
        ["Hamburg", "Гамбурге"],
        ["Lugansk"],
        ["Ворошиловград"],
    ]


def test_a_russian_surname_is_read_as_a_name_not_as_a_common_word():
    # pymorphy's likeliest reading of `Песков` is the genitive of `песок` (sand)
    forms = [
        ("Дмитрий Песков", "PERSON", 2),
        ("Дмитрию Пескову", "PERSON", 1),
        ("Песков", "PERSON", 1),
    ]
    entities = link(forms, [], form_languages={surface: "ru" for surface, _, _ in forms})
    assert [sorted(e.forms) for e in entities] == [["Дмитрий Песков", "Дмитрию Пескову", "Песков"]]
