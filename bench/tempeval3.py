"""Dates against the TempEval-3 platinum news articles (../shared/bench/tempeval3/).

Each article becomes a source file with its lines as written, its date (the DCT) given in a
`documents.csv` beside it, and is built with the real command (`python -m ingest --no-ner`);
the stored dates are mapped back to article offsets. Scored on gold DATE timexes:
- value F1 over all of them, as TempEval-3 scores values: a stored date is right when it
  overlaps a gold timex not yet matched and has its value;
- recall over the explicit ones (a gold timex is found when a stored date overlaps it);
- value accuracy over the explicit ones whose text holds a four-digit year;
- precision: a stored date is right when it overlaps any gold DATE timex.

    .venv/bin/python bench/tempeval3.py [PATH/te3_platinum_dates.jsonl] [--details]
"""

import csv
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import sqlite_utils

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "bench" / "tempeval3" / "te3_platinum_dates.jsonl"


def clean_to_raw_offsets(raw: str, clean: str) -> list[int]:
    """For each clean-text offset, the raw-line offset it came from (whitespace collapsed)."""
    offsets, r = [], 0
    for c in clean + "\0":
        if c == "\0":
            offsets.append(r)
            break
        while r < len(raw) and raw[r] != c and (raw[r].isspace() or c != " "):
            r += 1
        offsets.append(r)
        if c == " ":
            while r < len(raw) and raw[r].isspace():
                r += 1
        else:
            r += 1
    return offsets


def line_starts(text: str) -> list[int]:
    starts, position = [0], 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        position = match.end()
        starts.append(position)
    return starts


def stored_dates(db_path: Path, articles: dict[str, dict]) -> dict[str, list[dict]]:
    db = sqlite_utils.Database(db_path)
    found: dict[str, list[dict]] = {doc: [] for doc in articles}
    rows = db.query(
        "select documents.filename, passages.line_number, passages.raw_text, passages.text "
        "as clean, dates.* from dates join passages on passages.id = dates.passage_id "
        "join documents on documents.id = passages.document_id"
    )
    for row in rows:
        doc = row["filename"][: -len(".txt")]
        offsets = clean_to_raw_offsets(row["raw_text"], row["clean"])
        line_start = line_starts(articles[doc]["text"])[row["line_number"] - 1]
        start = line_start + offsets[row["start_char"]]
        end = line_start + offsets[row["end_char"] - 1] + 1
        assert articles[doc]["text"][start:end] == row["text"], (doc, row["text"])
        found[doc].append({"start": start, "end": end, "text": row["text"], "value": row["value"]})
    return found


def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def score(articles: dict[str, dict], predicted: dict[str, list[dict]], details: bool) -> dict:
    explicit = found = with_year = value_right = predictions = right = 0
    all_gold = value_matches = 0
    for doc, article in articles.items():
        gold = article["timexes"]
        all_gold += len(gold)
        unmatched = list(gold)
        for p in predicted[doc]:
            same = [t for t in unmatched if overlaps(p, t) and t["value"] == p["value"]]
            if same:
                unmatched.remove(same[0])
                value_matches += 1
        if details:
            for timex in unmatched:
                got = [(p["text"], p["value"]) for p in predicted[doc] if overlaps(p, timex)]
                print(f"value  {doc}: {timex['text']!r} gold {timex['value']} got {got}")
        for timex in gold:
            if not timex["explicit"]:
                continue
            explicit += 1
            hits = [p for p in predicted[doc] if overlaps(p, timex)]
            found += bool(hits)
            if re.search(r"\b(1\d{3}|20\d{2})\b", timex["text"]):
                with_year += 1
                value_right += any(p["value"] == timex["value"] for p in hits)
        for p in predicted[doc]:
            predictions += 1
            ok = any(overlaps(p, timex) for timex in gold)
            right += ok
            if details and not ok:
                print(f"extra  {doc}: {p['text']!r} {p['value']}")
    value_precision = value_matches / predictions if predictions else 1.0
    value_recall = value_matches / all_gold
    return {
        "gold": all_gold,
        "value_f1": 2 * value_precision * value_recall / (value_precision + value_recall),
        "value_precision": value_precision,
        "value_recall": value_recall,
        "explicit_gold": explicit,
        "recall": found / explicit,
        "value_accuracy_with_year": value_right / with_year,
        "predicted": predictions,
        "precision": right / predictions if predictions else 1.0,
    }


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    gold_path = Path(args[0]) if args else DEFAULT_GOLD
    articles = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        articles[article["doc"]] = article
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        sources.mkdir()
        for doc, article in articles.items():
            (sources / f"{doc}.txt").write_text(article["text"], encoding="utf-8")
        with open(sources / "documents.csv", "w", newline="", encoding="utf-8") as catalogue:
            writer = csv.writer(catalogue)
            writer.writerow(["filename", "date"])
            writer.writerows([f"{doc}.txt", article["dct"]] for doc, article in articles.items())
        db_path = Path(tmp) / "te3.db"
        subprocess.run(
            [sys.executable, "-m", "ingest", str(sources), "--db", str(db_path), "--no-ner"],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        result = score(articles, stored_dates(db_path, articles), "--details" in sys.argv)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
