"""The Schedule tab's actions and its toolbar: add a task or a milestone, outdent,
indent, delete; the task count and the filter box on the right."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QSizePolicy, QStyle, QToolBar, QWidget

from ownersrep.ui.task_tree_model import milestone_icon

Slot = Callable[[], None]


class ScheduleActions(NamedTuple):
    add_task: QAction
    add_milestone: QAction
    outdent: QAction
    indent: QAction
    delete: QAction


class ScheduleToolbar(NamedTuple):
    bar: QToolBar
    count_label: QLabel
    filter_edit: QLineEdit


def build_actions(
    owner: QWidget,
    view: QWidget,
    *,
    add_task: Slot,
    add_milestone: Slot,
    outdent: Slot,
    indent: Slot,
    delete: Slot,
) -> ScheduleActions:
    """The actions, owned by `owner`; their shortcuts work while `view` has focus."""
    sp, theme = QStyle.StandardPixmap, QIcon.ThemeIcon

    def themed_icon(name: QIcon.ThemeIcon, fallback: QStyle.StandardPixmap) -> QIcon:
        """The desktop theme's icon, else the style's own."""
        return QIcon.fromTheme(name, owner.style().standardIcon(fallback))

    def action(text: str, slot: Slot, icon: QIcon, tip: str, shortcut: str = "") -> QAction:
        made = QAction(icon, text, owner)
        made.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        if shortcut:
            made.setShortcut(QKeySequence(shortcut))
            # Only while the table itself has focus: never inside a cell editor.
            made.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            view.addAction(made)
        made.triggered.connect(lambda _checked=False: slot())
        return made

    return ScheduleActions(
        add_task=action(
            "Add task",
            add_task,
            themed_icon(theme.ListAdd, sp.SP_FileIcon),
            "Add a task below the current one",
            "Ins",
        ),
        add_milestone=action(
            "Add milestone",
            add_milestone,
            milestone_icon(),
            "Add a milestone below the current task",
            "Shift+Ins",
        ),
        outdent=action(
            "Outdent",
            outdent,
            themed_icon(theme.FormatIndentLess, sp.SP_ArrowLeft),
            "Move the selected tasks one level up",
            "Alt+Shift+Left",
        ),
        indent=action(
            "Indent",
            indent,
            themed_icon(theme.FormatIndentMore, sp.SP_ArrowRight),
            "Move the selected tasks under the task above",
            "Alt+Shift+Right",
        ),
        # Delete has no shortcut here: the window's Edit ▸ Delete calls delete_selected().
        delete=action(
            "Delete",
            delete,
            themed_icon(theme.EditDelete, sp.SP_TrashIcon),
            "Delete the selected tasks and everything under them",
        ),
    )


def build_toolbar(owner: QWidget, actions: ScheduleActions) -> ScheduleToolbar:
    bar = QToolBar("Schedule", owner)
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setMovable(False)
    bar.addActions([actions.add_task, actions.add_milestone])
    bar.addSeparator()
    bar.addActions([actions.outdent, actions.indent])
    bar.addSeparator()
    bar.addAction(actions.delete)
    spacer = QWidget(bar)
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    bar.addWidget(spacer)
    count_label = QLabel(bar)
    count_label.setContentsMargins(0, 0, 12, 0)
    bar.addWidget(count_label)
    filter_edit = QLineEdit(bar)
    filter_edit.setObjectName("schedule_filter")
    filter_edit.setPlaceholderText("Filter by name or WBS")
    filter_edit.setClearButtonEnabled(True)
    filter_edit.setFixedWidth(240)
    clear = QAction(filter_edit)
    clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
    clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    clear.triggered.connect(filter_edit.clear)
    filter_edit.addAction(clear)
    bar.addWidget(filter_edit)
    return ScheduleToolbar(bar, count_label, filter_edit)
