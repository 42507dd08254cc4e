"""Start-up time: process start to the first painted main window.

Prints the median of several runs of the real app (on a demo workspace) next to the floor
measured in the same run: a bare QMainWindow in a fresh process.  Target: app < 1.2 s.
Run by hand:  QT_QPA_PLATFORM=offscreen .venv/bin/python bench/startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = 7


def first_paint(args: list[str], env: dict[str, str]) -> float:
    start = time.time()
    out = subprocess.run(
        [sys.executable, str(HERE / "first_paint_probe.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    # As `make run` leaves it: byte-compiled (PYTHONDONTWRITEBYTECODE may be set here).
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parent / "ownersrep")], check=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        env.update(
            OWNERSREP_DATA_DIR=f"{tmp}/data",
            OWNERSREP_BACKUP_DIR=f"{tmp}/backups",
            OWNERSREP_LOG_DIR=f"{tmp}/logs",
            XDG_CONFIG_HOME=f"{tmp}/config",
        )
        demo = Path(tmp) / "demo.orep"
        subprocess.run(
            [sys.executable, "-m", "ownersrep", "demo", str(demo)],
            env=env,
            check=True,
            capture_output=True,
        )
        first_paint(["app", str(demo)], env)  # warm the OS file cache once
        bare = [first_paint(["bare"], env) for _ in range(RUNS)]
        app = [first_paint(["app", str(demo)], env) for _ in range(RUNS)]
    print(f"start-up to first paint, median of {RUNS} runs")
    print(f"  floor: bare QMainWindow   {statistics.median(bare) * 1000:7.0f} ms")
    print(
        f"  OwnersRep on the demo     {statistics.median(app) * 1000:7.0f} ms   (target < 1200 ms)"
    )


if __name__ == "__main__":
    main()
