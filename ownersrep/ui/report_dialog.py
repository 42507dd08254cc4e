"""Report → Owner report…: choose the scope, period, sections, protection and file, write
the period's record, and build the PDF in the background; then preview it.

Saved when the report is built (each an undo command, pushed only if something
changed): the project's section choices (`SetReportChoicesCommand`) and the period's
record (`SavePeriodRecordCommand`, also saved by the panel's own Save button).
Issuing (`ReportService.mark_issued`) is deliberately NOT undoable: it records that a
PDF left the app and freezes the RAG overrides it printed, so that the same report can
be rebuilt later; undo cannot call that PDF back, and has no service inverse.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.app_services import AppServices
from ownersrep.services.report_types import PageSize, ReportChoices
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.report_commands import SetReportChoicesCommand
from ownersrep.ui.error_handler import show_error
from ownersrep.ui.form_widgets import buddy
from ownersrep.ui.period_record_panel import PeriodRecordPanel
from ownersrep.ui.report_build import BuiltReport, ReportRequest, build_in_background
from ownersrep.ui.report_preview import show_report
from ownersrep.ui.report_sections_box import ReportSectionsBox

PDF_FILTER = "PDF files (*.pdf)"
FOLDER_KEY = "report/last_folder"
PERIOD_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
TITLE = "Cannot build the report"


class ReportDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        project_id: int | None,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        status: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Owner report")
        self._services = services
        self._stack = undo_stack
        self._bus = bus
        self._settings = settings if settings is not None else QSettings()
        self._status = status
        self._project_id = project_id
        self._project = services.projects.get(project_id) if project_id is not None else None
        self._saved_choices: ReportChoices | None = None
        self._file_chosen = False  # the user picked the file: scope/period no longer rename it
        self.built: BuiltReport | None = None
        self.preview: QWidget | None = None

        self.scope = QComboBox(self)
        self.scope.setObjectName("scope")
        name = self._project.name if self._project else "no project selected"
        self.scope.addItem(f"This project ({name})", False)
        self.scope.addItem("Whole portfolio (all projects)", True)
        if self._project is None:
            self.scope.model().item(0).setEnabled(False)  # type: ignore[attr-defined]
            self.scope.setCurrentIndex(1)
        self.period = QComboBox(self)
        self.period.setObjectName("period")
        self.period.setEditable(True)
        self.period.setToolTip("The reporting month, as YYYY-MM")
        self.page_size = QComboBox(self)
        self.page_size.setObjectName("page_size")
        for size in PageSize:
            self.page_size.addItem(size.value, size)
        self.sections = ReportSectionsBox(self)
        self.protect = self._protection_box()
        self.issue = QCheckBox("&Record this report as issued for the period", self)
        self.issue.setObjectName("record_issued")
        self.issue.setChecked(True)
        self.issue.setToolTip(
            "Stores the date and freezes the RAG overrides this report prints, so that it "
            "can be rebuilt identically later. Leave off for a draft."
        )
        self.out_file = QLineEdit(self)
        self.out_file.setObjectName("out_file")
        self.out_file.textEdited.connect(self._on_out_file_edited)
        browse = QPushButton("Br&owse…", self)
        browse.clicked.connect(self._on_browse_clicked)
        file_row = QHBoxLayout()
        file_row.addWidget(self.out_file, 1)
        file_row.addWidget(browse)

        self.record = PeriodRecordPanel(services, undo_stack, bus, self)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.record)
        self.right.addWidget(self._portfolio_note())

        form = QFormLayout()
        form.addRow("&Scope:", self.scope)
        form.addRow("&Period:", self.period)
        form.addRow("Page si&ze:", self.page_size)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.sections)
        left.addWidget(self.protect)
        left.addWidget(self.issue)
        out_form = QFormLayout()
        out_form.addRow(buddy("Save &to:", self.out_file), file_row)
        left.addLayout(out_form)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 5)
        columns.addWidget(self.right, 6)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.build_button = self.buttons.addButton(
            "&Build report", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.build_button.setDefault(True)
        self.buttons.accepted.connect(self._on_build_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(960)

        self.scope.currentIndexChanged.connect(self._on_scope_changed)
        self.period.currentTextChanged.connect(self._on_period_changed)
        self._loaded_period = ""
        self._on_scope_changed()

    # -- public ----------------------------------------------------------------------
    def is_portfolio(self) -> bool:
        return bool(self.scope.currentData())

    def period_text(self) -> str:
        return self.period.currentText().strip()

    def out_path(self) -> Path:
        text = self.out_file.text().strip()
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def build(self) -> BuiltReport | None:
        """Save what changed, build the PDF in the background, record it as issued and
        open the preview. A refusal is shown; returns None then."""
        password = self._password()
        if password is None or not self._check_out_file():
            return None
        portfolio = self.is_portfolio()
        period = self.period_text()
        if not portfolio and not self._save_choices_and_record():
            return None
        request = ReportRequest(
            project_id=None if portfolio else self._project_id,
            period=period,
            out=self.out_path(),
            portfolio=portfolio,
            choices=self.sections.choices(),
            page_size=self.page_size.currentData(),
            password=password,
            allow_print=self.allow_print.isChecked(),
        )
        try:
            built = build_in_background(self, self._services, request)
        except OwnersRepError as exc:
            QMessageBox.warning(self, TITLE, str(exc))
            return None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            QMessageBox.warning(self, TITLE, f"Cannot write {request.out}: {reason}")
            return None
        except Exception as exc:  # a builder bug: logged, explained, never a traceback
            show_error(self, TITLE, exc)
            return None
        self.built = built
        self._settings.setValue(FOLDER_KEY, str(built.path.parent))
        if not portfolio and self.issue.isChecked() and self._project_id is not None:
            self._mark_issued(self._project_id, period)
        self.preview = show_report(
            built.path,
            password=password,
            warnings=built.warnings,
            parent=self.parentWidget(),
            status=self._status,
        )
        return built

    # -- building --------------------------------------------------------------------
    def _portfolio_note(self) -> QGroupBox:
        box = QGroupBox("Portfolio report", self)
        projects = self._services.portfolio.tree().projects()
        names = "".join(f"<li>{escape(p.name)}</li>" for p in projects)
        text = QLabel(
            "<p>A summary page of every project (RAG, CPI, SPI and the next milestone), "
            "then the chosen sections of each project.</p>"
            "<p>Each project's narrative, achievements and names are those saved with "
            "its own record of the period: open this dialog on the project to write them."
            f"</p><p><b>{len(projects)} projects:</b></p><ul>{names}</ul>",
            box,
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(text)
        layout.addStretch(1)
        return box

    def _protection_box(self) -> QGroupBox:
        box = QGroupBox("Protect with a pass&word", self)
        box.setObjectName("protect")
        box.setCheckable(True)
        box.setChecked(False)
        self.password = QLineEdit(box)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(box)
        self.confirm.setObjectName("confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.allow_print = QCheckBox("Allow &printing", box)
        self.allow_print.setChecked(True)
        form = QFormLayout(box)
        form.addRow("Password:", self.password)
        form.addRow("Confirm:", self.confirm)
        form.addRow("", self.allow_print)
        encryption = QLabel("AES-256: the PDF cannot be opened without the password.", box)
        encryption.setStyleSheet("color: palette(placeholder-text);")
        encryption.setWordWrap(True)
        form.addRow(encryption)
        return box

    # -- slots -----------------------------------------------------------------------
    def _on_build_clicked(self) -> None:
        if self.build() is not None:
            self.accept()

    def _on_scope_changed(self, *_args: object) -> None:
        portfolio = self.is_portfolio()
        self.right.setCurrentIndex(1 if portfolio else 0)
        self.issue.setVisible(not portfolio)
        reports = self._services.reports
        if portfolio or self._project_id is None:
            self.sections.set_choices(ReportChoices())
            default = reports.default_period(None)
            periods = _months_before(default, 12)
        else:
            self._saved_choices = self._services.report_settings.choices(self._project_id)
            self.sections.set_choices(self._saved_choices)
            default = reports.default_period(self._project_id)
            periods = reports.periods(self._project_id)
            if default not in periods:
                periods = sorted({*periods, default}, reverse=True)
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(periods)
        self.period.setCurrentText(default)
        self.period.blockSignals(False)
        self._on_period_changed(default)

    def _on_period_changed(self, text: str) -> None:
        period = text.strip()
        if not PERIOD_RE.match(period):
            return
        if not self._file_chosen:
            self.out_file.setText(str(self._default_folder() / self._default_name(period)))
        if self.is_portfolio() or self._project_id is None or period == self._loaded_period:
            return
        if self.record.is_dirty() and self._loaded_period:
            answer = QMessageBox.question(
                self,
                "Owner report",
                f"Save the changes to the record of {self._loaded_period}?",
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                self.record.save()
        try:
            self.record.load(self._project_id, period)
        except OwnersRepError as exc:
            QMessageBox.warning(self, "Owner report", str(exc))
            return
        self._loaded_period = period

    def _on_out_file_edited(self, _text: str) -> None:
        self._file_chosen = True

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the owner report as", str(self.out_path()), PDF_FILTER
        )
        if path:
            self.out_file.setText(path)
            self._file_chosen = True

    # -- helpers ---------------------------------------------------------------------
    def _password(self) -> str | None:
        """The password to encrypt with ("" for none), or None after showing why not."""
        if not self.protect.isChecked():
            return ""
        password, confirm = self.password.text(), self.confirm.text()
        if not password:
            message = "Password: is required to protect the report"
        elif password != confirm:
            message = "Password: the two entries are not the same"
        else:
            return password
        QMessageBox.warning(self, TITLE, message)
        self.password.setFocus()
        return None

    def _check_out_file(self) -> bool:
        if not self.out_file.text().strip():
            QMessageBox.warning(self, TITLE, "Save to: choose a file for the report")
            return False
        folder = self.out_path().parent
        if not folder.is_dir():
            QMessageBox.warning(self, TITLE, f"Save to: the folder {folder} does not exist")
            return False
        return True

    def _save_choices_and_record(self) -> bool:
        """Save the project's section choices and the period's record, each as one undo
        command and only if changed. False (after showing why) if refused."""
        assert self._project_id is not None
        choices = self.sections.choices()
        if choices != self._saved_choices:
            command = SetReportChoicesCommand(self._services, self._bus, self._project_id, choices)
            try:
                run_command(self._stack, command)
            except OwnersRepError as exc:
                QMessageBox.warning(self, TITLE, str(exc))
                return False
            self._saved_choices = choices
        if self.period_text() != self._loaded_period:  # a period typed but not loaded
            self._on_period_changed(self.period_text())
        return self.record.save()

    def _mark_issued(self, project_id: int, period: str) -> None:
        try:
            outcome = self._services.reports.mark_issued(project_id, period)
        except OwnersRepError as exc:
            QMessageBox.warning(self, "Cannot record the issue", str(exc))
            return
        self._bus.changed.emit(outcome.changes)

    def _default_folder(self) -> Path:
        remembered = self._settings.value(FOLDER_KEY, "")
        if remembered and Path(str(remembered)).is_dir():
            return Path(str(remembered))
        from platformdirs import user_documents_path

        documents = user_documents_path()
        return documents if documents.is_dir() else Path.home()

    def _default_name(self, period: str) -> str:
        if self.is_portfolio() or self._project is None:
            name = self._services.info.get().name or "Portfolio"
        else:
            name = self._project.code or self._project.name
        return f"{_safe(name)} owner report {period}.pdf"


def _safe(name: str) -> str:
    """A name fit for a file on every system."""
    return re.sub(r'[\\/:*?"<>|]+', "-", name).strip(" .") or "Project"


def _months_before(period: str, count: int) -> list[str]:
    """`period` ("2026-11") and the months before it, newest first."""
    year, month = (int(part) for part in period.split("-"))
    months = []
    for _ in range(count):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months
