"""Parsing and formatting the predecessor column ("1.2FS+3, 4SS-2, 5")."""

from __future__ import annotations

import pytest

from ownersrep.domain.enums import LinkType
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.predecessor_text import (
    PredecessorSpec,
    format_one,
    format_predecessors,
    parse_predecessors,
)


def test_parse_the_documented_example() -> None:
    assert parse_predecessors("1.2FS+3, 4SS-2, 5") == [
        PredecessorSpec("1.2", LinkType.FS, 3),
        PredecessorSpec("4", LinkType.SS, -2),
        PredecessorSpec("5", LinkType.FS, 0),
    ]


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("7", PredecessorSpec("7")),
        (" 7 ", PredecessorSpec("7")),
        ("2.1.3ff", PredecessorSpec("2.1.3", LinkType.FF, 0)),
        ("3SF+10", PredecessorSpec("3", LinkType.SF, 10)),
        ("3 SS + 2d", PredecessorSpec("3", LinkType.SS, 2)),
        ("3FS-1days", PredecessorSpec("3", LinkType.FS, -1)),
        ("3+4", PredecessorSpec("3", LinkType.FS, 4)),  # type left out: FS
        ("3FS+0", PredecessorSpec("3")),
    ],
)
def test_parse_one_item(text: str, spec: PredecessorSpec) -> None:
    assert parse_predecessors(text) == [spec]


@pytest.mark.parametrize("text", ["", "   ", None, ", ,;"])
def test_empty_text_means_no_predecessors(text: str | None) -> None:
    assert parse_predecessors(text) == []


def test_semicolons_separate_too() -> None:
    assert [s.code for s in parse_predecessors("1;2, 3")] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "Predecessors: “abc” is not a predecessor like 4, 4SS or 1.2FS+3"),
        ("1.2XX", "Predecessors: “1.2XX” is not a predecessor"),
        ("1.", "Predecessors: “1.” is not a predecessor"),
        ("1FS+", "Predecessors: “1FS+” is not a predecessor"),
        ("1, 2, 1SS", "Predecessors: 1 is listed twice"),
        ("1FS+10000", "Predecessors: the lag of 1 must be at most 9999 working days, not 10000"),
    ],
)
def test_bad_text_is_refused_with_a_message(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match="^" + message.replace("+", r"\+")) as info:
        parse_predecessors(text)
    assert info.value.field == "Predecessors"


@pytest.mark.parametrize(
    ("code", "kind", "lag", "text"),
    [
        ("5", LinkType.FS, 0, "5"),
        ("5", LinkType.SS, 0, "5SS"),
        ("1.2", LinkType.FS, 3, "1.2FS+3"),
        ("4", LinkType.FF, -2, "4FF-2"),
        ("4", "SF", 1, "4SF+1"),
    ],
)
def test_format_one(code: str, kind: LinkType | str, lag: int, text: str) -> None:
    assert format_one(code, kind, lag) == text


def test_format_then_parse_round_trips() -> None:
    text = "1.2FS+3, 4SS-2, 5, 6FF, 7SF+1"
    assert format_predecessors(parse_predecessors(text)) == text
