"""A build with entities on this machine and through a Dask cluster on loopback (a scheduler
and two single-threaded workers, as `make cluster` starts them), on the same synthetic corpus,
taking turns: the overhead of the cluster, and the figures that say how far it scales.

    .venv/bin/python bench/cluster.py [--passages 10000] [--rounds 1]

Scaling: each worker does the rules and the model at the rate measured here; the client writes
the rows at the rate of a build without entities (`--no-ner`, measured here too), the one part
that does not spread: N workers help until N times a worker's rate reaches the writer's.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from distributed import Client

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from against_commit import synthetic_corpus, timed_build  # noqa: E402
from rows import table_rows  # noqa: E402

from explorer.serve import free_port  # noqa: E402

DASK = Path(sys.executable).parent / "dask"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [
        subprocess.Popen(
            [DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    processes += [
        subprocess.Popen(
            [DASK, "worker", address, "--nthreads", "1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=120)
        with tempfile.TemporaryDirectory() as work:
            work = Path(work)
            sources = synthetic_corpus(work / "sources", args.passages)
            times = {"local": [], "cluster": []}
            for _ in range(args.rounds):
                times["local"].append(timed_build(ROOT, sources, work / "local.db"))
                times["cluster"].append(
                    timed_build(ROOT, sources, work / "cluster.db", "--scheduler", address)
                )
            writer = timed_build(ROOT, sources, work / "rules.db", "--no-ner")
            same = table_rows(work / "local.db") == table_rows(work / "cluster.db")
        local, cluster = (statistics.median(t) for t in times.values())
        worker_rate = args.passages / cluster / 2
        writer_rate = args.passages / writer
        print(f"{args.passages:,} passages with entities, median of {args.rounds}:")
        print(f"  local build (this machine's processes): {local:.1f} s")
        print(f"  through the cluster (2 workers x 1 thread): {cluster:.1f} s")
        print(f"  ratio cluster / local: {cluster / local:.2f}")
        print(f"  same content (every table but build_info): {same}")
        print(f"  per worker: {worker_rate:,.0f} passages/s; writer alone: {writer_rate:,.0f}/s")
        print(f"  workers before the writer sets the pace: about {writer_rate / worker_rate:.0f}")
    finally:
        for process in processes:
            process.kill()


if __name__ == "__main__":
    main()
