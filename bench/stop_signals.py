"""The tests of stopping a build, run many times in a row in the settings where a signal's
delivery and a pool's shutdown race: the suite in the foreground, as a background job of a
non-interactive shell (which starts it with SIGINT ignored), and beside CPU-bound processes on
every core.

    .venv/bin/python bench/stop_signals.py [--runs 50] [--setting foreground|background|busy]
        [-k EXPRESSION] [FILE ...]

Stops at the first failure; prints the runs passed and the time they took.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# By default the test that failed two runs in three before the fix (Ctrl-C in the rule stage),
# the pool's shutdown while results are being written, and the rule stage's two stage cases;
# pytest's -k chooses them (`--count` adds the run to each test's name).
FILES = ["tests/test_robustness.py", "tests/test_parallel.py", "tests/test_stopping.py"]
CHOSEN = "ctrl_c or being_written or rule"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=FILES, metavar="FILE")
    parser.add_argument("-k", default=CHOSEN, help=f"the tests chosen (default: {CHOSEN})")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--setting", choices=["foreground", "background", "busy"])
    args = parser.parse_args()
    pytest = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"]
    command = [*pytest, "--count", str(args.runs), "-k", args.k, *args.files]
    if args.setting == "background":
        command = ["bash", "-c", '"$@" & wait $!', "background", *command]
    busy = []
    if args.setting == "busy":
        spin = [sys.executable, "-c", "while True: pass"]
        busy = [subprocess.Popen(spin) for _ in range(os.cpu_count() or 1)]
    started = time.monotonic()
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    finally:
        for process in busy:
            process.kill()
            process.wait()
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(
        f"{args.setting or 'foreground'}: {args.runs} runs of -k {args.k!r}: "
        f"{summary} ({time.monotonic() - started:.0f} s)"
    )
    if result.returncode:
        print(result.stdout[-4000:], result.stderr[-2000:], sep="\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
