"""English names: the word lists and patterns by which the entity rules (ingest.entities)
find, trim and type names in English text: the shapes of names (`Treaty of X`, `X Pact`, `X
Sea`, `Operation X`), titles and leading words trimmed off, the heads of names of places,
bodies and events, the words that describe a name's type, and the closed list of short forms.
Another language is another such module named in ingest.languages.
"""

import calendar
import re

from ..linking import short_form_types


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Name shapes are found over runs of capitalised words (hyphenated ones whole), each run found
# once by a pattern that cannot backtrack (words and their separators share no character, and
# the repetitions are possessive), then read word by word: linear in the text, whatever runs
# of capitals it holds.
CASE_ENDINGS = ()  # the possessive `'s` is read by linking.name_key
# Names of countries the gazetteer has under another (`Soviet Union`: ISO's `USSR`).
COUNTRY_NAMES = {"Soviet Union": "USSR"}
NAME_WORD = r"(?:[A-Z][\w'’.]*+|[0-9]++(?:st|nd|rd|th)\b)(?:-[\w'’.]*+)*+"
NAME_RUN = re.compile(rf"(?<!\w){NAME_WORD}(?:[ –]{NAME_WORD})*+")
RUN_WORD = re.compile(NAME_WORD)
BARE_WORD = re.compile(r"\w+")
MONTH_NAMES = frozenset(calendar.month_name[1:])
# Between a name and the next name of one compound name: `Treaty of [the] Versailles`,
# `Peace and Friendship`.
OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?")
CONNECTOR_GAP = re.compile(r"\s+(?:of|for|and|on|de|von|the)\s+(?:the\s+)?")
LONGEST_GAP = len(" von the ")
EVENT_HEADS = word_set(
    "War Conference Congress Trial Trials Coup Uprising Revolution Offensive Rising Rebellion "
    "Putsch Crisis Summit Games Olympics Massacre Blockade Purge Campaign Crusade Revolt "
    "Mutiny Expedition Airlift Peace"
)
LAW_HEADS = word_set(
    "Treaty Treaties Pact Agreement Agreements Protocol Protocols Plan Award Accord Accords "
    "Convention Declaration Charter Act Decree Armistice Statute Concordat Covenant "
    "Constitution Memorandum Doctrine"
)
LAW_OPENERS = word_set(
    "Treaty Pact Agreement Protocol Convention Declaration Charter Peace Armistice"
)
EVENT_OPENERS = word_set(
    "Battle Siege Congress Conference Council Sack Fall Partition Invasion Occupation"
)
PLACE_HEADS = word_set(
    "Sea Ocean Isthmus Peninsula Strait Straits Mountains Hills River Lake Islands Desert "
    "Valley Basin Plain Plains Forest Gulf Bay Coast Canal Corridor Delta Highlands "
    "Lowlands Fjord Fjords Fiord Woods Marsh Marshes Swamp Glacier Range Heath Moor Steppe "
    "Archipelago Lagoon Firth Estuary Harbor Harbour"
)
# The last word of an organisation's name: armed forces, party and state bodies, companies,
# schools, newspapers.
ORG_HEADS = word_set(
    "Army Armies Navy Fleet Corps Division Regiment Brigade Battalion Squadron Legion Militia "
    "Guard Guards Party Committee Commissariat Politburo Presidium Soviet Bureau Ministry "
    "Directorate Company Corporation Bank Railway Railroad University College Academy "
    "Institute Society Association League Federation Club Times Post Herald Journal Gazette "
    "Tribune Records Force Forces Command Airlines Airways Motors Works Industries Group "
    "Orchestra Choir Hospital Library School Schoolhouse Museum Office"
)
# Last words of names that are not people's, though they may begin with a given name.
OTHER_NAME_HEADS = word_set(
    "Station Street Road Avenue Square Bridge Hall House Hotel Theatre Theater Park Church "
    "Cathedral Palace Castle Field Airport Stadium Centre Center Building Tower Gate Prize Award "
    "Cup Trophy Medal Line Island Islands Mount Falls City County Parish District"
)
# Words that open names but are no given names, though some people are so named.
NOT_GIVEN_NAMES = word_set("The A An San Santa Los Las El La Le Saint North South East West New")
# One word that ends with a place noun is a place: `Oslofjord`, `Sognefjord`.
PLACE_SUFFIX = re.compile(r"[a-z](?:fjord|fiord|fjorden)$")
PLACE_OF_OPENERS = word_set("Gulf Bay Strait Straits Isle Sea Lake Mount River Cape Isthmus")
PLACE_OPENERS = word_set("Lake Mount Mt. River Cape")
ORDINALS = word_set("I II III IV V")
EVENT_PARTY_SUFFIX = re.compile(r"\s\([a-z]{1,3}\)")  # `(b)` after a party congress
# A quoted title opening with a treaty word: "Treaty of defence and mutual assistance".
QUOTED_LAW = re.compile(rf"(?<=[\"“])(?:{'|'.join(LAW_OPENERS)}) of [^\"”]{{3,80}}(?=[\"”])")
# `the rivers Narew, Vistula, and San`: each listed name is a place.
LISTED_NAME_WORD = r"[A-Z][\w'’.-]*+"
RIVER_LIST = re.compile(
    rf"\b[Rr]ivers\s+{LISTED_NAME_WORD}(?:,?\s+(?:and\s+)?{LISTED_NAME_WORD})++"
)
LISTED_NAME = re.compile(r"[A-Z][\w'’-]*+")

LEADING_WORDS = re.compile(
    r"(?:(?:the|The|a|A|an|An|this|This|that|That|these|those|by|By|in|In|of|Of|After|Before|"
    r"During|Since|Until|From|With|At|On|For|Near|Against|Under|When|While)\s++)++"
)
TITLES = (
    "Historian|Chancellor|President|Vice President|Prime Minister|Foreign Minister|Minister|"
    "Commissar|People's Commissar|Marshal|Field Marshal|General|Gen\\.|Admiral|Colonel|Col\\.|"
    "Major|Captain|Capt\\.|Lieutenant|Lt\\.|Sergeant|Commander|King|Queen|Emperor|Empress|Tsar|"
    "Czar|Kaiser|Pope|Ambassador|Secretary|State Secretary|Secretary of State|Premier|Mr\\.?|"
    "Mrs\\.?|Ms\\.?|Dr\\.?|Sir|Lord|Lady|Count|Countess|Baron|Prince|Princess|Duke|Duchess|"
    "Generalissimo|Comrade|Professor|Prof\\.|Senator|Governor|Chairman|Mayor|Bishop|"
    "Archbishop|Cardinal|Father|Saint|Judge|Justice|Chief|Leader|Dictator|Führer|Fuhrer|"
    "Reichsführer|Gauleiter|Envoy|Diplomat|Journalist|Writer|Author|Economist|Scholar"
)
# Longest first: `Secretary of State` before `Secretary`. Each title, with the word before it
# (`Foreign Minister`), is one atomic step: a run of title words is read one way only.
TITLES_LONGEST_FIRST = "|".join(sorted(TITLES.split("|"), key=len, reverse=True))
LEADING_TITLE = re.compile(
    rf"(?:(?>(?:[A-Z][a-z]++\s++)?(?:{TITLES_LONGEST_FIRST})\s++))+(?=[A-Z])"
)
TITLE = re.compile(rf"(?:{TITLES_LONGEST_FIRST})\b")
# An office, not an organisation: `People's Commissar for Defense`, `Minister of Finance`.
OFFICE = re.compile(
    r"\b(?:Commissar|Minister|Secretary|Ambassador|Chancellor|President|Premier|Consul|Envoy|"
    r"Governor|Chairman)(?:\s+(?:of|for)\b|$)"
)
DESCRIBED_TYPES = {
    **dict.fromkeys(
        [
            "organization",
            "organisation",
            "party",
            "newspaper",
            "movement",
            "company",
            "agency",
            "association",
            "society",
            "army",
            "police",
            "ministry",
            "bank",
            "union",
            "university",
        ],
        "ORG",
    ),
    **dict.fromkeys(
        [
            "city",
            "town",
            "village",
            "capital",
            "municipality",
            "port",
            "country",
            "state",
            "republic",
            "kingdom",
        ],
        "GPE",
    ),
    **dict.fromkeys(
        [
            "river",
            "region",
            "province",
            "island",
            "mountain",
            "lake",
            "sea",
            "peninsula",
            "valley",
            "forest",
            "district",
        ],
        "LOC",
    ),
}
# What armies do to places: the name after these is a place's, whatever the model says
# (`occupied the Ruhr`, `the invasion of Manchukuo`); after an attack or a landing, unless the
# model took it for a person (`the attack on Hitler`).
PLACE_ACTIONS = (
    r"\b(?:(?:re)?occup(?:ied|y|ying|ation\s+of)|invad(?:ed|e|ing)|invasion\s+of|"
    r"annex(?:ed|ation\s+of)|bomb(?:ed|ing\s+of)|evacuat(?:ed|ion\s+of)|"
    r"remilitari[sz](?:ed|ation\s+of)|liberat(?:ed|ion\s+of)|besieged|siege\s+of)"
    r"\s+(?:the\s+)?"
)
PLACE_ACTION_BEFORE = re.compile(PLACE_ACTIONS + "$")
# ... and where the model proposed no name after one: `the invasion of Finnish Karelia`.
PLACE_ACTION = re.compile(PLACE_ACTIONS + "(?=[A-Z])")
ATTACK_BEFORE = re.compile(r"\b(?:attacks?|assault|landings?)\s+(?:on|at|in)\s+(the\s+)?$")
LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|around|within|toward|towards|into|via|through|across)"
    r"\s+(?:the\s+)?$"
)
# Endings of surnames in the languages of Eastern Europe: `Litvinov`, `Kamenev`, `Dzerzhinsky`.
SURNAME_ENDING = re.compile(r"[a-z](?:ov|ova|ev|eva|sky|skiy|ski|ska|vich|wicz|enko|escu)$")
NON_PERSON_HEADS = (
    EVENT_HEADS | LAW_HEADS | PLACE_HEADS | ORG_HEADS | OTHER_NAME_HEADS | EVENT_OPENERS
)
TITLE_WORDS = frozenset(TITLES.replace("\\", "").split("|"))
PERSON_WORD = re.compile(r"[A-ZÀ-Þ][a-zß-ÿĀ-ɏ'’]+(?:-[A-ZÀ-Þ][a-zß-ÿĀ-ɏ'’]+)?|Mc[A-Z][a-z]+")
INITIAL = re.compile(r"[A-Z]\.")
# A one-word surname joined to a person's by `and` or `or` (`Stalin and Molotov`, `Molotov or
# Stalin`): a person's too. Only one word, neither the end of a longer run of capitals before
# it nor the start of one after it (`Stalin and Foreign Commissar Molotov` is left to the
# model), nor the head of a title (`Law and Practice of Orders`).
CONJOINED_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
CONJOINED_AFTER = re.compile(
    rf",?\s+(?:and|or)\s+({CONJOINED_WORD})(?=['’]s\b|[^\w'’-]|$)(?!\s+(?:of\s+)?[A-Z])"
)
CONJOINED_BEFORE = re.compile(rf"(?<![\w'’.-])({CONJOINED_WORD})(?:['’]s)?,?\s+(?:and|or)\s+$")
CONJOINED_CHARS = len("Abcdefghijklmnopqrstuvwxyz's, and ")
CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'’.-]*\s+$")
NAME_PARTICLES = word_set("von van der den de del della di da du la le ten ter bin ibn")
DESCRIBED_NOUN = rf"(?P<noun>(?i:{'|'.join(DESCRIBED_TYPES)})s?)"
DESCRIPTION_AFTER = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w()-]+\s+){{0,4}}?{DESCRIBED_NOUN}\b")
# `the state of X`, and with one word between: `the puppet state of Manchukuo`
DESCRIPTION_BEFORE = re.compile(rf"\b(?:the|a|an)\s+(?:[a-z]+\s+)?{DESCRIBED_NOUN}\s+(?:of\s+)?$")
ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")
GROUP_NOUN = re.compile(r"[A-Z][a-z]+(?:ites|ists)")
# What a name never ends with: punctuation, a possessive, a joining word (`the Bank of`).
TRAILING_PUNCTUATION = frozenset(".,;:!?\"“”([-'’&")
TRAILING_WORDS = ("of", "and", "the", "for", "in", "on", "to", "von", "van", "der", "de", "zu")
# A final dot that belongs to the name: `U.S.S.R.`, `Eric D.`, `St.`
ABBREVIATIONS = frozenset(["St", "Jr", "Sr", "Inc", "Co", "Ltd", "Bros"])
LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
# `War I. Germany` and `CNOSSUS. The` end a sentence; `Eric D. Weitz` and `U.S. Army` do not.
SENTENCE_END = re.compile(
    r"(?<=[a-z0-9)])[.!?][\"”’)]*\s+(?=[A-Z])|(?:(?<=\b[IVX])|(?<=[A-Z][A-Z]))\.\s+(?=[A-Z])"
)
# The guidelines' closed list of common short forms, and the names they stand for.
SHORT_FORMS = short_form_types()
SHORT_FORM = re.compile(
    rf"(?<![\w.])(?:{'|'.join(re.escape(f) for f in sorted(SHORT_FORMS, key=len, reverse=True))})"
    r"(?!\w)"
)
