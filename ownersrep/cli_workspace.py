"""`ownersrep check | backup | restore`: workspace file care from the command line.

Headless (no Qt). Exit codes: 0 done, 1 a problem was found or the action was refused,
2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from ownersrep.domain.errors import OwnersRepError
from ownersrep.services import workspace_service as ws

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def register(subparsers: Any) -> None:
    """Add the check, backup and restore sub-commands to an argparse sub-parser set."""
    check = subparsers.add_parser(
        "check",
        help="check a workspace file's integrity, links and schema (read-only)",
        description="Run SQLite's integrity and foreign-key checks and compare the schema "
        "with this version of OwnersRep. The file is only read, never changed.",
    )
    check.add_argument("path", help="workspace file (.orep)")
    check.set_defaults(handler=run_check)

    backup = subparsers.add_parser(
        "backup",
        help="back up a workspace now",
        description="Take a backup of the workspace into its backup folder (safe while "
        "the workspace is open). Older backups are rotated.",
    )
    backup.add_argument("path", help="workspace file (.orep)")
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="list a workspace's backups, or restore one",
        description="Without BACKUP, list the workspace's backups. With BACKUP (a file "
        "number or name from the list, or a path) or --latest, back up the current file, then "
        "replace its contents with the backup. The workspace must be closed.",
    )
    restore.add_argument("path", help="workspace file (.orep)")
    restore.add_argument(
        "backup", nargs="?", help="backup to restore: its number or name in the list, or a path"
    )
    restore.add_argument("--latest", action="store_true", help="restore the newest backup")
    restore.set_defaults(handler=run_restore)


def _user_errors(handler: Callable[[argparse.Namespace], int]) -> Callable[..., int]:
    """Print OwnersRep and file-system errors as one line, never as a traceback."""

    @wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except OwnersRepError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
        except OSError as exc:
            where = f" ({exc.filename})" if exc.filename else ""
            print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_FAILED

    return run


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def _describe(row: ws.BackupRow) -> str:
    return (
        f"{row.taken_at:%Y-%m-%d %H:%M:%S}  {_size(row.size):>9}  "
        f"schema {row.revision}  {Path(row.path).name}"
    )


@_user_errors
def run_check(args: argparse.Namespace) -> int:
    report = ws.check_workspace(args.path)
    for line in report.lines:
        print(line)
    return EXIT_OK if report.ok else EXIT_FAILED


@_user_errors
def run_backup(args: argparse.Namespace) -> int:
    row = ws.backup_workspace(args.path)
    print(f"Backup taken: {row.path} ({_size(row.size)}, schema {row.revision})")
    return EXIT_OK


@_user_errors
def run_restore(args: argparse.Namespace) -> int:
    if args.backup and args.latest:
        print("error: give either a BACKUP or --latest, not both", file=sys.stderr)
        return EXIT_USAGE
    if not args.backup and not args.latest:
        return _list(args.path)
    if args.latest or (args.backup.isdigit() and not Path(args.backup).exists()):
        # --latest, or a number from the list printed without BACKUP
        rows = ws.list_workspace_backups(args.path)
        number = 1 if args.latest else int(args.backup)
        if not rows:
            print(
                f"error: there are no backups of {args.path} in {ws.backup_folder(args.path)}",
                file=sys.stderr,
            )
            return EXIT_FAILED
        if not 1 <= number <= len(rows):
            print(f"error: there is no backup number {number} (1 to {len(rows)})", file=sys.stderr)
            return EXIT_USAGE
        chosen = rows[number - 1].path
    else:
        chosen = str(ws.find_backup(args.path, args.backup))
    report = ws.restore_workspace(args.path, chosen)
    print(f"Restored {args.path} from {report.restored.path}")
    if report.safety is not None:
        print(f"The previous contents were backed up to {report.safety.path}")
    if report.damaged_copy is not None:
        print(f"The previous file could not be backed up; a raw copy is at {report.damaged_copy}")
    return EXIT_OK


def _list(path: str) -> int:
    rows = ws.list_workspace_backups(path)
    folder = ws.backup_folder(path)
    if not rows:
        print(f"No backups of {path} yet (backup folder: {folder}).")
        return EXIT_OK
    print(f"Backups of {path}, newest first (folder: {folder}):")
    for number, row in enumerate(rows, 1):
        print(f"{number:>3}  {_describe(row)}")
    print("Restore one with: ownersrep restore PATH NUMBER|NAME   (or --latest)")
    return EXIT_OK
