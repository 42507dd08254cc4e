"""WorkspaceLock: one holder per workspace, clear message, stale sidecars ignored."""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ownersrep.db.lock import WorkspaceLock, _same_file, lock_path_for, read_holder
from ownersrep.domain.errors import WorkspaceError, WorkspaceLockedError

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX flock behaviour")

HOLD_SCRIPT = """
import sys
from pathlib import Path
from ownersrep.db.lock import WorkspaceLock
lock = WorkspaceLock(Path(sys.argv[1]))
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.orep"
    path.write_bytes(b"")
    return path


def test_acquire_writes_holder_and_release_removes_sidecar(target: Path) -> None:
    lock = WorkspaceLock(target)
    lock.acquire()
    try:
        assert lock.held
        sidecar = lock_path_for(target)
        assert sidecar == target.with_name("clinic.orep.lock")
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        assert data == {"pid": os.getpid(), "host": socket.gethostname()}
        if os.name == "posix":
            assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600
    finally:
        lock.release()
    assert not lock.held
    assert not lock_path_for(target).exists()
    lock.release()  # a second release is harmless


def test_second_lock_in_same_process_is_refused_with_a_clear_message(target: Path) -> None:
    with WorkspaceLock(target):
        with pytest.raises(WorkspaceLockedError) as info:
            WorkspaceLock(target).acquire()
        message = info.value.message
        assert message == (
            f"clinic.orep is already open in another OwnersRep window "
            f"(process {os.getpid()} on {socket.gethostname()}). Close it there first."
        )
        # The refused attempt must leave the holder's sidecar alone.
        assert read_holder(lock_path_for(target)) is not None
        assert read_holder(lock_path_for(target)).pid == os.getpid()  # type: ignore[union-attr]
    with WorkspaceLock(target) as again:
        assert again.held


def test_stale_sidecar_does_not_block(target: Path) -> None:
    sidecar = lock_path_for(target)
    sidecar.write_text(json.dumps({"pid": 999999, "host": "old-laptop"}), encoding="utf-8")
    if os.name == "posix":
        sidecar.chmod(0o644)
    with WorkspaceLock(target):
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid()
        if os.name == "posix":
            assert stat.S_IMODE(sidecar.stat().st_mode) == 0o600  # tightened on reuse
    assert not sidecar.exists()


def test_garbage_sidecar_gives_a_message_without_holder(target: Path) -> None:
    with WorkspaceLock(target):
        # Simulate a holder whose details are unreadable (e.g. mid-write).
        lock_path_for(target).write_text("not json", encoding="utf-8")
        with pytest.raises(WorkspaceLockedError) as info:
            WorkspaceLock(target).acquire()
    assert info.value.message == (
        "clinic.orep is already open in another OwnersRep window. Close it there first."
    )


@posix_only
def test_lock_held_by_another_process_then_released_when_it_dies(target: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_SCRIPT, str(target)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(WorkspaceLockedError) as info:
            WorkspaceLock(target).acquire()
        assert f"(process {holder.pid} on " in info.value.message
        # A crash: the OS drops the flock, the sidecar stays behind.
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=10)
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()
    assert lock_path_for(target).exists()
    with WorkspaceLock(target) as lock:
        assert lock.held
        assert read_holder(lock_path_for(target)).pid == os.getpid()  # type: ignore[union-attr]


@posix_only
def test_replaced_sidecar_is_detected(target: Path) -> None:
    sidecar = lock_path_for(target)
    fd = os.open(sidecar, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        assert _same_file(fd, sidecar)
        sidecar.unlink()
        assert not _same_file(fd, sidecar)
        sidecar.write_text("{}", encoding="utf-8")  # a new file under the same name
        assert not _same_file(fd, sidecar)
    finally:
        os.close(fd)


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions"
)
def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    target = folder / "clinic.orep"
    target.write_bytes(b"")
    folder.chmod(0o500)
    try:
        with pytest.raises(WorkspaceError, match=r"Cannot create the lock file clinic\.orep\.lock"):
            WorkspaceLock(target).acquire()
    finally:
        folder.chmod(0o700)


def test_read_holder_of_missing_or_bad_file(tmp_path: Path) -> None:
    assert read_holder(tmp_path / "none.lock") is None
    bad = tmp_path / "bad.lock"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert read_holder(bad) is None
    partial = tmp_path / "partial.lock"
    partial.write_text('{"pid": "x", "host": "h"}', encoding="utf-8")
    holder = read_holder(partial)
    assert holder is not None
    assert (holder.pid, holder.host) == (None, "h")
