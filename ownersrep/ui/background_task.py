"""Run slow work (backup, restore, copy, import) off the GUI thread behind a progress
dialog.

The caller waits for the result in a local event loop, so the window keeps painting; the
dialog is window-modal, so nothing else can change the workspace meanwhile. Work that can
count its steps reports `progress(done, total)` and the bar fills; other work shows a
busy bar. Nothing can be cancelled halfway: SQLite's backup and an import's transaction
either complete or leave everything as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")
Progress = Callable[[int, int], None]


class _Signals(QObject):
    progressed = Signal(int, int)  # done, total
    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[Progress], object]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn(self.signals.progressed.emit)
        except BaseException as exc:  # handed to the GUI thread, raised there
            self.signals.finished.emit(None, exc)
        else:
            self.signals.finished.emit(result, None)


def run_with_progress(parent: QWidget | None, label: str, fn: Callable[[Progress], T]) -> T:
    """Run `fn(progress)` in a worker thread behind a progress dialog (shown after
    300 ms). Returns its result or raises its exception in the caller's thread."""
    job = _Job(fn)
    loop = QEventLoop()
    outcome: dict[str, object] = {}
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setWindowTitle("Please wait")
    dialog.setMinimumDuration(300)
    dialog.setMinimumWidth(420)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)

    def progressed(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def finished(result: object, exc: object) -> None:
        outcome["result"], outcome["exc"] = result, exc
        loop.quit()

    job.signals.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    job.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    dialog.setValue(0)  # starts the minimum-duration clock
    QThreadPool.globalInstance().start(job)
    if "exc" not in outcome:
        loop.exec()
    dialog.reset()
    dialog.deleteLater()
    if outcome.get("exc") is not None:
        raise outcome["exc"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]


def run_in_background(parent: QWidget | None, label: str, fn: Callable[[], T]) -> T:
    """`run_with_progress` for work that cannot count its steps (a busy bar)."""
    return run_with_progress(parent, label, lambda _progress: fn())
