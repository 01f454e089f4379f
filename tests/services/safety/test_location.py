"""Spotting a database in a cloud-synced or network folder, from the path alone."""

import pytest

from bazaar_pos.services.safety.location import (
    LocationRisk,
    Mount,
    RiskKind,
    classify_location,
    location_risk,
    parse_mounts,
)

LINUX_MOUNTS = parse_mounts(
    "/dev/sda2 / ext4 rw,relatime 0 0\n"
    "/dev/sda1 /boot/efi vfat rw 0 0\n"
    "//nas/toko /mnt/toko cifs rw,vers=3.0 0 0\n"
    "nas:/export/shop /srv/shop nfs4 rw 0 0\n"
    "gdrive: /home/ani/GD fuse.rclone rw 0 0\n"
    "ani@server: /home/ani/remote fuse.sshfs rw 0 0\n"
    "lxcfs /var/lib/lxcfs fuse.lxcfs rw 0 0\n"
    "/dev/sdb1 /media/ani/USB\\040STICK vfat rw 0 0\n"
    "//nas/toko/sub /mnt/toko/local ext4 rw 0 0\n"
)


@pytest.mark.parametrize(
    ("path", "service"),
    [
        ("/home/ani/Dropbox/toko/shop.sqlite", "Dropbox"),
        ("/home/ani/Dropbox (Personal)/shop.sqlite", "Dropbox"),
        ("/home/ani/OneDrive/shop.sqlite", "OneDrive"),
        ("/home/ani/Google Drive/shop.sqlite", "Google Drive"),
        ("/home/ani/Nextcloud/Toko/shop.sqlite", "Nextcloud"),
        ("/Users/ani/Library/Mobile Documents/com~apple~CloudDocs/shop.sqlite", "iCloud"),
        (
            "/Users/ani/Library/CloudStorage/GoogleDrive-ani@gmail.com/My Drive/x.sqlite",
            "Google Drive",
        ),
        ("/Users/ani/Library/CloudStorage/OneDrive-Personal/shop.sqlite", "OneDrive"),
        ("/Users/ani/Library/CloudStorage/Dropbox/shop.sqlite", "Dropbox"),
    ],
)
def test_cloud_folders_on_linux_and_macos(path, service):
    assert classify_location(path) == LocationRisk(RiskKind.CLOUD, service)


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (r"C:\Users\Ani\OneDrive - Koperasi Batik\Toko\shop.sqlite", "OneDrive"),
        (r"C:\Users\Ani\OneDrive\Documents\shop.sqlite", "OneDrive"),
        (r"C:\Users\Ani\Dropbox\shop.sqlite", "Dropbox"),
        (r"G:\My Drive\Toko\shop.sqlite", "Google Drive"),
        (r"C:\Users\Ani\iCloudDrive\shop.sqlite", "iCloud"),
        (r"C:\Users\Ani\Nextcloud\shop.sqlite", "Nextcloud"),
    ],
)
def test_cloud_folders_on_windows(path, service):
    assert classify_location(path, windows=True) == LocationRisk(RiskKind.CLOUD, service)


@pytest.mark.parametrize(
    "path", [r"\\NAS\toko\shop.sqlite", "//NAS/toko/shop.sqlite", r"\\?\UNC\nas\toko\x.sqlite"]
)
def test_unc_paths_are_network_shares(path):
    assert classify_location(path, windows=True) == LocationRisk(RiskKind.NETWORK, "SMB")


def test_a_mapped_network_drive_letter_is_a_network_drive():
    risk = classify_location(r"Z:\toko\shop.sqlite", windows=True, remote_drive=True)
    assert risk is not None
    assert risk.kind is RiskKind.NETWORK
    assert "Z:" in risk.service


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/mnt/toko/shop.sqlite", LocationRisk(RiskKind.NETWORK, "SMB")),
        ("/srv/shop/shop.sqlite", LocationRisk(RiskKind.NETWORK, "NFS")),
        ("/home/ani/GD/shop.sqlite", LocationRisk(RiskKind.NETWORK, "rclone")),
        ("/home/ani/remote/shop.sqlite", LocationRisk(RiskKind.NETWORK, "sshfs")),
        ("/home/ani/.local/share/bazaar-pos/shop.sqlite", None),
        ("/var/lib/lxcfs/shop.sqlite", None),
        ("/media/ani/USB STICK/shop.sqlite", None),
        ("/mnt/toko/local/shop.sqlite", None),  # the deepest mount wins
        ("/mnt/tokoku/shop.sqlite", None),  # a prefix of a name is not a parent folder
    ],
)
def test_linux_network_mounts_come_from_the_mount_table(path, expected):
    assert classify_location(path, mounts=LINUX_MOUNTS) == expected


@pytest.mark.parametrize(
    "path",
    [
        "/home/ani/.local/share/bazaar-pos/shop.sqlite",
        "/home/ani/dropbox-clone/shop.sqlite",
        "/home/ani/projects/my-onedrive-notes/shop.sqlite",
        "/home/ani/dropbox.sqlite",
        r"C:\Users\Ani\AppData\Local\bazaar-pos\shop.sqlite",
    ],
)
def test_ordinary_folders_are_fine(path):
    windows = path.startswith("C:")
    assert classify_location(path, windows=windows, mounts=LINUX_MOUNTS) is None


def test_parse_mounts_decodes_escapes_and_skips_junk():
    assert parse_mounts("a /x\\040y ext4 rw 0 0\n\nbroken\n") == [Mount("/x y", "ext4")]


def test_the_message_says_to_keep_only_backups_there():
    cloud = LocationRisk(RiskKind.CLOUD, "Dropbox").message("/home/ani/Dropbox/shop.sqlite")
    assert "is in a Dropbox folder" in cloud
    assert "put only backups in Dropbox" in cloud
    network = LocationRisk(RiskKind.NETWORK, "SMB").message("/mnt/toko/shop.sqlite")
    assert "is on a network drive (SMB)" in network
    assert "put only backups on the network drive" in network


def test_this_computers_temporary_folder_is_local(tmp_path):
    assert location_risk(tmp_path / "shop.sqlite") is None
    assert location_risk(tmp_path / "Dropbox" / "shop.sqlite") == LocationRisk(
        RiskKind.CLOUD, "Dropbox"
    )
