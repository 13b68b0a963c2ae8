"""Curation: a historian's corrections to the entities, applied at build time.

An optional `entities.csv` in a source directory, one correction per row:

    action,name,value
    merge,Litvinov,Maxim Litvinov     the entity with this name or form joins the other one
    rename,Stalin,Joseph Stalin       the entity gets this canonical name
    retype,Gestapo,ORG                the entity gets this type
    ignore,Western Powers,            mentions written so are not entities
    link,Free City of Danzig,3099434  the entity is that GeoNames place (`link,X,` unlinks it)

`name` is an entity's canonical name or any form written for it. Links are applied first,
before the build links the other places; the other corrections after, in order.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from . import places
from .errors import SourceError
from .linking import Entity

CURATION_FILE = "entities.csv"
ACTIONS = ("merge", "rename", "retype", "ignore", "link")
TYPES = ("PERSON", "ORG", "GPE", "LOC", "EVENT", "LAW")


@dataclass(frozen=True)
class Correction:
    action: str
    name: str
    value: str
    where: str  # file and line, for messages


def find_curation_files(paths: list[Path]) -> list[Path]:
    return [path / CURATION_FILE for path in paths if (path / CURATION_FILE).is_file()]


def read_corrections(path: Path) -> list[Correction]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SourceError(f"{path}: cannot read the corrections: {error}") from None
    corrections = []
    for line, row in enumerate(rows, 2):
        where = f"{path}, line {line}"
        action = (row.get("action") or "").strip().lower()
        name, value = (row.get("name") or "").strip(), (row.get("value") or "").strip()
        if action not in ACTIONS:
            raise SourceError(
                f"{where}: action must be one of {', '.join(ACTIONS)}, not {action!r}"
            )
        if not name or (action not in ("ignore", "link") and not value):
            raise SourceError(f"{where}: {action} needs a name and a value")
        if action == "link" and value and not value.isdigit():
            raise SourceError(f"{where}: link needs a GeoNames id (a number), not {value!r}")
        if action == "retype" and value.upper() not in TYPES:
            raise SourceError(f"{where}: type must be one of {', '.join(TYPES)}, not {value!r}")
        corrections.append(Correction(action, name, value, where))
    return corrections


def apply_corrections(entities: list[Entity], corrections: list[Correction]) -> list[str]:
    """Applies the corrections in order, changing `entities` in place; returns warnings."""
    warnings = []
    for correction in corrections:
        entity = find_entity(entities, correction.name)
        if entity is None:
            warnings.append(f"{correction.where}: no entity is named {correction.name!r}")
            continue
        if correction.action == "link":
            place = places.place_by_id(int(correction.value)) if correction.value else None
            if correction.value and place is None:
                warnings.append(
                    f"{correction.where}: GeoNames id {correction.value} is no place the "
                    "gazetteer holds (countries, cities of 5,000 people and more)"
                )
                continue
            entity.place, entity.place_curated = place, True
        elif correction.action == "rename":
            entity.name = correction.value
        elif correction.action == "retype":
            entity.type = correction.value.upper()
        elif correction.action == "ignore":
            if correction.name in entity.forms:
                del entity.forms[correction.name]
            else:
                entity.forms.clear()
            if not entity.forms:
                entities.remove(entity)
        else:
            target = find_entity(entities, correction.value)
            if target is None:
                warnings.append(f"{correction.where}: no entity is named {correction.value!r}")
            elif target is not entity:
                target.forms.update(entity.forms)
                entities.remove(entity)
    return warnings


def find_entity(entities: list[Entity], name: str) -> Entity | None:
    by_name = [e for e in entities if e.name == name]
    return (by_name or [e for e in entities if name in e.forms] or [None])[0]
