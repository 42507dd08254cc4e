"""The selection, current row and collapsed branches of the schedule table, by task id.

A model reset (a reload, a filter) makes the view forget them; `restore` puts them back.
Branches the user collapsed stay collapsed (a filter shows every match expanded, and
does not change what is remembered). The Schedule tab connects the view's `expanded`
and `collapsed` to `on_expanded` and `on_collapsed`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QTreeView

from ownersrep.ui.task_tree_model import TaskTreeModel

M = TaskTreeModel


class ScheduleSelection:
    def __init__(self, view: QTreeView, model: TaskTreeModel) -> None:
        self._view = view
        self._model = model
        self._collapsed: set[int] = set()
        self._restoring = False

    def forget_collapsed(self) -> None:
        """Another project: nothing of the last one's branches survives."""
        self._collapsed.clear()

    def selected_ids(self) -> list[int]:
        """Selected task ids, in tree order."""
        model = self._model
        chosen = {model.task_id(i) for i in self._view.selectionModel().selectedRows(M.COL_WBS)}
        return [i for i in model.tree_ids() if i in chosen]

    def current_id(self) -> int | None:
        return self._model.task_id(self._view.currentIndex())

    def top_selected_ids(self) -> list[int]:
        """Selected ids without those whose ancestor is selected too (tree order)."""
        chosen = self.selected_ids()
        if not chosen and self.current_id() is not None:
            chosen = [self.current_id()]  # type: ignore[list-item]
        picked = set(chosen)
        return [i for i in chosen if picked.isdisjoint(self._model.ancestor_ids(i))]

    def restore(self, selected: Sequence[int], current: int | None) -> None:
        """After a reset: expand all but the collapsed branches, select again."""
        self._restoring = True
        try:
            # What expandAll() does, for the rows that have children: right after a
            # reset each is only noted, for the layout to come (expandAll asks every row
            # of a 10,000-task plan three times whether it has children).
            collapsed = set() if self._model.filter_text() else self._collapsed
            view, index_of = self._view, self._model.index_of
            for task_id in self._model.parent_ids():
                if task_id not in collapsed:
                    view.expand(index_of(task_id))
            for task_id in collapsed:  # a branch may have been expanded since it was noted
                view.collapse(index_of(task_id))
        finally:
            self._restoring = False
        self.select_ids(selected, current, reveal=False)  # what was collapsed stays so

    def select_ids(
        self, ids: Sequence[int], current: int | None = None, *, reveal: bool = True
    ) -> None:
        """Select these tasks (and expand their parents, unless `reveal` is false)."""
        selection = QItemSelection()
        for task_id in ids:
            index = self._model.index_of(task_id)
            if index.isValid():
                if reveal:
                    self.reveal(task_id)
                last = index.siblingAtColumn(self._model.columnCount() - 1)
                selection.select(index, last)
        flags = QItemSelectionModel.SelectionFlag
        model = self._view.selectionModel()
        model.select(selection, flags.ClearAndSelect | flags.Rows)
        focus = current if current is not None else (ids[0] if ids else None)
        index = self._model.index_of(focus) if focus is not None else QModelIndex()
        if index.isValid():
            model.setCurrentIndex(index, flags.NoUpdate)
            self._view.scrollTo(index)

    def reveal(self, task_id: int) -> None:
        """Expand the ancestors of a task so that it can be seen."""
        for parent in self._model.ancestor_ids(task_id):
            self._collapsed.discard(parent)
            self._view.expand(self._model.index_of(parent))

    # -- the view's expanded / collapsed -----------------------------------------------
    def on_expanded(self, index: QModelIndex) -> None:
        if not self._restoring and not self._model.filter_text():
            self._collapsed.discard(self._model.task_id(index) or 0)

    def on_collapsed(self, index: QModelIndex) -> None:
        task_id = self._model.task_id(index)
        if not self._restoring and not self._model.filter_text() and task_id is not None:
            self._collapsed.add(task_id)
