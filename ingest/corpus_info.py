"""What the corpus is: its title, description, licence and source, from a `corpus.yml`
beside the sources, stored in the corpus_info table and shown by the explorer on every page:

    title: Letters of the Rapallo delegation
    description: The delegation's letters home, April 1922, transcribed from the originals.
    license: CC BY 4.0
    license_url: https://creativecommons.org/licenses/by/4.0/
    source: Politisches Archiv des Auswärtigen Amts
    source_url: https://www.example.org/rapallo

Every field is optional and the build's options override the file's. Without a title, the
corpus is called by its sources' folder name; without a licence, none is claimed.
"""

from pathlib import Path

import yaml

from .errors import SourceError
from .sources import files_beside, source_folders

CORPUS_FILE = "corpus.yml"
FIELDS = ("title", "description", "license", "license_url", "source", "source_url")


def read_corpus_file(path: Path) -> dict[str, str]:
    try:
        fields = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        problem = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise SourceError(f"{path}: cannot read the corpus's description: {problem}") from None
    if fields is None:
        return {}
    if not isinstance(fields, dict):
        raise SourceError(f"{path}: expected fields ({', '.join(FIELDS)}), one per line")
    read = {}
    for name, value in fields.items():
        if name not in FIELDS:
            raise SourceError(f"{path}: unknown field {name!r}; the fields are {', '.join(FIELDS)}")
        if isinstance(value, (dict, list)):
            raise SourceError(f"{path}: {name} should be text, not a list or a mapping")
        if value is not None and str(value).strip():
            read[name] = " ".join(str(value).split())
    return read


def corpus_info(paths: list[Path], given: dict[str, str | None] | None = None) -> dict[str, str]:
    """The corpus's description: the corpus.yml files' fields (the first file giving one wins),
    then the options `given`; a title from the sources' folder names where none is given."""
    info: dict[str, str] = {}
    for path in files_beside(paths, CORPUS_FILE):
        info = read_corpus_file(path) | info
    info |= {name: value for name, value in (given or {}).items() if value}
    if "title" not in info:
        info["title"] = folder_title(paths)
    return {name: info.get(name) for name in FIELDS}


def folder_title(paths: list[Path]) -> str:
    names = dict.fromkeys(folder.resolve().name or "corpus" for folder in source_folders(paths))
    return ", ".join(names) or "corpus"
