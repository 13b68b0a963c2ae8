import pytest

from ingest.entities.model import (
    CONJOINED_SOURCE,
    PLACE_ACTION_SOURCE,
    model_mentions,
    passage_mentions,
    split_into_pieces,
)
from ingest.entities.shapes import rule_mentions
from ingest.entities.spans import clean_span
from ingest.languages import entity_lexicon

ENGLISH = entity_lexicon("en")


def span_of(text, surface, label):
    start = text.index(surface)
    return start, start + len(surface), label


def cleaned(text, surface, label):
    start = text.index(surface)
    return [text[s:e] for s, e in clean_span(ENGLISH, text, start, start + len(surface), label)]


@pytest.mark.parametrize(
    "text, proposed, label, expected",
    [
        (
            "by the Treaty of Versailles.",
            "the Treaty of Versailles",
            "LAW",
            ["Treaty of Versailles"],
        ),
        ("Weimar Germany's army", "Weimar Germany's", "GPE", ["Weimar Germany"]),
        (
            "Historian Eric D. Weitz discussed",
            "Historian Eric D. Weitz",
            "PERSON",
            ["Eric D. Weitz"],
        ),
        (
            "German Chancellor Franz von Papen had",
            "Chancellor Franz von Papen",
            "PERSON",
            ["Franz von Papen"],
        ),
        (
            "the victors of World War I. Germany, laboring",
            "World War I. Germany",
            "EVENT",
            ["World War I", "Germany"],
        ),
        (
            "the Lausanne Conference of 1932",
            "the Lausanne Conference of",
            "EVENT",
            ["Lausanne Conference"],
        ),
        ("rivers Narew, Vistula, and San.", "San.", "LOC", ["San"]),
        ("Germany and the U.S.S.R. shall", "the U.S.S.R.", "GPE", ["U.S.S.R."]),
    ],
)
def test_spans_follow_the_guidelines(text, proposed, label, expected):
    assert cleaned(text, proposed, label) == expected


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("stung by the Treaty of Versailles, was", "Treaty of Versailles", "LAW"),
        ("with the conclusion of the Munich Agreement on", "Munich Agreement", "LAW"),
        ("a party to the Locarno Agreements.", "Locarno Agreements", "LAW"),
        ("under the Young Plan the", "Young Plan", "LAW"),
        ("the Peace of Riga ended", "Peace of Riga", "LAW"),
        ("what became known as the Winter War, starting", "Winter War", "EVENT"),
        ("during the Lausanne Conference of 1932", "Lausanne Conference", "EVENT"),
        ("known as the Cheka Trial.", "Cheka Trial", "EVENT"),
        ("launched Operation Barbarossa in", "Operation Barbarossa", "EVENT"),
        (
            'had to sign a so-called "Treaty of defence and mutual assistance" which',
            "Treaty of defence and mutual assistance",
            "LAW",
        ),
    ],
)
def test_event_and_law_names_are_found_by_their_shape(text, name, label):
    assert (name, label) in [(m.text, m.type) for m in rule_mentions(ENGLISH, text)]


def test_generic_words_are_not_names():
    assert rule_mentions(ENGLISH, "the pact and the protocol of the treaty were signed") == []


def test_long_texts_are_cut_into_pieces_that_join_back():
    text = "A sentence about Berlin. " * 2000
    pieces = list(split_into_pieces(text, limit=1000))
    assert all(len(piece) <= 1000 for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_a_leading_article_is_dropped_in_the_middle_of_a_passage():
    text = "cooperation with the League of Nations and"
    assert cleaned(text, "the League of Nations", "ORG") == ["League of Nations"]


def test_the_first_word_of_a_title_is_no_organisation():

    text = "Ernst von Weizsäcker, State Secretary in the German Foreign Ministry"
    spans = [
        span_of(text, "Ernst von Weizsäcker", "PERSON"),
        span_of(text, "State", "ORG"),
        span_of(text, "the German Foreign Ministry", "ORG"),
    ]
    assert [m.text for m in model_mentions(ENGLISH, text, spans, "test")] == [
        "Ernst von Weizsäcker",
        "German Foreign Ministry",
    ]


@pytest.mark.parametrize(
    "text, person, joined",
    [
        ("The envoy spoke for Stalin and Molotov at the talks.", "Stalin", "Molotov"),
        ("Molotov and Stalin signed nothing.", "Stalin", "Molotov"),
        ("The troika of Zinoviev, Kamenev, and Stalin ruled.", "Stalin", "Kamenev"),
        ("A quarrel between Stalin and Trotsky's followers.", "Stalin", "Trotsky"),
        ("Lenin or Krestinsky would decide.", "Lenin", "Krestinsky"),
    ],
)
def test_a_name_joined_to_a_person_s_is_a_person_s(text, person, joined):
    mentions = passage_mentions(ENGLISH, text, [span_of(text, person, "PERSON")], "test")
    assert (joined, "PERSON", CONJOINED_SOURCE) in [(m.text, m.type, m.source) for m in mentions]


@pytest.mark.parametrize(
    "text, person",
    [
        ("Talks between Stalin and Germany failed.", "Stalin"),  # a country
        ("Stalin and Moscow were named together.", "Stalin"),  # a larger city
        ("Stalin and German diplomats met.", "Stalin"),  # a nationality, before a noun
        ("Stalin and Foreign Commissar Molotov met.", "Stalin"),  # a longer run of capitals
        ("Foreign Commissar Molotov and Stalin met.", "Stalin"),  # the same, before
        ("Saunders, Law and Practice of Orders.", "Law"),  # the head of a title
        ("Stalin and The Times quarrelled.", "Stalin"),  # a word that opens sentences
        ("Stalin or January, whichever came first.", "Stalin"),  # a month
        ("Stalin. And Molotov left.", "Stalin"),  # a sentence between them
        ("Stalin and Bukharin argued.", "Stalin"),  # no surname's shape (`Bukharin`)
        ("Beverley and Holderness; Graham Stuart", "Beverley"),  # the model's false person
        ("Mr. Purple and Ms. Purple live here.", "Purple"),  # a title
    ],
)
def test_only_a_name_joined_to_a_person_s_is_taken_for_one(text, person):
    mentions = passage_mentions(ENGLISH, text, [span_of(text, person, "PERSON")], "test")
    assert [m.text for m in mentions] == [person]


@pytest.mark.parametrize(
    "text, nationality, place, label",
    [
        (
            "It began with the invasion of Finnish Karelia in 1939.",
            "Finnish",
            "Finnish Karelia",
            "LOC",
        ),
        ("The army occupied Transnistria within a week.", None, "Transnistria", "LOC"),
        ("After the bombing of Rotterdam the Dutch gave up.", None, "Rotterdam", "GPE"),
    ],
)
def test_a_name_after_what_armies_do_to_places_is_a_place(text, nationality, place, label):
    spans = [span_of(text, nationality, "NORP")] if nationality else []
    mentions = passage_mentions(ENGLISH, text, spans, "test")
    assert [(m.text, m.type, m.source) for m in mentions] == [(place, label, PLACE_ACTION_SOURCE)]


@pytest.mark.parametrize(
    "text, nationalities",
    [
        ("The evacuation of Polish Jews began.", ["Polish Jews"]),  # people of a nation
        ("The invasion of Polish territory began.", []),  # a nationality alone
    ],
)
def test_a_nationality_after_what_armies_do_to_places_is_no_place(text, nationalities):
    spans = [span_of(text, n, "NORP") for n in nationalities]
    assert passage_mentions(ENGLISH, text, spans, "test") == []


def test_the_text_can_say_what_a_name_is():

    text = "members of Rote Hilfe, a Communist Party organization, and the river San"
    spans = [span_of(text, "Rote Hilfe", "PERSON"), span_of(text, "San", "GPE")]
    assert [(m.text, m.type) for m in model_mentions(ENGLISH, text, spans, "test")] == [
        ("Rote Hilfe", "ORG"),
        ("San", "LOC"),
    ]


@pytest.mark.parametrize(
    "text, name, label",
    [
        ("breaking the Molotov–Ribbentrop Pact.", "Molotov–Ribbentrop Pact", "LAW"),
        ("The Anti-Comintern Pact of November 1936 was", "Anti-Comintern Pact", "LAW"),
        (
            "The German–Soviet Commercial Agreement of February 1940",
            "German–Soviet Commercial Agreement",
            "LAW",
        ),
    ],
)
def test_names_join_with_dashes_and_stop_before_dates(text, name, label):
    assert [(m.text, m.type) for m in rule_mentions(ENGLISH, text)] == [(name, label)]


def test_a_name_after_the_article_is_no_person():

    text = "handed over to the Gestapo by Stalin"
    spans = [span_of(text, "Gestapo", "PERSON"), span_of(text, "Stalin", "PERSON")]
    assert [(m.text, m.type) for m in model_mentions(ENGLISH, text, spans, "test")] == [
        ("Gestapo", "ORG"),
        ("Stalin", "PERSON"),
    ]


@pytest.mark.parametrize(
    "text, surface, label, expected",
    [
        ("The French occupied the Ruhr in 1923.", "Ruhr", "ORG", ("Ruhr", "LOC")),
        (
            "the German attack on the Westerplatte",
            "Westerplatte",
            "PERSON",
            ("Westerplatte", "LOC"),
        ),
        ("The Blücher was sunk in the Oslofjord.", "Oslofjord", "GPE", ("Oslofjord", "LOC")),
        ("the puppet state of Manchukuo in 1932", "Manchukuo", "ORG", ("Manchukuo", "GPE")),
        ("Japan invaded Manchuria in 1931.", "Manchuria", "PERSON", ("Manchuria", "LOC")),
        # people stay people: an attack on a person, a name with no place's shape
        ("the attack on Hitler in July 1944", "Hitler", "PERSON", ("Hitler", "PERSON")),
        ("the invasion plans that Halder drew up", "Halder", "PERSON", ("Halder", "PERSON")),
    ],
)
def test_places_are_known_by_what_armies_do_to_them_and_by_their_nouns(
    text, surface, label, expected
):
    (mention,) = model_mentions(ENGLISH, text, [span_of(text, surface, label)], "test")
    assert (mention.text, mention.type) == expected


def test_a_harbour_is_a_place_and_a_leading_preposition_no_part_of_it():
    text = "After Pearl Harbor, Hitler declared war on the United States."
    assert ("Pearl Harbor", "LOC") in [(m.text, m.type) for m in rule_mentions(ENGLISH, text)]
