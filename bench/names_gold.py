"""Relaxed and strict typed F1 of each language's reader of names on passages written for
this benchmark to the guidelines (`bench/data/names.gold.jsonl`, not used to write the rules),
and the share of predicted mentions that overlap a real name.

    .venv/bin/python bench/names_gold.py
"""

import json
from collections import defaultdict
from pathlib import Path

from ingest.languages import entity_lexicon

GOLD = Path(__file__).parent / "data" / "names.gold.jsonl"


def spans(text: str, entities: list) -> list[tuple[int, int, str]]:
    found, position = [], 0
    for name, label in entities:
        start = text.index(name, position)
        found.append((start, start + len(name), label))
        position = start + len(name)
    return found


def f1(matched: int, predicted: int, gold: int) -> float:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    by_language = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        by_language[(item := json.loads(line))["language"]].append(item)
    print("| language | passages | gold | predicted | relaxed F1 | strict F1 | overlap a name |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for language, items in by_language.items():
        found = entity_lexicon(language).read_names([item["text"] for item in items])
        gold_count = predicted = relaxed = strict = overlapping = 0
        for item, mentions in zip(items, found, strict=True):
            gold = spans(item["text"], item["entities"])
            gold_count += len(gold)
            predicted += len(mentions)
            for m in mentions:
                near = [g for g in gold if g[0] < m.end and m.start < g[1]]
                overlapping += bool(near)
                relaxed += any(g[2] == m.type for g in near)
                strict += (m.start, m.end, m.type) in gold
        print(
            f"| {language} | {len(items)} | {gold_count} | {predicted} | "
            f"{f1(relaxed, predicted, gold_count):.2f} | {f1(strict, predicted, gold_count):.2f} | "
            f"{overlapping / predicted if predicted else 0:.2f} |"
        )


if __name__ == "__main__":
    main()
