"""The house: every column a build writes is described, each module stays small, no module
imports itself back, and the search's narrowing SQL is the same in the canned query and in
the explorer."""

import ast
import sqlite3
from pathlib import Path

from bench.rows import written_tables
from explorer.pages import NARROWING, SEARCH_HITS
from ingest.languages import LANGUAGES
from ingest.sources import READERS

from .conftest import METADATA, ROOT

PACKAGES = ("ingest", "explorer")
MAX_LINES = 500


def built_columns(db_path: Path) -> dict[str, list[str]]:
    """Each table and view a build writes, with its columns."""
    connection = sqlite3.connect(db_path)
    try:
        return {
            name: [row[1] for row in connection.execute(f"pragma table_xinfo([{name}])")]
            for name in written_tables(connection)
        }
    finally:
        connection.close()


def test_every_column_a_build_writes_is_described_and_nothing_else(seed_db):
    described = {
        table: list(about.get("columns", {}))
        for table, about in METADATA["databases"]["corpus"]["tables"].items()
    }
    built = built_columns(seed_db)
    undescribed = {t: set(c) - set(described.get(t, ())) for t, c in built.items()}
    assert {table: columns for table, columns in undescribed.items() if columns} == {}
    described_only = {t: set(c) - set(built.get(t, ())) for t, c in described.items()}
    assert {table: columns for table, columns in described_only.items() if columns} == {}


def modules() -> dict[str, Path]:
    """Every module of the packages, by its dotted name (a package by its own)."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def test_no_module_is_over_five_hundred_lines():
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def imported(name: str, path: Path) -> set[str]:
    """The modules `name` imports, as written."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            targets.add(base)
            targets |= {f"{base}.{alias.name}" for alias in node.names}
    return targets


def dynamic_imports() -> dict[str, set[str]]:
    """The modules imported by name at run time: the readers, and each language's modules."""
    return {
        "ingest.sources": {f"ingest.readers.{reader}" for reader in READERS.values()},
        "ingest.languages": {
            module
            for language in LANGUAGES.values()
            for module in (language.dates, language.entities)
            if module is not None  # a language with no reader of names
        },
    }


def importing(name: str, targets: set[str], known: set[str]) -> set[str]:
    """The modules of the packages that importing `targets` from `name` runs: each target and
    the packages it is in, but `name`'s own packages (imported before it)."""
    run = {".".join(t.split(".")[:n]) for t in targets for n in range(1, t.count(".") + 2)}
    own = {".".join(name.split(".")[:n]) for n in range(1, name.count(".") + 2)}
    return (run & known) - own


def test_no_module_imports_itself_back_statically_or_dynamically():
    found = modules()
    dynamic = dynamic_imports()
    graph = {
        name: importing(name, imported(name, path) | dynamic.get(name, set()), set(found))
        for name, path in found.items()
    }
    assert set().union(*dynamic.values()) <= set(found)
    cycles = []

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            cycles.append(trail[trail.index(name) :] + [name])
            return
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, trail + [name])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        visit(name, [])
    assert cycles == []


def test_the_canned_search_and_the_explorer_narrow_alike():
    canned = METADATA["databases"]["corpus"]["queries"]["search"]["sql"]
    lines = canned.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip().startswith("and (:entity"))
    last = max(i for i, line in enumerate(lines) if line.strip().startswith("and (:"))
    narrowing = "\n".join(lines[first : last + 1])
    assert narrowing in SEARCH_HITS
    assert "(select search_query(:q, :exact) as fts)" in canned
    assert "where passages_fts match (select fts from asked)" in canned
    assert "where passages_fts match search_query(:q, :exact)" in SEARCH_HITS
    for parameter in NARROWING:
        assert f":{parameter}" in narrowing
