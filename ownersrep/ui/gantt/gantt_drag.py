"""The mouse gestures on Gantt bars, as a small state machine (no Qt).

press → (move…) → release gives at most one result; nothing is emitted before release,
and `cancel` (Escape) drops the gesture.

- Press on a task's right end (Hit.END) and drag sideways: resize (new finish).
- Press on a task's or milestone's body and drag sideways: move (new start).
- Drag more than half a row up or down (also after a move began): link, from the pressed
  bar to the bar under the pointer at release (an FS link, pressed bar first).
- Summaries are not dragged. Dates snap to whole days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.layout import Hit
from ownersrep.ui.gantt.timescale import TimeScale

THRESHOLD_PX = 3.0  # a press that moves less than this is a click


class Gesture(StrEnum):
    NONE = "none"
    PENDING = "pending"  # pressed, not yet dragged far enough to tell
    MOVE = "move"
    RESIZE = "resize"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class DragResult:
    gesture: Gesture
    task_id: int
    start: date | None = None  # MOVE: the new start
    finish: date | None = None  # RESIZE: the new finish
    target_id: int | None = None  # LINK: the successor


class DragMachine:
    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.gesture = Gesture.NONE
        self.task_id: int | None = None
        self.kind = TaskKind.TASK
        self._grip = Hit.NONE
        self._scale: TimeScale | None = None
        self._row_height = 24.0
        self.press_pos = (0.0, 0.0)
        self.pos = (0.0, 0.0)
        self.start: date | None = None
        self.finish: date | None = None
        self.ghost_start: date | None = None
        self.ghost_finish: date | None = None
        self.target_id: int | None = None

    # -- input -------------------------------------------------------------------------
    def press(
        self,
        task_id: int,
        kind: TaskKind,
        grip: Hit,
        x: float,
        y: float,
        start: date | None,
        finish: date | None,
        scale: TimeScale,
        row_height: float,
    ) -> bool:
        """A button press on a bar; True if a gesture may follow."""
        self._reset()
        if kind is TaskKind.SUMMARY or grip is Hit.NONE or start is None:
            return False
        if kind is TaskKind.MILESTONE:
            grip = Hit.BODY  # milestones move, never resize
        self.gesture = Gesture.PENDING
        self.task_id, self.kind, self._grip = task_id, kind, grip
        self._scale, self._row_height = scale, row_height
        self.press_pos = self.pos = (x, y)
        self.start, self.finish = start, finish or start
        self.ghost_start, self.ghost_finish = self.start, self.finish
        return True

    def move(self, x: float, y: float, target_id: int | None = None) -> None:
        """The pointer moved (button held); `target_id` is the bar under it, if any."""
        if self.gesture is Gesture.NONE:
            return
        self.pos = (x, y)
        dx, dy = x - self.press_pos[0], y - self.press_pos[1]
        far_vertically = abs(dy) > self._row_height / 2
        if self.gesture is Gesture.PENDING:
            if self._grip is Hit.END:
                if abs(dx) >= THRESHOLD_PX:
                    self.gesture = Gesture.RESIZE
            elif far_vertically:
                self.gesture = Gesture.LINK
            elif abs(dx) >= THRESHOLD_PX:
                self.gesture = Gesture.MOVE
        elif self.gesture is Gesture.MOVE and far_vertically:
            self.gesture = Gesture.LINK
        assert self._scale is not None and self.start is not None and self.finish is not None
        days = timedelta(days=self._scale.days_for(dx))
        if self.gesture is Gesture.MOVE:
            self.ghost_start, self.ghost_finish = self.start + days, self.finish + days
        elif self.gesture is Gesture.RESIZE:
            self.ghost_finish = max(self.start, self.finish + days)
        elif self.gesture is Gesture.LINK:
            self.ghost_start, self.ghost_finish = self.start, self.finish
            self.target_id = target_id if target_id != self.task_id else None

    def release(self) -> DragResult | None:
        """The button was released: the result of the gesture, if it changes anything."""
        gesture, task_id = self.gesture, self.task_id
        result: DragResult | None = None
        if task_id is not None:
            if gesture is Gesture.MOVE and self.ghost_start != self.start:
                result = DragResult(gesture, task_id, start=self.ghost_start)
            elif gesture is Gesture.RESIZE and self.ghost_finish != self.finish:
                result = DragResult(gesture, task_id, finish=self.ghost_finish)
            elif gesture is Gesture.LINK and self.target_id is not None:
                result = DragResult(gesture, task_id, target_id=self.target_id)
        self._reset()
        return result

    def cancel(self) -> bool:
        """Drop the gesture (Escape); True if one was under way."""
        active = self.dragging
        self._reset()
        return active

    # -- feedback ----------------------------------------------------------------------
    @property
    def dragging(self) -> bool:
        """A gesture has been recognised (feedback should show)."""
        return self.gesture in (Gesture.MOVE, Gesture.RESIZE, Gesture.LINK)

    @property
    def pressed(self) -> bool:
        return self.gesture is not Gesture.NONE

    def tip_text(self, target_name: str | None = None) -> str:
        """The small text shown beside the pointer while dragging."""
        if self.gesture is Gesture.MOVE and self.ghost_start is not None:
            text = f"Start {self.ghost_start:%d %b %Y}"
            if self.kind is not TaskKind.MILESTONE and self.ghost_finish is not None:
                text += f" · Finish {self.ghost_finish:%d %b %Y}"
            return text
        if self.gesture is Gesture.RESIZE and self.ghost_finish is not None:
            return f"Finish {self.ghost_finish:%d %b %Y}"
        if self.gesture is Gesture.LINK:
            return f"Link to {target_name}" if target_name else "Drop on a task to link"
        return ""
