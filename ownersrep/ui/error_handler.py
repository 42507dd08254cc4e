"""Unexpected exceptions: logged to a file in the user log folder, shown politely.

Expected errors (OwnersRepError) carry a message for the user and are shown as is by the
code that called the service; this hook catches everything else, so that the user never
sees a traceback and the traceback is never lost.
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ownersrep.domain.errors import OwnersRepError
from ownersrep.paths import log_dir

log = logging.getLogger("ownersrep")


def setup_logging() -> Path:
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ownersrep.log"
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("ownersrep")
    root.setLevel(logging.INFO)
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    return path


def show_error(parent: object, title: str, exc: BaseException) -> None:
    """Show an expected error's message, or a polite note for an unexpected one."""
    if isinstance(exc, OwnersRepError):
        QMessageBox.warning(parent, title, exc.message)  # type: ignore[arg-type]
        return
    log.error("%s: %s", title, "".join(traceback.format_exception(exc)))
    QMessageBox.critical(
        parent,  # type: ignore[arg-type]
        title,
        "Something went wrong that OwnersRep did not expect. Your data is safe: every "
        "change is saved the moment it is made.\n\n"
        f"Details were written to {log_dir() / 'ownersrep.log'}.\n\n"
        f"({type(exc).__name__}: {exc})",
    )


def _excepthook(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if QApplication.instance() is None:
        sys.__excepthook__(exc_type, exc, tb)
        return
    parent = QApplication.activeWindow()
    title = "Cannot do that" if isinstance(exc, OwnersRepError) else "Unexpected error"
    show_error(parent, title, exc)


def install_excepthook() -> None:
    sys.excepthook = _excepthook
