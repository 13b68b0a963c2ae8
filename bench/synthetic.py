"""A deterministic synthetic corpus in the seed's style: prose with citation markers, dates
in the guidelines' forms, and names of people, places, organisations, events and treaties.

    .venv/bin/python bench/synthetic.py OUT_DIR --passages 100000 [--files 100] [--seed 1]
"""

import argparse
import random
from pathlib import Path

SYLLABLES = [
    "ka",
    "lo",
    "vi",
    "ra",
    "mo",
    "sen",
    "dor",
    "ber",
    "lin",
    "gra",
    "vo",
    "tin",
    "mar",
    "kov",
    "ski",
    "an",
    "el",
    "ris",
    "tor",
    "hal",
    "ven",
    "ost",
    "ul",
    "pra",
]
FIRST_NAMES = [
    "Anton",
    "Boris",
    "Clara",
    "Dmitri",
    "Elena",
    "Felix",
    "Greta",
    "Hugo",
    "Irina",
    "Josef",
    "Karl",
    "Lena",
    "Maxim",
    "Nadia",
    "Otto",
    "Pavel",
    "Rosa",
    "Sergei",
]
TITLES = ["Foreign Minister", "Chancellor", "Ambassador", "General", "Marshal", "Historian"]
VERBS = [
    "signed",
    "rejected",
    "negotiated",
    "denounced",
    "proposed",
    "ratified",
    "discussed",
    "postponed",
    "welcomed",
    "opposed",
]
NOUNS = [
    "agreement",
    "frontier",
    "alliance",
    "delegation",
    "protocol",
    "trade",
    "army",
    "policy",
    "negotiations",
    "treaty",
    "conference",
    "ultimatum",
    "reparations",
    "border",
]
FILLER_TEXT = (
    "in the months that followed the two governments exchanged notes on the question of the "
    "the government argued that the measures were necessary for security while critics in the "
    "press described them as a dangerous concession to the neighbouring power and observers "
    "abroad followed the talks with growing concern about the balance of forces"
)
FILLER = FILLER_TEXT.split(" ")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


class Corpus:
    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.people = [self.person() for _ in range(400)]
        self.places = [self.name(2, 3) for _ in range(300)]
        self.organisations = [
            f"{self.name(2, 3)} {kind}"
            for kind in ("Party", "Army", "Front", "Committee", "League", "Union") * 20
        ]
        self.events = [
            f"{self.name(2, 3)} {kind}"
            for kind in ("Conference", "War", "Trial", "Uprising", "Congress") * 20
        ]
        self.treaties = [f"Treaty of {self.name(2, 3)}" for _ in range(60)] + [
            f"{self.name(2, 3)} {k}" for k in ("Pact", "Agreement", "Protocol") * 20
        ]

    def name(self, low: int, high: int) -> str:
        return "".join(
            self.random.choice(SYLLABLES) for _ in range(self.random.randint(low, high))
        ).capitalize()

    def person(self) -> str:
        return f"{self.random.choice(FIRST_NAMES)} {self.name(2, 4)}"

    def date(self) -> str:
        r = self.random
        year, month, day = r.randint(1900, 1945), r.choice(MONTHS), r.randint(1, 28)
        return r.choice(
            [
                f"on {month} {day}, {year}",
                f"on {day} {month} {year}",
                f"in {month} {year}",
                f"in {year}",
                f"in {year}–{(year + 1) % 100:02d}",
                f"in the {year // 10 * 10}s",
                f"from {year} to {year + 2}",
                f"in the spring of {year}",
                f"on {month} {day}",
                f"by the end of {month} {year}",
                f"in early {year}",
            ]
        )

    def markers(self) -> str:
        r = self.random
        return "".join(f"[{r.randint(1, 300)}]" for _ in range(r.choice([1, 1, 2, 3])))

    def filler(self, low: int, high: int) -> str:
        start = self.random.randint(0, len(FILLER) - high)
        return " ".join(FILLER[start : start + self.random.randint(low, high)])

    def passage(self) -> str:
        """About 275 characters, 4 names, 0.7 dates and 0.7 markers, as in the seed."""
        r = self.random
        person, other = r.choice(self.people), r.choice(self.people)
        clauses = [
            f"{r.choice(TITLES)} {person} {r.choice(VERBS)} the {r.choice(self.treaties)} "
            f"in {r.choice(self.places)}",
            self.filler(16, 24),
            f"while the {r.choice(self.organisations)} {r.choice(VERBS)} the {r.choice(NOUNS)} "
            f"with {other.split()[-1]}",
            f"after the {r.choice(self.events)}, {self.filler(4, 10)}",
        ]
        if r.random() < 0.93:
            clauses[r.choice([0, 2])] += f" {self.date()}"
        r.shuffle(clauses)
        text = capitalized("; ".join(clauses[:3])) + "."
        if r.random() < 0.43:
            if r.random() < 0.5:
                text = self.markers() + " " + text
            else:
                text += self.markers()
        return text


def write_corpus(out: Path, passages: int, files: int, seed: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(seed)
    paths = []
    per_file = -(-passages // files)
    for number in range(files):
        count = min(per_file, passages - number * per_file)
        if count <= 0:
            break
        path = out / f"synthetic_{number:05d}.txt"
        path.write_text("\n".join(corpus.passage() for _ in range(count)) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def passages(count: int, seed: int = 1) -> list[str]:
    corpus = Corpus(seed)
    return [corpus.passage() for _ in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    paths = write_corpus(args.out, args.passages, args.files, args.seed)
    print(f"wrote {args.passages} passages in {len(paths)} files to {args.out}")


if __name__ == "__main__":
    main()
