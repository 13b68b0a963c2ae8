"""Responses that cannot change while the corpus is served: the database file is immutable, so
every successful GET carries an ETag (the served databases' build digests and the explorer's
own code) and a Cache-Control that lets browsers and proxies keep it; a request that already
holds the ETag is answered 304 at once; and each worker process keeps the answers to the latest
questions in memory, so a popular search is computed once, not once per reader."""

import hashlib
import sqlite3
from collections import OrderedDict
from contextlib import closing
from functools import cache
from pathlib import Path

CACHE_CONTROL = b"public, max-age=600"
LARGEST_KEPT = 2 * 1024 * 1024  # bytes of one answer kept in memory
MOST_KEPT = 64 * 1024 * 1024  # bytes of all the answers kept, per worker process
EXPLORER = Path(__file__).resolve().parent


@cache
def served_tag(files: tuple[str, ...]) -> bytes:
    """A weak ETag for everything served: what each database was built from (its build_info
    digest, else its size and time), and the explorer's code, templates and metadata."""
    digest = hashlib.blake2b(digest_size=12)
    for path in files:
        digest.update(build_digest(path).encode())
    for code in sorted([*EXPLORER.rglob("*.py"), *EXPLORER.rglob("*.html")]):
        digest.update(code.read_bytes())
    digest.update((EXPLORER.parent / "metadata.json").read_bytes())
    return b'W/"' + digest.hexdigest().encode() + b'"'


def build_digest(path: str) -> str:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as connection:
            rows = connection.execute(
                "select key, value from build_info where key in ('inputs_digest', 'built_at') "
                "order by key"
            ).fetchall()
    except sqlite3.Error:
        rows = []
    if rows:
        return repr(rows)
    stat = Path(path).stat()
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


class Answers:
    """The latest answers, least recently asked dropped first, within MOST_KEPT bytes."""

    def __init__(self):
        self.kept: OrderedDict[tuple, tuple[list, bytes]] = OrderedDict()
        self.size = 0

    def get(self, key: tuple):
        found = self.kept.get(key)
        if found is not None:
            self.kept.move_to_end(key)
        return found

    def keep(self, key: tuple, headers: list, body: bytes) -> None:
        if key in self.kept:
            return
        self.kept[key] = (headers, body)
        self.size += len(body)
        while self.size > MOST_KEPT:
            _, (_, dropped) = self.kept.popitem(last=False)
            self.size -= len(dropped)


def with_http_cache(app, datasette):
    """The ASGI app, its GET answers tagged, revalidated and kept."""
    answers = Answers()

    async def cached(scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "GET":
            await app(scope, receive, send)
            return
        files = tuple(sorted(d.path for d in datasette.databases.values() if d.path))
        tag = served_tag(files)
        asked = dict(scope["headers"])
        if tag in [t.strip() for t in asked.get(b"if-none-match", b"").split(b",")]:
            headers = [(b"etag", tag), (b"cache-control", CACHE_CONTROL)]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        key = (scope["path"], scope["query_string"])
        found = answers.get(key)
        if found is not None:
            headers, body = found
            headers = [*headers, (b"x-answered-from", b"memory")]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        answer = {"headers": None, "chunks": [], "size": 0}  # headers: None unless keepable

        async def tagged(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if keepable(message["status"], headers):
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers += [(b"etag", tag), (b"cache-control", CACHE_CONTROL)]
                    answer["headers"] = headers
                    message = dict(message, headers=headers)
            elif message["type"] == "http.response.body" and answer["headers"] is not None:
                body = message.get("body", b"")
                answer["chunks"].append(body)
                answer["size"] += len(body)
                if answer["size"] > LARGEST_KEPT:
                    answer["headers"] = None  # a download: sent, not kept
                elif not message.get("more_body"):
                    answers.keep(key, answer["headers"], b"".join(answer["chunks"]))
            await send(message)

        await app(scope, receive, tagged)

    return cached


def keepable(status: int, headers: list) -> bool:
    """A whole successful answer for anyone: no cookie set, nothing private."""
    names = {name.lower() for name, _ in headers}
    private = any(
        name.lower() == b"cache-control" and (b"private" in value or b"no-store" in value)
        for name, value in headers
    )
    return status == 200 and b"set-cookie" not in names and not private
