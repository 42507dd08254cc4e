"""One OwnersRep process per workspace: an exclusive lock on a `<file>.lock` sidecar.

SQLite's own locks only guard single transactions; two windows editing the same file
would each keep stale rows in memory and undo stacks that no longer match the file. So
the whole open session holds an OS lock: `flock` on POSIX, `msvcrt.locking` on Windows.
The OS drops the lock when the process dies, so a sidecar left behind by a crash is just
a file nobody locks, and it never blocks the next open.

`flock` locks belong to the open file description, not the process, so a second open
in the same process is refused as well (unlike POSIX `fcntl` record locks).
"""

from __future__ import annotations

import json
import os
import socket
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ownersrep.domain.errors import WorkspaceError, WorkspaceLockedError

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl

# Windows locks are mandatory: a locked byte cannot be read by anyone else. Lock one byte
# far past the holder's details so a second instance can still read who holds the file.
_WINDOWS_LOCK_OFFSET = 1 << 20


@dataclass(frozen=True)
class LockHolder:
    """Who holds a workspace, as written in its lock file."""

    pid: int | None
    host: str | None


def lock_path_for(path: Path) -> Path:
    return Path(f"{path}.lock")


def read_holder(lock_path: Path) -> LockHolder | None:
    """The details written in a lock file, or None if there are none readable."""
    try:
        with open(lock_path, encoding="utf-8") as fh:
            data = json.loads(fh.read(4096) or "null")
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    host = data.get("host")
    return LockHolder(
        pid=pid if isinstance(pid, int) else None,
        host=host if isinstance(host, str) else None,
    )


class WorkspaceLock:
    """Exclusive, non-blocking lock on a workspace for the length of an open session."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_path = lock_path_for(self.path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock or raise WorkspaceLockedError naming who has the file open."""
        if self._fd is not None:
            return
        # Retry when the sidecar was replaced between open() and the lock (see
        # _same_file); twice is enough in practice, a few more costs nothing.
        for _attempt in range(5):
            fd = self._open_sidecar()
            try:
                locked = _try_lock(fd)
            except OSError as exc:
                os.close(fd)
                raise WorkspaceError(
                    f"Cannot lock {self.path.name} ({exc.strerror}); it was not opened."
                ) from None
            if not locked:
                os.close(fd)
                raise WorkspaceLockedError(self._locked_message())
            if not _same_file(fd, self.lock_path):
                _unlock(fd)
                os.close(fd)
                continue
            self._fd = fd
            self._write_holder()
            return
        raise WorkspaceLockedError(self._locked_message())

    def release(self) -> None:
        """Unlock and remove the sidecar. Safe to call more than once."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if os.name == "nt":  # pragma: no cover - Windows cannot delete an open file
            _unlock(fd)
            os.close(fd)
            # Another instance may have it open to read the holder: leaving it is harmless.
            with suppress(OSError):
                self.lock_path.unlink(missing_ok=True)
            return
        # Unlink while still locked, so no other process can lock this inode and then
        # find its sidecar gone (they re-check the path after locking).
        # In a read-only folder the sidecar stays, unlocked, and blocks nobody.
        with suppress(OSError):
            self.lock_path.unlink(missing_ok=True)
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __del__(self) -> None:
        # A forgotten lock must not leak its descriptor (nor keep the file locked).
        if getattr(self, "_fd", None) is not None:
            with suppress(Exception):  # at interpreter exit, modules may be gone
                self.release()

    def _open_sidecar(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self.lock_path, flags, 0o600)
        except OSError as exc:
            raise WorkspaceError(
                f"Cannot create the lock file {self.lock_path.name} next to "
                f"{self.path.name} ({exc.strerror}); the workspace was not opened."
            ) from None
        return fd

    def _write_holder(self) -> None:
        assert self._fd is not None
        details = json.dumps({"pid": os.getpid(), "host": socket.gethostname()})
        try:
            if os.name == "posix":
                # A sidecar left by another user's umask must not be world-readable.
                os.fchmod(self._fd, 0o600)
            os.ftruncate(self._fd, 0)
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, details.encode("utf-8"))
        except OSError:
            pass  # the lock itself is what matters; the details only improve the message

    def _locked_message(self) -> str:
        holder = read_holder(self.lock_path)
        who = ""
        if holder is not None and holder.pid is not None:
            where = f" on {holder.host}" if holder.host else ""
            who = f" (process {holder.pid}{where})"
        return (
            f"{self.path.name} is already open in another OwnersRep window{who}. "
            "Close it there first."
        )


def _try_lock(fd: int) -> bool:
    """True if locked, False if someone else holds it; other failures raise OSError."""
    if os.name == "nt":  # pragma: no cover - Windows only
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    try:
        if os.name == "nt":  # pragma: no cover - Windows only
            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass  # closing the descriptor releases it anyway


def _same_file(fd: int, lock_path: Path) -> bool:
    """After locking, is our descriptor still the file at lock_path?

    A holder that is closing unlinks the sidecar; if we opened it just before, we hold a
    lock on a deleted inode while a third process creates and locks a new sidecar."""
    if os.name == "nt":  # pragma: no cover - an open file cannot be deleted on Windows
        return True
    try:
        on_disk = os.stat(lock_path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)
