"""The nodes behind `ProjectTreeModel`: plain Python objects built from service DTOs,
the icon of each kind of node, and the words a delete confirmation uses for them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import count
from typing import Any

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from ownersrep.domain.enums import TaskKind
from ownersrep.paths import resource_dir
from ownersrep.services.portfolio_service import ContentCounts, ProgramNode, ProjectNode

PORTFOLIO = "portfolio"
PROGRAM = "program"
PROJECT = "project"
TASK = "task"

SP = QStyle.StandardPixmap
_uids = count(1)

_FALLBACK_ICONS = {
    "portfolio": SP.SP_DriveHDIcon,
    "program": SP.SP_DirIcon,
    "project-construction": SP.SP_ComputerIcon,
    "project-internal": SP.SP_DesktopIcon,
    "task": SP.SP_FileIcon,
    "summary": SP.SP_FileDialogListView,
    "milestone": SP.SP_ArrowRight,
}


@cache
def svg_icon(name: str, fallback: QStyle.StandardPixmap = SP.SP_FileIcon) -> QIcon:
    """`resources/icons/<name>.svg`, or a standard icon if the file is missing."""
    path = resource_dir() / "icons" / f"{name}.svg"
    if path.is_file():
        return QIcon(str(path))
    return QApplication.style().standardIcon(fallback)


def node_icon(name: str) -> QIcon:
    """The icon of a kind of node ("portfolio", "program", "project-internal", ...)."""
    return svg_icon(f"node-{name}", _FALLBACK_ICONS.get(name, SP.SP_FileIcon))


@dataclass(frozen=True)
class TreeRef:
    """What a tree node is, for views and commands: kind, id and owning project."""

    kind: str
    id: int | None
    project_id: int | None
    name: str
    parent_kind: str | None
    parent_id: int | None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class Node:
    """One row of the tree. `children` is the loaded list; `fetched` tells whether it is
    complete (projects and tasks load their tasks on demand); `has_kids` answers
    hasChildren() until then."""

    __slots__ = (
        "children",
        "dto",
        "fetched",
        "has_kids",
        "icon",
        "id",
        "kind",
        "name",
        "parent",
        "project_id",
        "row",
        "text",
        "tip",
        "uid",
    )

    def __init__(self, kind: str, node_id: int | None, name: str) -> None:
        self.uid = next(_uids)
        self.kind = kind
        self.id = node_id
        self.name = name  # what an editor starts from
        self.text = name  # what is shown
        self.parent: Node | None = None
        self.children: list[Node] = []
        self.row = 0
        self.fetched = True
        self.has_kids = False
        self.project_id: int | None = None
        self.icon = kind
        self.tip = ""
        self.dto: Any = None

    @property
    def key(self) -> tuple[str, int | None]:
        return (self.kind, self.id)

    def looks(self) -> tuple[object, ...]:
        """Everything `data()` shows, to tell whether a refresh changed the row."""
        return (self.name, self.text, self.icon, self.tip, self.has_kids)

    def take_looks(self, other: Node) -> None:
        self.name, self.text, self.icon, self.tip = other.name, other.text, other.icon, other.tip
        self.has_kids, self.dto = other.has_kids, other.dto

    def walk(self) -> list[Node]:
        """This node and its loaded descendants, parents first."""
        out, stack = [], [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out

    def is_within(self, other: Node) -> bool:
        """True if this node is `other` or lies under it."""
        node: Node | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False

    def peer_position(self) -> int:
        """The position among siblings of the same kind (a program lists its
        sub-programs before its projects)."""
        siblings = [] if self.parent is None else self.parent.children[: self.row]
        return sum(1 for c in siblings if c.kind == self.kind)

    def ref(self) -> TreeRef:
        parent = self.parent if self.parent is not None and self.parent.kind != "root" else None
        return TreeRef(
            self.kind,
            self.id,
            self.project_id,
            self.name,
            parent.kind if parent is not None else None,
            parent.id if parent is not None else None,
        )


# -- builders from DTOs ----------------------------------------------------------------
def portfolio_node(name: str) -> Node:
    node = Node(PORTFOLIO, None, name)
    node.tip = "The whole portfolio"
    return node


def program_node(dto: ProgramNode) -> Node:
    node = Node(PROGRAM, dto.id, dto.name)
    node.dto = dto
    node.children = [build_node(child) for child in dto.children]  # linked when adopted
    node.has_kids = bool(node.children)
    programs = sum(isinstance(c, ProgramNode) for c in dto.children)
    projects = len(dto.children) - programs
    parts = [_plural(projects, "project")]
    if programs:
        parts.insert(0, _plural(programs, "sub-program"))
    node.tip = f"{dto.name}\nProgram — {', '.join(parts)}"
    return node


def project_node(dto: ProjectNode) -> Node:
    node = Node(PROJECT, dto.id, dto.name)
    node.dto = dto
    node.project_id = dto.id
    node.icon = f"project-{dto.kind.value}"
    node.fetched = False
    node.has_kids = dto.task_count > 0
    node.tip = (
        f"{dto.kind.label} project — {dto.status.label.lower()}, {_plural(dto.task_count, 'task')}"
    )
    return node


def build_node(dto: ProgramNode | ProjectNode) -> Node:
    return program_node(dto) if isinstance(dto, ProgramNode) else project_node(dto)


def task_node(row: Any) -> Node:
    """A node from a `TaskRow`."""
    node = Node(TASK, row.id, row.name)
    node.dto = row
    node.project_id = row.project_id
    node.text = f"{row.wbs}  {row.name}" if row.wbs else row.name
    node.fetched = False
    node.has_kids = bool(row.has_children)
    kind = TaskKind(row.kind)
    if kind is TaskKind.MILESTONE:
        node.icon = "milestone"
    elif kind is TaskKind.SUMMARY or row.has_children:
        node.icon = "summary"
    else:
        node.icon = "task"
    node.tip = f"{node.text}\n{kind.label}"  # no dates: summaries roll them up
    return node


# -- moves ---------------------------------------------------------------------------
def move_target(
    source: Node, target: Node, row: int
) -> tuple[str, int, str, int | None, int] | None:
    """Where dropping `source` at `row` of `target` moves it, as (kind, id, new parent
    kind, new parent id, index among the siblings of its kind, -1 for the end of a level
    not loaded yet); None if that drop is not allowed or would change nothing."""
    if source.id is None:
        return None
    if source.kind in (PROGRAM, PROJECT):
        if target.kind not in (PORTFOLIO, PROGRAM) or target.is_within(source):
            return None
    elif source.kind == TASK:
        if target.kind not in (PROJECT, TASK) or target.project_id != source.project_id:
            return None
        if target.is_within(source) or getattr(target.dto, "kind", None) == "milestone":
            return None
    else:
        return None

    def peer(c: Node) -> bool:  # counted without the source
        return c.kind == source.kind and c is not source

    if row < 0 or row >= len(target.children):
        index = sum(map(peer, target.children)) if target.fetched else -1
    else:
        index = sum(map(peer, target.children[:row]))
    if source.parent is target and index == source.peer_position():
        return None  # dropped where it already is
    return (source.kind, source.id, target.kind, target.id, index)


# -- wording -------------------------------------------------------------------------
UNDO_NOTE = "?\n\nYou can take this back with Undo."


def _and_list(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def delete_question(kind: str, name: str, counts: ContentCounts) -> tuple[str, str]:
    """The title and question of a delete confirmation, naming all that will go."""
    if kind == TASK:
        parts = [f"the {_plural(counts.tasks, 'task')} under it"] if counts.tasks else []
        text = f"Delete task “{name}”" + (f" with {parts[0]}" if parts else "")
        return "Delete task", text + UNDO_NOTE
    parts = []
    if kind == PROGRAM:
        if counts.programs:
            parts.append(_plural(counts.programs, "sub-program"))
        if counts.projects:
            parts.append(_plural(counts.projects, "project"))
    for n, word in ((counts.tasks, "task"), (counts.issues, "issue"), (counts.risks, "risk")):
        if n:
            parts.append(_plural(n, word))
    text = f"Delete {kind} “{name}”"
    if parts:
        text += f" with its {_and_list(parts)}"
    return f"Delete {kind}", text + UNDO_NOTE
