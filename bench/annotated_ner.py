"""Each language's reader of names on text annotated by others, never used to write the rules:
historical newspapers of the Europeana Newspapers NER corpora (CC0; German: the Alpenzeitung,
1926, Teßmann library; French: the Bibliothèque nationale's, 19th–20th century, OCR as it
came) and Russian news of factRuEval-2016 (MIT). Their types are three (PER, LOC, ORG; factRu's
LocOrg is a polity, our GPE), so a mention counts as right when it overlaps a name of the
matching type (PER = PERSON; LOC = GPE or LOC; ORG = ORG); an EVENT or LAW, which they do not
annotate, is left out of both sides. Also the share of mentions that overlap any annotated name.

    fetch github:EuropeanaNewspapers/ner-corpora and github:dialogue-evaluation/factRuEval-2016
    .venv/bin/python bench/annotated_ner.py /work/.mirror [--passages 400]
"""

import argparse
import bisect
import re
import subprocess
from pathlib import Path

from ingest.languages import entity_lexicon

TYPES = {"PER": {"PERSON"}, "LOC": {"GPE", "LOC"}, "ORG": {"ORG"}, "LocOrg": {"GPE", "LOC", "ORG"}}
NO_SPACE_BEFORE = re.compile(r" ([,.;:!?)»])")
NO_SPACE_AFTER = re.compile(r"([(«]) ")


def git_show(repo: Path, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"], capture_output=True, check=True
    ).stdout.decode("utf-8", "replace")


def europeana(repo: Path, path: str, limit: int) -> list[tuple[str, list]]:
    """Sentences of a BIO file as (text, [(start, end, type)]), those holding a name first."""
    sentences, tokens = [], []
    for line in git_show(repo, path).splitlines() + [""]:
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            tokens.append(parts)
        if (not parts or parts[0] in {".", "!", "?"}) and tokens:
            sentences.append(tokens)
            tokens = []
    passages = []
    for tokens in sentences:
        if len(tokens) < 8:
            continue
        text, names, current = "", [], None
        for word, tag in tokens:
            start = len(text) + (1 if text else 0)
            text = f"{text} {word}" if text else word
            kind = tag.split("-", 1)[-1]
            if tag == "O" or kind not in TYPES:
                current = None
            elif tag.startswith("B-") or current is None or current[2] != kind:
                current = [start, len(text), kind]
                names.append(current)
            else:
                current[1] = len(text)
        passages.append(detokenized(text, names))
    return passages[:limit]


def detokenized(text: str, names: list) -> tuple[str, list]:
    """Joins punctuation to its word as print does, moving the names' offsets with it."""
    removed = sorted(
        {m.start() for m in NO_SPACE_BEFORE.finditer(text)}
        | {m.start() + 1 for m in NO_SPACE_AFTER.finditer(text)}
    )

    def moved(offset: int) -> int:
        return offset - bisect.bisect_left(removed, offset)

    dropped = set(removed)
    kept = "".join(c for i, c in enumerate(text) if i not in dropped)
    return kept, [(moved(s), moved(e), kind) for s, e, kind in names]


def factru(repo: Path, limit: int) -> list[tuple[str, list]]:
    """Paragraphs of the factRuEval test set with their Person, Location, LocOrg, Org objects."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "--name-only", "HEAD", "testset/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    passages = []
    for path in sorted(p for p in listing if p.endswith(".txt") and "book_" in p):
        text = git_show(repo, path)
        stem = path[: -len(".txt")]
        spans = {}
        for line in git_show(repo, f"{stem}.spans").splitlines():
            fields = line.split()
            spans[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
        names = []
        for line in git_show(repo, f"{stem}.objects").splitlines():
            fields = line.split("#")[0].split()
            kind = {"Person": "PER", "Location": "LOC", "LocOrg": "LocOrg", "Org": "ORG"}.get(
                fields[1]
            )
            if kind:
                parts = [spans[s] for s in fields[2:] if s in spans]
                names.append((min(p[0] for p in parts), max(p[1] for p in parts), kind))
        start = 0
        for paragraph in text.split("\n"):
            end = start + len(paragraph)
            if paragraph.strip():
                inside = [(s - start, e - start, k) for s, e, k in names if start <= s and e <= end]
                passages.append((paragraph, inside))
            start = end + 1
    return passages[:limit]


def scored(language: str, passages: list[tuple[str, list]]) -> str:
    found = entity_lexicon(language).read_names([text for text, _ in passages])
    gold_count = predicted = right = overlapping = 0
    for (_, gold), mentions in zip(passages, found, strict=True):
        gold_count += len(gold)
        for m in mentions:
            near = [g for g in gold if g[0] < m.end and m.start < g[1]]
            if m.type in {"EVENT", "LAW"} and not near:
                continue
            predicted += 1
            overlapping += bool(near)
            right += any(m.type in TYPES[g[2]] for g in near)
    precision = right / predicted if predicted else 0.0
    recall = right / gold_count if gold_count else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return (
        f"| {language} | {len(passages)} | {gold_count} | {predicted} | {precision:.2f} | "
        f"{recall:.2f} | {f1:.2f} | {overlapping / predicted if predicted else 0:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mirror", type=Path, help="the folder holding the fetched repositories")
    parser.add_argument("--passages", type=int, default=400)
    args = parser.parse_args()
    europeana_repo = args.mirror / "EuropeanaNewspapers+ner-corpora" / "repo"
    factru_repo = args.mirror / "dialogue-evaluation+factRuEval-2016" / "repo"
    print("| language | passages | names | predicted | precision | recall | F1 | overlap a name |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(scored("de", europeana(europeana_repo, "enp_DE.lft.bio/enp_DE.lft.bio", args.passages)))
    print(scored("fr", europeana(europeana_repo, "enp_FR.bnf.bio/enp_FR.bnf.bio", args.passages)))
    print(scored("ru", factru(factru_repo, args.passages)))


if __name__ == "__main__":
    main()
