"""Run slow work (backup, restore, copy) off the GUI thread with a progress dialog.

The caller waits for the result in a local event loop, so the window keeps painting and
the progress dialog animates while the worker thread runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

T = TypeVar("T")


class _Signals(QObject):
    finished = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], object]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, raised there
            self.signals.finished.emit(None, exc)
        else:
            self.signals.finished.emit(result, None)


def run_in_background(parent: QWidget | None, label: str, fn: Callable[[], T]) -> T:
    """Run `fn` in a worker thread; show a busy progress dialog if it takes over 300 ms.
    Returns its result or raises its exception."""
    job = _Job(fn)
    loop = QEventLoop()
    outcome: dict[str, object] = {}

    def done(result: object, exc: object) -> None:
        outcome["result"], outcome["exc"] = result, exc
        loop.quit()

    job.signals.finished.connect(done, Qt.ConnectionType.QueuedConnection)
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)  # SQLite's backup cannot be interrupted safely halfway
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setWindowTitle("Please wait")
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(dialog.show)
    timer.start(300)
    QThreadPool.globalInstance().start(job)
    if "exc" not in outcome:
        loop.exec()
    timer.stop()
    dialog.reset()
    dialog.deleteLater()
    if outcome.get("exc") is not None:
        raise outcome["exc"]  # type: ignore[misc]
    return outcome["result"]  # type: ignore[return-value]
