"""Command line: `ownersrep [WORKSPACE]` opens the GUI; sub-commands run headless.

No Qt is imported here: the GUI module is imported only when the GUI is asked for, so
`ownersrep check` works on a machine without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ownersrep import __version__
from ownersrep.domain.errors import OwnersRepError
from ownersrep.runtime import tune_gc


def _headless_parser() -> argparse.ArgumentParser:
    from ownersrep import cli_demo, cli_import, cli_report, cli_workspace

    parser = argparse.ArgumentParser(
        prog="ownersrep",
        description="OwnersRep: schedules, issues and risks of a portfolio in one local file.",
    )
    parser.add_argument("--version", action="version", version=f"OwnersRep {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli_demo.register(sub)
    cli_workspace.register(sub)
    cli_import.register(sub)
    cli_report.register(sub)
    sub.add_parser("gui", help="open the main window (the default)").add_argument(
        "workspace", nargs="?", help="workspace file (.orep) to open"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    tune_gc()
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = _headless_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    wants_gui = not args_in or (args_in[0] not in commands and not args_in[0].startswith("-"))
    if wants_gui:
        args_in = ["gui", *args_in]
    args = parser.parse_args(args_in)
    if args.command == "gui":
        # Import the database and service stack before Qt: once PySide6 is loaded, its
        # import hook reads the source of every module imported after it (to look for
        # `__feature__` switches), which costs about 0.15 s at start-up for ~300 modules.
        import ownersrep.services.workspace_access  # noqa: F401
        from ownersrep.ui.app import run_gui

        return run_gui(args.workspace)
    try:
        return int(args.handler(args))
    except OwnersRepError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
