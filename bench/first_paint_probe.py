"""Child process for bench/startup.py: prints the wall time of the first paint of a main
window, then quits.  Usage: first_paint_probe.py bare | app WORKSPACE"""

from __future__ import annotations

import sys
import time

mode = sys.argv[1]
if mode == "app":
    # What `ownersrep.cli.main` does before it starts the GUI (services before Qt).
    import ownersrep.services.workspace_access  # noqa: F401

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print(f"{time.time():.6f}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
            QApplication.instance().removeEventFilter(self)
        return False


app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
if mode == "bare":
    window = QMainWindow()
    window.resize(1400, 860)
    window.show()
    app.exec()
else:
    from ownersrep.cli import main

    main([sys.argv[2]])
