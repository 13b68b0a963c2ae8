"""Stage 3's tables: entities linked from the stored mentions and typed by the evidence of all
of them, written whole by a build; an update keeps the ids of the entities that stay and
counts again only what the passages it touched (ingest.touched) hold."""

from collections import Counter

import sqlite_utils

from . import storage
from .agreement import country_hints
from .curation import Correction, apply_corrections
from .entities import type_by_evidence
from .facts import Evidence
from .languages import DEFAULT_LANGUAGE, LANGUAGES, entity_lexicon, reads_names
from .linking import Entity, link
from .place_links import ambiguous_place_forms, link_places, merge_translated_places
from .touched import TouchedPassages


def link_entities(
    db: sqlite_utils.Database,
    form_labels: list[tuple[str, str, int]],
    languages: dict[str, str],
    evidence: Evidence,
    corrections: list[Correction],
    touched: TouchedPassages | None = None,
) -> list[str]:
    """Entities from the stored mentions (`form_labels` and `languages`: their FormCounts'),
    typed by the corpus's `evidence`, corrected by the curation file; in an update
    (`touched`), brought up to date for what it touched. Returns warnings."""
    readers = {code: entity_lexicon(code) for code in LANGUAGES if reads_names(code)}
    entities = link(
        form_labels,
        list(evidence.acronym_definitions),
        form_languages=languages,
        case_endings={code: reader.CASE_ENDINGS for code, reader in readers.items()},
    )
    lexicon = entity_lexicon(DEFAULT_LANGUAGE)
    for entity in entities:
        locative = sum(evidence.locative_forms[form] for form in entity.forms)
        entity.type = type_by_evidence(lexicon, entity.forms, entity.type, locative)
    links = [c for c in corrections if c.action == "link"]
    warnings = apply_corrections(entities, links)
    link_places(
        entities,
        country_hints(db, ambiguous_place_forms(entities)),
        tuple(LANGUAGES),
        {name: english for r in readers.values() for name, english in r.COUNTRY_NAMES.items()},
    )
    entities = merge_translated_places(entities, languages)
    warnings += apply_corrections(entities, [c for c in corrections if c.action != "link"])
    entities.sort(key=lambda e: (e.name, e.type))
    if touched is None:
        ids = range(1, len(entities) + 1)
        storage.write_entities(db, *entity_and_alias_rows(entities, ids, languages))
    else:
        ids = kept_ids(db, entities)
        rewrite_entities(db, *entity_and_alias_rows(entities, ids, languages), touched)
    storage.finish(db)
    return warnings


def entity_and_alias_rows(
    entities: list[Entity], ids, languages: dict[str, str]
) -> tuple[list[dict], list[dict]]:
    entity_rows, alias_rows = [], []
    for entity_id, entity in zip(ids, entities, strict=True):
        place = entity.place
        entity_rows.append(
            {
                "id": entity_id,
                "name": entity.name,
                "type": entity.type,
                "geonames_id": place and place.geonames_id,
                "latitude": place and place.latitude,
                "longitude": place and place.longitude,
                "country_code": place and place.country_code,
            }
        )
        alias_rows += [
            {"entity_id": entity_id, "alias": form, "language": languages.get(form), "mentions": n}
            for form, n in entity.forms.items()
        ]
    return entity_rows, alias_rows


def kept_ids(db: sqlite_utils.Database, entities: list[Entity]) -> list[int]:
    """Each entity's id: that of the stored entity of its name and type, if one entity alone
    has them on either side, else one never given before."""
    stored: dict[tuple[str, str], list[int]] = {}
    for entity_id, name, type_ in db.execute("select id, name, type from entities"):
        stored.setdefault((name, type_), []).append(entity_id)
    keys = [(entity.name, entity.type) for entity in entities]
    times = Counter(keys)
    next_id = 1 + (db.execute("select max(id) from entities").fetchone()[0] or 0)
    ids = []
    for key in keys:
        if times[key] == 1 and len(stored.get(key, ())) == 1:
            ids.append(stored[key][0])
        else:
            ids.append(next_id)
            next_id += 1
    return ids


def rewrite_entities(
    db: sqlite_utils.Database,
    entity_rows: list[dict],
    alias_rows: list[dict],
    touched: TouchedPassages,
) -> None:
    """The entities and aliases of an update written, and what they count brought up to date
    by the passages it touched: each mention of a form whose entity changed given the new
    one, the entities' mentions and passages, co-occurrences and the passages' names counted
    again in those passages, and taken from and added to the stored."""
    stored_counts = {
        entity_id: (mentions, passages)
        for entity_id, mentions, passages in db.execute(
            "select id, mentions, passages from entities"
        )
    }
    new_ids = {row["alias"]: row["entity_id"] for row in alias_rows}
    db.execute("create temp table moved_forms (form text primary key, entity_id integer)")
    with db.atomic():
        db.conn.executemany(
            "insert into temp.moved_forms values (?, ?)",
            (
                (alias, entity_id)
                for alias, entity_id in db.execute("select alias, entity_id from entity_aliases")
                if new_ids.get(alias) != entity_id
            ),
        )
    moved = (
        "entity_id in (select entity_id from temp.moved_forms) "
        "and text in (select form from temp.moved_forms)"
    )
    touched.touch(f"select passage_id as id from mentions where {moved}")
    for row in entity_rows:
        row["mentions"], row["passages"] = stored_counts.get(row["id"], (0, 0))
    with db.atomic():
        for table in ("entities", "entity_aliases", "name_spellings"):
            db.execute(f"delete from [{table}]")
        db["entities"].insert_all(entity_rows, batch_size=1000)
        db["entity_aliases"].insert_all(alias_rows, batch_size=1000)
        db.execute(
            "update mentions set entity_id = "
            "(select entity_id from entity_aliases where alias = mentions.text) "
            f"where entity_id is null or ({moved})"
        )
        db.execute("delete from mentions where entity_id is null")
        db.execute(
            "create temp table entities_after as select passage_id, entity_id, "
            "count(*) as mentions from mentions where passage_id in temp.touched "
            "group by passage_id, entity_id"
        )
        db.execute(
            "update entities set mentions = entities.mentions + change.mentions, "
            "passages = entities.passages + change.passages from ("
            "select entity_id, sum(mentions) as mentions, sum(passages) as passages from ("
            "select entity_id, sum(mentions) as mentions, count(*) as passages "
            "from temp.entities_after group by entity_id union all "
            "select entity_id, -sum(mentions), -count(*) from temp.entities_before "
            "group by entity_id) group by entity_id) as change "
            "where change.entity_id = entities.id"
        )
        pairs = (
            "select a.entity_id as entity_a, b.entity_id as entity_b, {sign} as passages "
            "from temp.{table} a join temp.{table} b "
            "on b.passage_id = a.passage_id and b.entity_id > a.entity_id"
        )
        db.execute(
            "insert into cooccurrence (entity_a, entity_b, passages) "
            "select entity_a, entity_b, sum(passages) from ("
            f"{pairs.format(sign=1, table='entities_after')} union all "
            f"{pairs.format(sign=-1, table='entities_before')}) "
            "group by entity_a, entity_b having sum(passages) != 0 "
            "on conflict (entity_a, entity_b) do update set "
            "passages = passages + excluded.passages"
        )
        db.execute("delete from cooccurrence where passages <= 0")
    storage.set_entity_names(db, "temp.touched")
    for table in ("moved_forms", "entities_after"):
        db.execute(f"drop table temp.{table}")
