"""`ownersrep demo PATH [--scale N]`: write a demo workspace."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services.demo import write_demo


def _scale(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="write a demo workspace",
        description="Write a new workspace with a demo portfolio: a medical clinic "
        "construction project and an ERP roll-out, with parties, schedules, issues and "
        "risks. --scale N adds N synthetic projects (about 500 tasks and 250 issues each) "
        "for benchmarks.",
    )
    parser.add_argument("path", type=Path, metavar="PATH", help="the new workspace file")
    parser.add_argument(
        "--scale",
        type=_scale,
        default=0,
        metavar="N",
        help="number of synthetic benchmark projects to add (default 0)",
    )
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    try:
        summary = write_demo(args.path, scale=args.scale)
    except OwnersRepError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(
        f"Wrote {args.path}: {summary.projects:,} projects, {summary.tasks:,} tasks, "
        f"{summary.links:,} links, {summary.issues:,} issues, {summary.risks:,} risks, "
        f"{summary.parties:,} parties in {summary.seconds:.1f} s"
    )
    return 0
