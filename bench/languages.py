"""Build speed with entities of a German, a French and a Russian corpus beside an English one
of the same size, in the same run: each passage two or three sentences of the 1939 pact's history,
its dates and numbers varied so that no two passages are alike (every passage goes to the
model: a cold build).

    .venv/bin/python bench/languages.py [--passages 10000] [--files 20]
"""

import argparse
import random
import tempfile
from pathlib import Path

from against_commit import ROOT, timed_build

SENTENCES = {
    "en": [
        "The pact was signed in Moscow on {day} August {year} by Ribbentrop and Molotov.",
        "On {day} September {year} Germany invaded Poland, and France declared war.",
        "The Red Army entered eastern Poland on {day} September {year}.",
        "Stalin met the British delegation in the Kremlin in {year}.",
        "The Treaty of Versailles had left the Soviet Union outside the League of Nations.",
        "In June {year} the Wehrmacht launched Operation Barbarossa against the USSR.",
        "Maxim Litvinov was replaced by Vyacheslav Molotov in May {year}.",
        "The Munich Agreement of {year} gave the Sudetenland to Germany.",
    ],
    "fr": [
        "Le pacte fut signé à Moscou le {day} août {year} par Ribbentrop et Molotov.",
        "Le {day} septembre {year}, l'Allemagne envahit la Pologne et la France déclara la guerre.",
        "L'Armée rouge entra dans l'est de la Pologne le {day} septembre {year}.",
        "Staline reçut la délégation britannique au Kremlin en {year}.",
        "Le traité de Versailles avait laissé l'Union soviétique hors de la Société des Nations.",
        "En juin {year}, la Wehrmacht lança l'opération Barbarossa contre l'URSS.",
        "Maxime Litvinov fut remplacé par Viatcheslav Molotov en mai {year}.",
        "Les accords de Munich de {year} livrèrent les Sudètes à l'Allemagne.",
    ],
    "de": [
        "Der Pakt wurde am {day}. August {year} in Moskau von Ribbentrop und Molotow geschlossen.",
        "Am {day}. September {year} griff das Deutsche Reich Polen an; Frankreich erklärte Krieg.",
        "Die Rote Armee marschierte am {day}. September {year} in Ostpolen ein.",
        "Stalin empfing die britische Delegation im Kreml im Jahr {year}.",
        "Der Vertrag von Versailles hatte die Sowjetunion aus dem Völkerbund herausgehalten.",
        "Im Juni {year} begann die Wehrmacht das Unternehmen Barbarossa gegen die UdSSR.",
        "Maxim Litwinow wurde im Mai {year} durch Wjatscheslaw Molotow ersetzt.",
        "Das Münchner Abkommen von {year} gab das Sudetenland an Deutschland.",
    ],
    "ru": [
        "Договор был подписан в Москве {day} августа {year} года Риббентропом и Молотовым.",
        "{day} сентября {year} года Германия напала на Польшу, и Франция объявила войну.",
        "Красная армия вступила в восточную Польшу {day} сентября {year} года.",
        "Сталин принял британскую делегацию в Кремле в {year} году.",
        "Версальский договор оставил Советский Союз вне Лиги Наций.",
        "В июне {year} года вермахт начал операцию «Барбаросса» против СССР.",
        "Максим Литвинов был заменён Вячеславом Молотовым в мае {year} года.",
        "Мюнхенское соглашение {year} года отдало Судеты Германии.",
    ],
}


def write_corpus(folder: Path, language: str, passages: int, files: int) -> Path:
    pick = random.Random(1)
    folder.mkdir(parents=True)
    per_file = passages // files
    for number in range(files):
        paragraphs = [
            " ".join(
                sentence.format(day=pick.randint(1, 28), year=pick.randint(1900, 1950))
                for sentence in pick.sample(SENTENCES[language], pick.randint(2, 3))
            )
            + f" ({number}.{position})"
            for position in range(per_file)
        ]
        (folder / f"{language}_{number:03}.txt").write_text("\n".join(paragraphs) + "\n")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for language in SENTENCES:
            sources = write_corpus(work / language, language, args.passages, args.files)
            seconds = timed_build(ROOT, sources, work / f"{language}.db")
            print(
                f"{language}: {args.passages:,} passages with entities in {seconds:.1f} s "
                f"({args.passages / seconds:,.0f} passages/s)"
            )


if __name__ == "__main__":
    main()
