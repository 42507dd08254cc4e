"""Warnings for workspaces in sync folders or on network shares, posing as each system."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ownersrep.db.location import location_warnings, parse_mounts

LOCAL_MOUNTS = "/dev/sda2 / ext4 rw,relatime 0 0\nproc /proc proc rw 0 0\n"
SYNC_ADVICE = "Sync tools ignore SQLite's locks and can corrupt the file"
NETWORK_ADVICE = "SQLite's locks are unreliable over a network"


def linux(path: str, mounts: str = LOCAL_MOUNTS) -> list[str]:
    return location_warnings(path, platform="linux", read_mounts=lambda: mounts)


@pytest.mark.parametrize(
    ("folder", "provider"),
    [
        ("Dropbox", "Dropbox"),
        ("Dropbox (Acme Corp)", "Dropbox"),
        ("OneDrive", "OneDrive"),
        ("OneDrive - Contoso Ltd", "OneDrive"),
        ("OneDrive-Personal", "OneDrive"),
        ("Google Drive", "Google Drive"),
        ("GoogleDrive", "Google Drive"),
        ("GoogleDrive-me@example.com", "Google Drive"),
        ("My Drive", "Google Drive"),
        ("iCloud Drive", "iCloud Drive"),
        ("Mobile Documents", "iCloud Drive"),
        ("Box", "Box"),
        ("Box Sync", "Box"),
        ("pCloud Drive", "pCloud"),
        ("pCloudDrive", "pCloud"),
        ("Nextcloud", "Nextcloud"),
        ("ownCloud", "ownCloud"),
    ],
)
def test_sync_folders_are_named(folder: str, provider: str) -> None:
    path = f"/home/ann/{folder}/Projects/clinic.orep"
    warnings = linux(path)
    assert len(warnings) == 1
    article = "an" if provider in {"iCloud Drive", "ownCloud"} else "a"
    assert warnings[0].startswith(
        f"clinic.orep is inside {article} {provider} folder (/home/ann/{folder}). "
    )
    assert SYNC_ADVICE in warnings[0]
    assert "let OwnersRep's backups protect them" in warnings[0]


@pytest.mark.parametrize(
    "folder", ["Dropboxes", "boxes", "OneDriveBackup", "Drive", "Documents", "cloud", "mybox"]
)
def test_look_alike_folders_are_not_sync_folders(folder: str) -> None:
    assert linux(f"/home/ann/{folder}/clinic.orep") == []


def test_the_file_name_itself_is_not_a_folder() -> None:
    assert linux("/home/ann/work/Dropbox") == []


def test_macos_icloud_and_cloudstorage_paths() -> None:
    icloud = "/Users/ann/Library/Mobile Documents/com~apple~CloudDocs/clinic.orep"
    (warning,) = location_warnings(icloud, platform="darwin")
    assert "inside an iCloud Drive folder (/Users/ann/Library/Mobile Documents)" in warning
    box = "/Users/ann/Library/CloudStorage/Box-Box/clinic.orep"
    (warning,) = location_warnings(box, platform="darwin")
    assert "inside a Box folder (/Users/ann/Library/CloudStorage/Box-Box)" in warning


def test_windows_onedrive_business_folder() -> None:
    path = r"C:\Users\ann\OneDrive - Contoso\PMO\clinic.orep"
    (warning,) = location_warnings(path, platform="win32", drive_type=lambda root: 3)
    assert r"inside a OneDrive folder (C:\Users\ann\OneDrive - Contoso)" in warning


@pytest.mark.parametrize("fstype", ["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p"])
def test_linux_network_filesystems(fstype: str) -> None:
    mounts = LOCAL_MOUNTS + f"server:/export /mnt/pmo {fstype} rw 0 0\n"
    (warning,) = linux("/mnt/pmo/2026/clinic.orep", mounts)
    assert warning.startswith(
        f"clinic.orep is on a network share ({fstype} server:/export mounted at /mnt/pmo). "
    )
    assert NETWORK_ADVICE in warning


def test_longest_mount_prefix_wins() -> None:
    mounts = (
        LOCAL_MOUNTS
        + "server:/export /mnt/pmo nfs4 rw 0 0\n"
        + "/dev/sdb1 /mnt/pmo/local ext4 rw 0 0\n"
    )
    assert linux("/mnt/pmo/local/clinic.orep", mounts) == []
    assert len(linux("/mnt/pmo/other/clinic.orep", mounts)) == 1
    # /mnt/pmo-archive is not inside /mnt/pmo, even though the text starts the same.
    assert linux("/mnt/pmo-archive/clinic.orep", mounts) == []


def test_network_root_filesystem() -> None:
    mounts = "server:/root / nfs rw 0 0\n"
    (warning,) = linux("/home/ann/clinic.orep", mounts)
    assert "(nfs server:/root mounted at /)" in warning


def test_mount_points_with_escaped_spaces() -> None:
    mounts = LOCAL_MOUNTS + "//nas/pmo /mnt/team\\040share cifs rw 0 0\n"
    (warning,) = linux("/mnt/team share/clinic.orep", mounts)
    assert "(cifs //nas/pmo mounted at /mnt/team share)" in warning
    assert parse_mounts("a /x\\011y ext4 rw 0 0") == [("a", "/x\ty", "ext4")]


def test_sync_folder_on_a_network_share_gives_both_warnings() -> None:
    mounts = LOCAL_MOUNTS + "nas:/home /home nfs4 rw 0 0\n"
    warnings = linux("/home/ann/Dropbox/clinic.orep", mounts)
    assert [w.split(" (")[0] for w in warnings] == [
        "clinic.orep is inside a Dropbox folder",
        "clinic.orep is on a network share",
    ]


def test_unreadable_mount_table_means_no_network_warning() -> None:
    def fail() -> str:
        raise OSError("no /proc")

    assert location_warnings("/mnt/pmo/clinic.orep", platform="linux", read_mounts=fail) == []


@pytest.mark.parametrize(
    ("path", "share"),
    [
        (r"\\nas\pmo\2026\clinic.orep", r"\\nas\pmo"),
        (r"\\?\UNC\nas\pmo\clinic.orep", r"\\nas\pmo"),
    ],
)
def test_windows_unc_paths(path: str, share: str) -> None:
    (warning,) = location_warnings(path, platform="win32", drive_type=lambda root: 3)
    assert warning.startswith(f"clinic.orep is on a network share ({share}). ")


def test_windows_mapped_network_drive() -> None:
    seen: list[str] = []

    def drive_type(root: str) -> int:
        seen.append(root)
        return 4 if root.upper() == "Z:\\" else 3  # DRIVE_REMOTE / DRIVE_FIXED

    (warning,) = location_warnings(r"z:\pmo\clinic.orep", platform="win32", drive_type=drive_type)
    assert "(drive Z:)" in warning
    assert location_warnings(r"C:\pmo\clinic.orep", platform="win32", drive_type=drive_type) == []
    assert seen == ["z:\\", "C:\\"]


def test_macos_skips_the_mount_lookup() -> None:
    def must_not_run() -> str:
        raise AssertionError("macOS has no /proc/mounts")

    assert (
        location_warnings("/Volumes/pmo/clinic.orep", platform="darwin", read_mounts=must_not_run)
        == []
    )


def test_a_real_local_path_here(tmp_path: Path) -> None:
    # The real platform and path resolution, with a mount table that says "local".
    assert location_warnings(tmp_path / "clinic.orep", read_mounts=lambda: LOCAL_MOUNTS) == []


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_real_path_is_resolved_through_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "Dropbox" / "pmo"
    real.mkdir(parents=True)
    link = tmp_path / "shortcut"
    link.symlink_to(real, target_is_directory=True)
    (warning,) = location_warnings(link / "clinic.orep", read_mounts=lambda: LOCAL_MOUNTS)
    assert f"inside a Dropbox folder ({tmp_path / 'Dropbox'})" in warning
