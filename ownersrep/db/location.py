"""Warn about places where an SQLite file is not safe: sync folders and network shares.

Sync clients copy the file while SQLite writes it and ignore its locks; network file
systems implement those locks badly or not at all. Either can corrupt a workspace, so
the user is told where the file is and why it matters. Detection is by folder name and
mount table only: a warning is advice, never a refusal.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

_SYNC_ADVICE = (
    "Sync tools ignore SQLite's locks and can corrupt the file; keep workspaces in a "
    "local folder and let OwnersRep's backups protect them."
)
_NETWORK_ADVICE = (
    "SQLite's locks are unreliable over a network and the file can be corrupted; keep "
    "workspaces on a local disk and let OwnersRep's backups protect them."
)

# Folder names the sync clients create, including macOS ~/Library/CloudStorage entries
# ("OneDrive-Personal", "GoogleDrive-me@example.com", "Box-Box") and business variants
# ("OneDrive - Contoso", "Dropbox (Contoso)").
_SYNC_FOLDERS: list[tuple[str, re.Pattern[str]]] = [
    ("Dropbox", re.compile(r"dropbox(\s*\(.*\)|-.*)?", re.I)),
    ("OneDrive", re.compile(r"onedrive(\s*-\s*.*|-.*)?", re.I)),
    ("Google Drive", re.compile(r"google\s?drive(-.*)?|my drive", re.I)),
    ("iCloud Drive", re.compile(r"icloud\s?drive.*|mobile documents|com~apple~clouddocs", re.I)),
    ("Box", re.compile(r"box(\s+sync|\s+drive|-.*)?", re.I)),
    ("pCloud", re.compile(r"pcloud(\s?drive)?", re.I)),
    ("Nextcloud", re.compile(r"nextcloud(-.*)?", re.I)),
    ("ownCloud", re.compile(r"owncloud(-.*)?", re.I)),
]

_AN = {"iCloud Drive", "ownCloud"}

NETWORK_FS_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs"}
)
DRIVE_REMOTE = 4  # GetDriveTypeW result for a network drive

MountsReader = Callable[[], str]
DriveType = Callable[[str], int]


def location_warnings(
    path: Path | str,
    *,
    platform: str | None = None,
    read_mounts: MountsReader | None = None,
    drive_type: DriveType | None = None,
) -> list[str]:
    """Plain-language warnings for a workspace at `path`; empty when the place is fine.

    `platform` (a sys.platform value), `read_mounts` (returns /proc/mounts text) and
    `drive_type` (GetDriveTypeW) are injectable so tests can pose as any system."""
    platform = platform or sys.platform
    place = _absolute(path, platform)
    warnings: list[str] = []
    provider = sync_provider(place)
    if provider is not None:
        name, folder = provider
        article = "an" if name in _AN else "a"
        warnings.append(
            f"{place.name} is inside {article} {name} folder ({folder}). {_SYNC_ADVICE}"
        )
    network = network_location(place, platform, read_mounts, drive_type)
    if network is not None:
        warnings.append(f"{place.name} is on a network share ({network}). {_NETWORK_ADVICE}")
    return warnings


def sync_provider(path: PurePath) -> tuple[str, str] | None:
    """(provider, folder) for the first sync-client folder among the path's parents."""
    for parent in reversed(path.parents):  # outermost first: that folder is what syncs
        for name, pattern in _SYNC_FOLDERS:
            if parent.name and pattern.fullmatch(parent.name.strip()):
                return name, str(parent)
    return None


def network_location(
    path: PurePath,
    platform: str,
    read_mounts: MountsReader | None = None,
    drive_type: DriveType | None = None,
) -> str | None:
    """A description of the network location holding `path`, or None if it is local
    (or this system gives no cheap way to tell, as on macOS)."""
    if platform.startswith("win"):
        return _windows_network(PureWindowsPath(path), drive_type)
    if platform.startswith("linux"):
        try:
            text = (read_mounts or _read_proc_mounts)()
        except OSError:
            return None
        return _linux_network(PurePosixPath(path), text)
    return None


def _absolute(path: Path | str, platform: str) -> PurePath:
    if platform.startswith("win") != (os.name == "nt"):
        # Posing as another system (tests): resolve() would mangle its paths.
        return PureWindowsPath(path) if platform.startswith("win") else PurePosixPath(path)
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError):  # unreadable link chain: judge the path as given
        return Path(path).absolute()


def _read_proc_mounts() -> str:
    with open("/proc/mounts", encoding="utf-8", errors="replace") as fh:
        return fh.read()


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def parse_mounts(text: str) -> list[tuple[str, str, str]]:
    """(device, mount point, fs type) for each line of /proc/mounts text."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append((_unescape_mount(fields[0]), _unescape_mount(fields[1]), fields[2]))
    return mounts


def _linux_network(path: PurePosixPath, mounts_text: str) -> str | None:
    best: tuple[str, str, str] | None = None
    for device, point, fstype in parse_mounts(mounts_text):
        mount = PurePosixPath(point)
        if (path == mount or mount in path.parents) and (
            best is None or len(point) >= len(best[1])
        ):
            best = (device, point, fstype)  # later lines over-mount earlier ones
    if best is None:
        return None
    device, point, fstype = best
    if fstype in NETWORK_FS_TYPES or fstype.startswith("fuse.sshfs"):
        return f"{fstype} {device} mounted at {point}"
    return None


def _windows_network(path: PureWindowsPath, drive_type: DriveType | None) -> str | None:
    text = str(path)
    if text.upper().startswith("\\\\?\\UNC\\"):
        text = "\\\\" + text[8:]
    if text.startswith("\\\\") and not text.startswith("\\\\?\\"):
        share = "\\".join(text.split("\\")[:4])  # \\server\share
        return share
    drive = path.drive
    if len(drive) == 2 and drive[1] == ":":
        kind = (drive_type or _get_drive_type)(drive + "\\")
        if kind == DRIVE_REMOTE:
            return f"drive {drive.upper()}"
    return None


def _get_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    try:
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return 0
