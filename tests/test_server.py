"""The published server: read-only, limited, and steady under load (loopback only)."""

import json
import os
import sqlite3
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from bench.load_test import run_load
from explorer.http_cache import served_tag
from explorer.serve import SETTINGS, command, running


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def sql(server: str, query: str) -> tuple[int, dict]:
    status, body = get(f"{server}/corpus.json?sql={urllib.parse.quote(query)}")
    return status, json.loads(body)


def test_serving_binds_to_loopback_by_default():
    arguments = command()
    assert arguments[arguments.index("--host") + 1] == "127.0.0.1"


def test_limits_are_set(server):
    settings = json.loads(get(server + "/-/settings.json")[1])
    assert settings["sql_time_limit_ms"] == SETTINGS["sql_time_limit_ms"] == 3000
    assert settings["max_returned_rows"] == 1000


def test_no_writes_through_sql_or_http(server):
    for statement in (
        "delete from passages",
        "update entities set name = 'x'",
        "drop table passages",
        "attach database ':memory:' as m",
    ):
        status, body = sql(server, statement)
        assert status == 400 and not body["ok"], statement
    request = urllib.request.Request(
        server + "/corpus/passages/-/insert",
        method="POST",
        data=b'{"row": {"text": "x"}}',
        headers={"Content-Type": "application/json"},
    )
    try:
        status = urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 405
    assert sql(server, "select count(*) as n from passages")[1]["rows"] == [[30]]


def test_a_pathological_query_is_cut_off_and_the_server_stays_up(server):
    started = time.monotonic()
    status, body = sql(
        server,
        "select count(*) from passages a, passages b, passages c, passages d, passages e, "
        "passages f where a.text like '%' || f.position || '%'",
    )
    assert not body["ok"] and "too long" in body["error"].lower()
    assert time.monotonic() - started < SETTINGS["sql_time_limit_ms"] / 1000 + 5
    assert get(server + "/-/versions.json")[0] == 200


def test_a_bounded_load_of_searches_has_no_errors(server):
    """400 ranked searches from 8 concurrent clients; bench/load_test.py runs 2,000."""
    latencies, errors = run_load(f"{server}/corpus", requests=400, clients=8)
    assert errors == [] and len(latencies) == 400
    print(f"400 searches, 8 clients: p95 {statistics.quantiles(latencies, n=20)[-1] * 1000:.0f} ms")


def test_unknown_pages_are_not_found_not_server_errors(server):
    for path in ("/nothing/here/at/all", "/corpus/no_such_table", "/corpus/passages/999999"):
        assert get(server + path)[0] == 404, path
    request = urllib.request.Request(server + "/corpus/passages", method="POST", data=b"x=1")
    try:
        status = urllib.request.urlopen(request, timeout=10).status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 405


def test_adversarial_search_text_is_answered_in_time(server):
    queries = [
        "(" * 3000 + "Stalin" + '"' * 3000,
        " ".join(["NEAR(Stalin", "AND", "OR", "NOT", "*", '"pact'] * 500),
        "SINGLE-SHOT_HIT-PROBABILITY " * 300,
    ]
    for query in queries:
        started = time.perf_counter()
        status, body = get(
            f"{server}/corpus/search.json?_shape=array&q={urllib.parse.quote(query)}"
        )
        assert status == 200, body[:300]
        assert time.perf_counter() - started < 5


def response(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as answered:
            return answered.status, dict(answered.headers), answered.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_answers_are_tagged_revalidated_and_kept(server):
    url = f"{server}/corpus/search?q=pact"
    status, headers, body = response(url)
    assert status == 200 and headers["cache-control"] == "public, max-age=600"
    tag = headers["etag"]
    assert tag.startswith('W/"')
    # asked again, the same answer: from memory once the worker asked has answered it (each of
    # the server's workers misses at most once)
    data = f"{server}/corpus/search.json?_shape=array&q=pact"
    answers = [response(data) for _ in range((os.cpu_count() or 1) + 1)]
    assert len({answer[2] for answer in answers}) == 1 and answers[0][1]["etag"] == tag
    assert any(answer[1].get("x-answered-from") == "memory" for answer in answers)
    # a reader who holds it is told it has not changed, and gets no body
    status, headers, body = response(url, {"If-None-Match": tag})
    assert (status, body, headers["etag"]) == (304, b"", tag)
    # a page of another question is answered in full; an unknown one is not kept as found
    assert response(f"{server}/corpus/search?q=treaty", {"If-None-Match": 'W/"other"'})[0] == 200
    assert response(server + "/corpus/no_such_table")[0] == 404
    assert "etag" not in response(server + "/corpus/no_such_table")[1]


def test_another_build_is_another_tag(seed_db, tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(seed_db.read_bytes())
    assert served_tag((str(seed_db),)) == served_tag((str(seed_db),))
    with sqlite3.connect(other) as connection:
        connection.execute("update build_info set value = 'another' where key = 'inputs_digest'")
    assert served_tag((str(other),)) != served_tag((str(seed_db),))


def test_the_server_runs_the_workers_asked_for(seed_db):
    with running(seed_db, workers=2) as url:
        port = url.rsplit(":", 1)[1]
        [parent] = subprocess.run(
            ["pgrep", "-f", f"uvicorn explorer.asgi:app --host 127.0.0.1 --port {port} "],
            capture_output=True,
            text=True,
        ).stdout.split()
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        workers = [c for c in children if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()]
        assert len(workers) == 2
        assert all(get(f"{url}/corpus/search.json?q=pact")[0] == 200 for _ in range(10))
