"""Regression guard for the PySide6 pin in pyproject.toml (`!=6.12.0`).

PySide6 6.12.0 crashed with `Fatal Python error: none_dealloc` after many QPainter calls:
its bindings of void methods (fillRect, drawRect, drawText, ...) returned None without
taking a new reference to it, so every call dropped one reference that Python never
gave. On Python 3.11 None is not immortal: after a few hundred thousand calls (one busy
heat map or Gantt repaint session) its count reached zero and the interpreter aborted.
6.11.3 is known good; that is why the dependency excludes 6.12.0.

The loop runs in a child interpreter, so that a broken binding fails this test with a
readable message instead of killing the whole test run, and so that the count of None
is not disturbed by anything else pytest does meanwhile.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

CALLS = 200_000
MARGIN = 50  # references to None may come and go for unrelated reasons; 200k may not

CHILD = textwrap.dedent(
    """
    import json, sys, time
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    app = QGuiApplication([])
    image = QImage(200, 120, QImage.Format.Format_ARGB32_Premultiplied)
    colour = QColor("#e0a02a")
    rect = QRect(4, 4, 40, 30)
    painter = QPainter(image)
    calls = int(sys.argv[1])
    before = lowest = sys.getrefcount(None)
    start = time.perf_counter()
    for n in range(calls // 3):
        painter.fillRect(rect, colour)
        painter.drawRect(rect)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "7")
        if n % 2000 == 0:
            lowest = min(lowest, sys.getrefcount(None))
    seconds = time.perf_counter() - start
    painter.end()
    after = sys.getrefcount(None)
    print(json.dumps({"before": before, "after": after, "lowest": min(lowest, after),
                      "seconds": seconds, "calls": calls // 3 * 3}))
    """
)


def test_many_void_painter_calls_keep_none_alive() -> None:
    """200,000 void QPainter calls leave None's reference count where it was."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(CALLS)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, (
        f"the painting process died (exit {done.returncode}); is PySide6 6.12.0 installed?\n"
        f"{done.stderr[-2000:]}"
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["calls"] >= CALLS - 2
    assert figures["before"] - figures["lowest"] <= MARGIN, figures
    assert figures["before"] - figures["after"] <= MARGIN, figures
    # The loop itself stays quick (it ran about 0.5 s on a laptop with 6.11.3).
    assert figures["seconds"] < 10, figures
