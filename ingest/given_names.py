"""Given names, from a list made for them: `nam_dict.txt` of the gender-guesser package (Jörg
Michael's list of some 48,000 first names from 54 countries, under the GNU Free Documentation
License), read where the package installed it; this project copies none of it."""

from functools import cache
from importlib import resources

NAME_LIST = ("gender_guesser", "data/nam_dict.txt")


@cache
def given_names() -> frozenset[str]:
    """Every given name as written (`Vyacheslav`, `Jean-Pierre`, `Jean Pierre`)."""
    names = set()
    package, path = NAME_LIST
    with resources.files(package).joinpath(path).open(encoding="utf-8") as lines:
        for line in lines:
            # `M  Adolf        …`: a sex code, the name (`+` joins two parts), countries' counts;
            # `#` comments, `=` equivalences
            if line[:1] in "#=" or len(line.split()) < 2:
                continue
            name = line.split()[1]
            names.update(name.replace("+", joint) for joint in ("", "-", " "))
    return frozenset(names)


def is_given_name(word: str) -> bool:
    return word in given_names()
