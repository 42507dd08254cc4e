"""Run slow work that can count its steps (an import) off the GUI thread, with a progress
bar that fills as the work reports `progress(done, total)`.

Like `background_task.run_in_background`, the caller waits in a local event loop, so the
window keeps painting; the dialog is window-modal, so nothing else can change the
workspace meanwhile. The work cannot be cancelled halfway: it runs in one transaction
that either commits whole or not at all."""

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
