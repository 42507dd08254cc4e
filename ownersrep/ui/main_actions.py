"""The main window's actions, menus and toolbar, built in one place so the window class
stays about behaviour, not about wiring."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar

Key = QKeySequence.StandardKey
SP = QStyle.StandardPixmap


@dataclass
class MainActions:
    new: QAction
    open: QAction
    import_schedule: QAction
    save_copy: QAction
    backups: QAction
    check: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    delete: QAction
    find: QAction
    parties: QAction
    rename_portfolio: QAction
    thresholds: QAction
    show_tree: QAction
    owner_report: QAction
    branding: QAction
    tab_actions: list[QAction]
    about: QAction
    open_logs: QAction
    recent_menu: QMenu
    toolbar: QToolBar


def _action(
    window: QMainWindow,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence.StandardKey | str | None = None,
    icon: SP | None = None,
    tip: str = "",
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if icon is not None:
        action.setIcon(window.style().standardIcon(icon))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


class MainHandlers(Protocol):
    """What the main window does when an action fires."""

    def on_new(self) -> None: ...
    def on_open(self) -> None: ...
    def on_import_schedule(self) -> None: ...
    def on_save_copy(self) -> None: ...
    def on_backups(self) -> None: ...
    def on_check(self) -> None: ...
    def on_delete(self) -> None: ...
    def on_find(self) -> None: ...
    def on_parties(self) -> None: ...
    def on_rename_portfolio(self) -> None: ...
    def on_thresholds(self) -> None: ...
    def on_show_tab(self, index: int) -> None: ...
    def on_owner_report(self) -> None: ...
    def on_branding(self) -> None: ...
    def on_about(self) -> None: ...
    def on_open_logs(self) -> None: ...


def build_actions(window: QMainWindow, stack: QUndoStack, handlers: MainHandlers) -> MainActions:
    h = handlers
    new = _action(
        window,
        "&New workspace…",
        h.on_new,
        Key.New,
        SP.SP_FileIcon,
        "Create an empty workspace file",
    )
    open_ = _action(
        window,
        "&Open workspace…",
        h.on_open,
        Key.Open,
        SP.SP_DialogOpenButton,
        "Open a workspace file",
    )
    import_schedule = _action(
        window,
        "&Import schedule…",
        h.on_import_schedule,
        "Ctrl+I",
        SP.SP_ArrowDown,
        "Import a contractor's MS Project XML or Primavera P6 XER schedule as a new project",
    )
    save_copy = _action(
        window,
        "Save a &copy…",
        h.on_save_copy,
        Key.SaveAs,
        SP.SP_DialogSaveButton,
        "Write a consistent copy of this workspace",
    )
    backups = _action(
        window,
        "&Backups…",
        h.on_backups,
        None,
        SP.SP_BrowserReload,
        "See the automatic backups, take one now or restore one",
    )
    check = _action(
        window,
        "C&heck workspace",
        h.on_check,
        None,
        None,
        "Run the integrity, foreign-key and schema checks",
    )
    quit_ = _action(window, "&Quit", window.close, Key.Quit)

    undo = stack.createUndoAction(window, "&Undo")
    undo.setShortcut(QKeySequence(Key.Undo))
    undo.setIcon(window.style().standardIcon(SP.SP_ArrowBack))
    redo = stack.createRedoAction(window, "&Redo")
    redo.setShortcut(QKeySequence(Key.Redo))
    redo.setIcon(window.style().standardIcon(SP.SP_ArrowForward))
    delete = _action(
        window,
        "&Delete",
        h.on_delete,
        Key.Delete,
        SP.SP_TrashIcon,
        "Delete the selected item (asks first)",
    )
    find = _action(
        window,
        "&Find…",
        h.on_find,
        Key.Find,
        SP.SP_FileDialogContentsView,
        "Search the current list",
    )
    parties = _action(
        window,
        "&Parties and contacts…",
        h.on_parties,
        "Ctrl+Shift+P",
        SP.SP_DirHomeIcon,
        "Owner, contractors, consultants and their people",
    )
    rename_portfolio = _action(window, "Rename &portfolio…", h.on_rename_portfolio)
    thresholds = _action(window, "RAG &thresholds…", h.on_thresholds)

    show_tree = QAction("Project &tree", window)
    show_tree.setCheckable(True)
    show_tree.setShortcut(QKeySequence("Ctrl+T"))
    tab_actions = []
    for i, name in enumerate(("&Overview", "&Schedule", "&Issues", "&Risks", "&Cost")):
        act = _action(window, name, lambda i=i: h.on_show_tab(i), f"Ctrl+{i + 1}")
        tab_actions.append(act)

    owner_report = _action(
        window,
        "&Owner report…",
        h.on_owner_report,
        "Ctrl+Shift+R",
        SP.SP_FileDialogDetailedView,
        "Build the client's PDF report for a period: this project, or the whole portfolio",
    )
    branding = _action(
        window,
        "&Branding…",
        h.on_branding,
        None,
        None,
        "Logos, organisation and confidentiality marking printed on every report",
    )

    about = _action(window, "&About OwnersRep", h.on_about)
    open_logs = _action(window, "Open &log folder", h.on_open_logs)

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions([new, open_])
    recent_menu = file_menu.addMenu("Open &recent")
    file_menu.addSeparator()
    file_menu.addAction(import_schedule)
    file_menu.addSeparator()
    file_menu.addActions([save_copy, backups, check])
    file_menu.addSeparator()
    file_menu.addAction(quit_)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([undo, redo])
    edit_menu.addSeparator()
    edit_menu.addActions([delete, find])
    edit_menu.addSeparator()
    edit_menu.addActions([parties, rename_portfolio, thresholds])

    view_menu = bar.addMenu("&View")
    view_menu.addAction(show_tree)
    view_menu.addSeparator()
    view_menu.addActions(tab_actions)

    report_menu = bar.addMenu("&Report")
    report_menu.addAction(owner_report)
    report_menu.addSeparator()
    report_menu.addAction(branding)

    help_menu = bar.addMenu("&Help")
    help_menu.addActions([open_logs, about])

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.addActions([new, open_])
    toolbar.addSeparator()
    toolbar.addActions([undo, redo])
    toolbar.addSeparator()
    toolbar.addActions([delete, find, parties])
    toolbar.addSeparator()
    toolbar.addAction(owner_report)
    view_menu.addAction(toolbar.toggleViewAction())

    return MainActions(
        new,
        open_,
        import_schedule,
        save_copy,
        backups,
        check,
        quit_,
        undo,
        redo,
        delete,
        find,
        parties,
        rename_portfolio,
        thresholds,
        show_tree,
        owner_report,
        branding,
        tab_actions,
        about,
        open_logs,
        recent_menu,
        toolbar,
    )
