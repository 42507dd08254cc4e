"""Process-wide settings of the interpreter, set once by the entry points.

Python's cyclic garbage collector runs a collection every 700 new container objects by
default. Reading a 10,000-task project builds some 100,000 of them (rows, dates, tuples),
and those collections walked a heap that already held the open project: measured on
such a project, listing the tasks took 285 ms with the default and 150 ms with the
threshold below (the same as with the collector off). Nothing here relies on cycles
being freed quickly; they are still freed, just in fewer, larger passes.
"""

from __future__ import annotations

import gc

GC_THRESHOLDS = (100_000, 50, 100)


def tune_gc() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
