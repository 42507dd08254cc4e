"""The project tree: Portfolio → programs → projects → WBS tasks.

Programs and projects are read whole (a few hundred rows at most); a project's tasks are
read one level at a time, when the view asks (canFetchMore/fetchMore on expand), so a
portfolio of 10,000 tasks only queries what is shown.

The model never changes data. Renames and drops are turned into signals
(`rename_requested`, `move_requested`) that the view runs as undo commands; the model
then follows the ChangeBus, re-reading only the affected part and diffing it into the
tree, so expansion and selection survive. It keeps names, kinds and order current; the
DTO_ROLE rows of tasks are as last read (a summary's rolled-up dates may have moved on).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.project_tree_nodes import (
    PORTFOLIO,
    PROGRAM,
    PROJECT,
    TASK,
    Node,
    TreeRef,
    build_node,
    move_target,
    node_icon,
    portfolio_node,
    task_node,
)
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, KIND_ROLE

MIME_TYPE = "application/x-ownersrep-tree-node"
AnyIndex = QModelIndex | QPersistentModelIndex
_TOP = QModelIndex()  # the default parent (read-only)
_IR = Qt.ItemDataRole
_IF = Qt.ItemFlag


class ProjectTreeModel(QAbstractItemModel):
    COL_NAME = 0

    rename_requested = Signal(str, int, str)  # kind, id, new name
    # kind, id, new parent kind, new parent id (None: portfolio), index among the moved
    # kind's siblings there once moved (-1: at the end)
    move_requested = Signal(str, int, str, object, int)
    refresh_started = Signal()  # rows are about to be re-read (views save expansion)
    refreshed = Signal()  # ... and have been

    def __init__(
        self,
        services: AppServices,
        bus: ChangeBus,
        portfolio_name: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._root = Node("root", None, "")
        self._portfolio = portfolio_node(portfolio_name)
        self._nodes: dict[int, Node] = {}  # uid → node, for createIndex ids
        self._by_key: dict[tuple[str, int | None], Node] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self.reload()
        bus.changed.connect(self._on_bus_changed)

    # -- public ------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read everything (collapses the tree)."""
        self.beginResetModel()
        self._nodes.clear()
        self._by_key.clear()
        tree = self._services.portfolio.tree()
        self._portfolio.children = [build_node(dto) for dto in tree.children]
        self._root.children = [self._portfolio]
        self._adopt(self._root, self._root.children)
        self.endResetModel()

    def set_portfolio_name(self, name: str) -> None:
        self._portfolio.name = self._portfolio.text = name
        index = self.portfolio_index()
        self.dataChanged.emit(index, index, [_IR.DisplayRole, _IR.EditRole])

    def portfolio_index(self) -> QModelIndex:
        return self.createIndex(0, 0, self._portfolio.uid)

    def index_of(self, kind: str, node_id: int | None) -> QModelIndex:
        """The loaded node (kind, id), or an invalid index."""
        node = self._by_key.get((kind, node_id))
        return QModelIndex() if node is None else self._index(node)

    def ref(self, index: AnyIndex) -> TreeRef | None:
        node = self._node(index)
        return None if node is None or node is self._root else node.ref()

    def loaded_indexes(self) -> list[QModelIndex]:
        """Every loaded node, parents first."""
        return [self._index(n) for n in self._portfolio.walk()]

    # -- Qt model API ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = _TOP) -> QModelIndex:
        node = self._node(parent)
        if node is None or column != 0 or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row].uid)

    def parent(self, index: AnyIndex = _TOP) -> QModelIndex:  # type: ignore[override]
        node = self._node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self._index(node.parent)

    def rowCount(self, parent: AnyIndex = _TOP) -> int:
        node = self._node(parent)
        return 0 if node is None or parent.column() > 0 else len(node.children)

    def columnCount(self, parent: AnyIndex = _TOP) -> int:
        return 1

    def hasChildren(self, parent: AnyIndex = _TOP) -> bool:
        node = self._node(parent)
        if node is None or parent.column() > 0:
            return False
        return bool(node.children) if node.fetched else node.has_kids

    def canFetchMore(self, parent: AnyIndex) -> bool:
        node = self._node(parent)
        return node is not None and not node.fetched and node.has_kids

    def fetchMore(self, parent: AnyIndex) -> None:
        node = self._node(parent)
        if node is None or node.fetched:
            return
        fresh = self._task_children(node)
        node.fetched = True
        if fresh:
            self._insert(node, 0, fresh)

    def data(self, index: AnyIndex, role: int = _IR.DisplayRole) -> Any:
        node = self._node(index)
        if node is None or node is self._root:
            return None
        if role == _IR.DisplayRole:
            return node.text
        if role == _IR.EditRole:
            return node.name
        if role == _IR.DecorationRole:
            return node_icon(node.icon)
        if role == _IR.ToolTipRole:
            return node.tip
        if role == _IR.FontRole and node.kind in (PORTFOLIO, PROGRAM):
            return self._bold
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.id
        if role == DTO_ROLE:
            return node.dto
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self._node(index)
        if node is None or node is self._root:
            return _IF.NoItemFlags
        flags = _IF.ItemIsEnabled | _IF.ItemIsSelectable | _IF.ItemIsDropEnabled
        if node.kind != PORTFOLIO:
            flags |= _IF.ItemIsEditable | _IF.ItemIsDragEnabled
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = _IR.EditRole) -> bool:
        node = self._node(index)
        if node is None or role != _IR.EditRole or node.kind == PORTFOLIO or node.id is None:
            return False
        name = str(value or "").strip()
        if name == node.name:
            return False
        self.rename_requested.emit(node.kind, node.id, name)
        return True

    # -- drag and drop -----------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        for index in indexes:
            node = self._node(index)
            if node is not None and node.kind in (PROGRAM, PROJECT, TASK):
                payload = {"kind": node.kind, "id": node.id, "project_id": node.project_id}
                data.setData(MIME_TYPE, json.dumps(payload).encode())
                break
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        return self._drop_target(data, action, row, parent) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        target = self._drop_target(data, action, row, parent)
        if target is None:
            return False
        self.move_requested.emit(*target)
        return True

    def _drop_target(
        self, data: QMimeData, action: Qt.DropAction, row: int, parent: AnyIndex
    ) -> tuple[str, int, str, int | None, int] | None:
        """(kind, id, new parent kind, new parent id, index) for an acceptable move."""
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
            source = self._by_key.get((payload["kind"], payload["id"]))
        except (ValueError, KeyError, TypeError):
            return None
        target = self._node(parent)
        if source is None or target is None or target is self._root:
            return None
        return move_target(source, target, row)

    # -- refresh -----------------------------------------------------------------------
    def _on_bus_changed(self, changes: Changes) -> None:
        top = changes.touches(PROGRAM) or changes.touches(PROJECT)
        tasks = changes.touches(TASK)
        edited = self._edited_levels(changes) if tasks and not changes.structural else None
        if not (top or tasks) or (not top and edited == []):
            return  # nothing shown here changed (an edit of tasks that are not loaded)
        self.refresh_started.emit()
        if top or edited is None:
            self._sync_top()  # also task counts, which tell whether a project has children
        if edited:  # fields of loaded tasks: re-read just their levels
            for parent in edited:
                self._sync(parent, self._task_children(parent))
        elif tasks:
            for node in [n for n in self._portfolio.walk() if n.kind == PROJECT]:
                if node.fetched and changes.touches(TASK, node.id):
                    self._sync_tasks(node)
        self.refreshed.emit()

    def _edited_levels(self, changes: Changes) -> list[Node] | None:
        """For a field edit of named tasks: the loaded parents whose levels show them
        ([] if none is loaded); None if the change does not name its tasks."""
        ids = changes.ids_of(TASK)
        if not ids:
            return None
        parents: dict[int, Node] = {}
        for task_id in ids:
            node = self._by_key.get((TASK, task_id))
            if node is not None and node.parent is not None:
                parents[node.parent.uid] = node.parent
        return list(parents.values())

    def _sync_top(self) -> None:
        fresh = [build_node(dto) for dto in self._services.portfolio.tree().children]
        self._sync(self._portfolio, fresh)

    def _sync_tasks(self, project: Node) -> None:
        """Re-read every loaded level of a project's WBS and diff it into the tree."""
        assert project.id is not None
        loaded = [n for n in project.walk() if n.fetched]
        if len(loaded) == 1:  # only the top level is shown
            rows = self._services.tasks.outline_children(project.id, None)
        else:  # one read of the whole WBS beats one read per expanded summary
            rows = self._services.tasks.list_tasks(project.id)
        by_parent: dict[int | None, list[Any]] = {}
        for row in rows:
            by_parent.setdefault(row.parent_id, []).append(row)

        def sync(node: Node) -> None:  # nodes only for the levels that are loaded
            level = by_parent.get(node.id if node.kind == TASK else None, [])
            self._sync(node, [task_node(row) for row in level])
            for child in list(node.children):
                if child.fetched:
                    sync(child)

        sync(project)

    def _task_children(self, node: Node) -> list[Node]:
        assert node.project_id is not None
        parent_id = node.id if node.kind == TASK else None
        children = self._services.tasks.outline_children(node.project_id, parent_id)
        return [task_node(r) for r in children]

    def _sync(self, parent: Node, fresh: list[Node]) -> None:
        """Make parent's children match `fresh` with the fewest row signals: remove the
        gone, move the reordered, insert the new, update the rest in place."""
        kids = parent.children
        wanted = {n.key for n in fresh}
        i = len(kids) - 1
        while i >= 0:
            if kids[i].key in wanted:
                i -= 1
                continue
            j = i
            while j > 0 and kids[j - 1].key not in wanted:
                j -= 1
            self._remove(parent, j, i)
            i = j - 1
        present = {n.key for n in kids}
        pos = 0
        while pos < len(fresh):
            new = fresh[pos]
            if pos < len(kids) and kids[pos].key == new.key:
                self._update(kids[pos], new)
                pos += 1
            elif new.key in present:
                src = next(k for k in range(pos + 1, len(kids)) if kids[k].key == new.key)
                index = self._index(parent)
                self.beginMoveRows(index, src, src, index, pos)
                kids.insert(pos, kids.pop(src))
                self._renumber(parent)
                self.endMoveRows()
                self._update(kids[pos], new)
                pos += 1
            else:
                end = pos
                while end < len(fresh) and fresh[end].key not in present:
                    end += 1
                self._insert(parent, pos, fresh[pos:end])
                present.update(n.key for n in fresh[pos:end])
                pos = end

    def _update(self, node: Node, new: Node) -> None:
        before = node.looks()
        node.take_looks(new)
        if node.looks() != before:
            index = self._index(node)
            self.dataChanged.emit(index, index)
        if node.kind == PROGRAM:
            self._sync(node, new.children)

    def _insert(self, parent: Node, row: int, nodes: list[Node]) -> None:
        self.beginInsertRows(self._index(parent), row, row + len(nodes) - 1)
        parent.children[row:row] = nodes
        self._adopt(parent, nodes)
        self._renumber(parent)
        self.endInsertRows()

    def _remove(self, parent: Node, first: int, last: int) -> None:
        self.beginRemoveRows(self._index(parent), first, last)
        gone = parent.children[first : last + 1]
        del parent.children[first : last + 1]
        self._renumber(parent)
        for top in gone:
            for node in top.walk():
                self._nodes.pop(node.uid, None)
                if self._by_key.get(node.key) is node:
                    del self._by_key[node.key]
        self.endRemoveRows()

    # -- helpers -----------------------------------------------------------------------
    def _adopt(self, parent: Node, nodes: list[Node]) -> None:
        """Register new subtrees (linked and numbered) under parent."""
        for top in nodes:
            top.parent = parent
            for node in top.walk():
                self._nodes[node.uid] = node
                self._by_key[node.key] = node
                for row, child in enumerate(node.children):
                    child.parent, child.row = node, row

    @staticmethod
    def _renumber(parent: Node) -> None:
        for row, child in enumerate(parent.children):
            child.row = row

    def _node(self, index: AnyIndex) -> Node | None:
        if not index.isValid():
            return self._root
        return self._nodes.get(index.internalId())

    def _index(self, node: Node) -> QModelIndex:
        if node is self._root:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.uid)
