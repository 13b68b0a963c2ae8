"""Tables the build derives from its packages' data (the gazetteer's cities by each of their
names, ...), kept in the user's cache folder between runs: made once in seconds, read back in
a fraction of that by every later build, update and worker."""

import hashlib
import importlib.metadata
import inspect
import os
import pickle
import tempfile
from contextlib import suppress
from functools import cache, wraps
from pathlib import Path

# Versions of a table kept, the last used: two checkouts built in turns (a benchmark of one
# against the other) each find theirs.
KEPT_VERSIONS = 4


def cache_folder() -> Path | None:
    """The package's folder in the user's cache (XDG's: a relative path is none), or None for
    a user with no home folder."""
    for base in (os.environ.get("XDG_CACHE_HOME", ""), os.path.expanduser("~/.cache")):
        if os.path.isabs(base):
            return Path(base) / "corpus-ingest"
    return None


def kept_between_runs(*packages: str):
    """`functools.cache`, the value also kept on disk under a digest of the function's module
    and the versions of the `packages` whose data it is made from; where there is no such
    folder or it cannot be written, the value is made in each process as before."""

    def decorator(function):
        @cache
        @wraps(function)
        def kept():
            folder = cache_folder()
            if folder is None:
                return function()
            digest = hashlib.blake2b(digest_size=12)
            digest.update(Path(inspect.getfile(function)).read_bytes())
            for package in packages:
                digest.update(f"{package} {importlib.metadata.version(package)}".encode())
            path = folder / f"{function.__name__}-{digest.hexdigest()}.pickle"
            try:
                with path.open("rb") as stored:
                    value = pickle.load(stored)
            except Exception:  # noqa: BLE001 - missing, unreadable or damaged: made again
                value = function()
                store(path, value)
                return value
            with suppress(OSError):
                os.utime(path)  # used last
            return value

        return kept

    return decorator


def store(path: Path, value) -> None:
    """`value` pickled at `path` whole or not at all; of the function's other versions, those
    used least lately removed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, suffix=".partial")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(name, path)
    except OSError:
        return
    finally:
        Path(name).unlink(missing_ok=True)  # there only if not put in place: a stopped build's
    versions = path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle")
    for unused in sorted(versions, key=last_used, reverse=True)[KEPT_VERSIONS:]:
        unused.unlink(missing_ok=True)


def last_used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process
        return 0.0
