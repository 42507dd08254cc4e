"""The gesture state machine: move, resize, link, click, cancel, what cannot be dragged."""

from __future__ import annotations

from datetime import date

from ownersrep.domain.enums import TaskKind
from ownersrep.ui.gantt.gantt_drag import DragMachine, DragResult, Gesture
from ownersrep.ui.gantt.layout import Hit
from ownersrep.ui.gantt.timescale import TimeScale

SCALE = TimeScale(date(2027, 3, 1), 20.0)
START, FINISH = date(2027, 3, 3), date(2027, 3, 5)
H = 24


def pressed(kind: TaskKind = TaskKind.TASK, grip: Hit = Hit.BODY) -> DragMachine:
    machine = DragMachine()
    assert machine.press(7, kind, grip, 100, 50, START, FINISH, SCALE, H)
    return machine


def test_move_snaps_to_whole_days_and_emits_only_on_release() -> None:
    machine = pressed()
    machine.move(102, 51)
    assert machine.gesture is Gesture.PENDING and not machine.dragging
    machine.move(149, 52)  # 49 px = 2.45 days → 2
    assert machine.gesture is Gesture.MOVE
    assert (machine.ghost_start, machine.ghost_finish) == (date(2027, 3, 5), date(2027, 3, 7))
    assert machine.tip_text() == "Start 05 Mar 2027 · Finish 07 Mar 2027"
    assert machine.release() == DragResult(Gesture.MOVE, 7, start=date(2027, 3, 5))
    assert machine.gesture is Gesture.NONE


def test_a_move_back_to_where_it_was_changes_nothing() -> None:
    machine = pressed()
    machine.move(160, 50)
    machine.move(104, 50)
    assert machine.release() is None


def test_resize_from_the_end_never_before_the_start() -> None:
    machine = pressed(grip=Hit.END)
    machine.move(140, 60)  # the vertical drift does not make it a link
    assert machine.gesture is Gesture.RESIZE
    assert machine.tip_text() == "Finish 07 Mar 2027"
    assert machine.release() == DragResult(Gesture.RESIZE, 7, finish=date(2027, 3, 7))
    machine = pressed(grip=Hit.END)
    machine.move(-400, 50)
    assert machine.ghost_finish == START
    assert machine.release() == DragResult(Gesture.RESIZE, 7, finish=START)


def test_milestones_move_but_never_resize() -> None:
    machine = pressed(TaskKind.MILESTONE, Hit.END)
    machine.move(120, 50)
    assert machine.gesture is Gesture.MOVE
    assert machine.tip_text() == "Start 04 Mar 2027"


def test_summaries_and_misses_do_not_start_a_gesture() -> None:
    machine = DragMachine()
    assert not machine.press(7, TaskKind.SUMMARY, Hit.BODY, 0, 0, START, FINISH, SCALE, H)
    assert not machine.press(7, TaskKind.TASK, Hit.NONE, 0, 0, START, FINISH, SCALE, H)
    assert not machine.press(7, TaskKind.TASK, Hit.BODY, 0, 0, None, None, SCALE, H)
    machine.move(50, 50)
    assert machine.release() is None


def test_link_by_dragging_more_than_half_a_row_onto_another_bar() -> None:
    machine = pressed()
    machine.move(100, 50 + H // 2 + 1)
    assert machine.gesture is Gesture.LINK
    assert machine.tip_text() == "Drop on a task to link"
    machine.move(130, 80, target_id=9)
    assert machine.tip_text("Footings") == "Link to Footings"
    assert machine.release() == DragResult(Gesture.LINK, 7, target_id=9)


def test_a_move_turns_into_a_link_but_not_onto_itself() -> None:
    machine = pressed()
    machine.move(130, 52)
    assert machine.gesture is Gesture.MOVE
    machine.move(130, 90, target_id=7)
    assert machine.gesture is Gesture.LINK and machine.target_id is None
    assert machine.release() is None


def test_escape_cancels() -> None:
    machine = pressed()
    machine.move(160, 50)
    assert machine.cancel() is True
    assert machine.release() is None
    assert machine.cancel() is False
