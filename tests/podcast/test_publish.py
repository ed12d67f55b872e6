"""tts.podcast.publish: build_feed on real folders: lock, atomic write, backups, stable GUIDs."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import podcastparser
import pytest
from feed_support import BASE_URL, make_folder, manifests, write_episode
from lxml import etree

from tts.errors import TTSError
from tts.podcast.publish import STATE_NAME, build_feed

REPO = Path(__file__).resolve().parents[2]


def backups(folder: Path) -> list[Path]:
    """The feed's backups: in the state folder, and none left at the top."""
    return sorted([*folder.glob("feed.xml.bak-*"), *folder.glob(".tts/feed.xml.bak-*")])


def items(feed: Path) -> dict[str, bytes]:
    """Each <item> exactly as serialized in the file, keyed by its GUID."""
    text = feed.read_bytes()
    blocks = re.findall(rb"    <item>\n.*?</item>\n", text, flags=re.DOTALL)
    return {re.search(rb"<guid[^>]*>([^<]*)<", b).group(1).decode(): b for b in blocks}


def test_build_writes_feed_with_every_episode(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    feed = build_feed(folder)
    assert feed == folder / "feed.xml"
    parsed = podcastparser.parse(BASE_URL + "feed.xml", io.BytesIO(feed.read_bytes()))
    assert len(parsed["episodes"]) == 2


def test_missing_config_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(TTSError, match=r"podcast.toml not found: run `tts feed init"):
        build_feed(tmp_path)


def test_adding_an_episode_leaves_earlier_items_byte_identical(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    before = items(build_feed(folder))
    write_episode(folder, "tretiy-vypusk")
    after = items(build_feed(folder))
    assert len(before) == 2 and len(after) == 3
    for guid, block in before.items():
        assert after[guid] == block
    order = list(after)
    assert order[0] == manifests()["tretiy-vypusk"]["guid"]  # newest first


def test_published_guid_is_kept_when_episode_json_changes_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = make_folder(tmp_path / "pod")
    first = items(build_feed(folder))
    manifest = manifests()["stepnaya-observatoriya"] | {"guid": "a-new-guid"}
    write_episode(folder, "stepnaya-observatoriya", manifest)
    with caplog.at_level(logging.WARNING, logger="tts.podcast.publish"):
        second = items(build_feed(folder))
    assert set(second) == set(first)
    assert "keeping its published GUID" in caplog.text


def test_unchanged_folder_rebuilds_to_the_same_bytes(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    once = build_feed(folder).read_bytes()
    assert build_feed(folder).read_bytes() == once
    assert backups(folder) == []


def test_hand_edited_feed_is_backed_up(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = make_folder(tmp_path / "pod")
    feed = build_feed(folder)
    original = feed.read_bytes()
    edited = original.replace(b"<title>", b"<title>EDITED ", 1)
    feed.write_bytes(edited)
    clock = datetime(2026, 11, 28, 12, 0, 5, tzinfo=UTC)
    with caplog.at_level(logging.WARNING, logger="tts.podcast.publish"):
        build_feed(folder, now=lambda: clock)
    backup = folder / ".tts" / "feed.xml.bak-20261128T120005Z"
    assert backup.read_bytes() == edited
    assert feed.read_bytes() == original
    assert "changed by hand" in caplog.text
    build_feed(folder, now=lambda: clock)  # the same edit is not backed up twice
    assert backups(folder) == [backup]


def test_foreign_feed_without_state_is_backed_up(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    (folder / "feed.xml").write_bytes(b"<rss>someone else's</rss>")
    build_feed(folder, now=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    saved = folder / ".tts" / "feed.xml.bak-20260101T000000Z"
    assert saved.read_bytes() == b"<rss>someone else's</rss>"
    assert json.loads((folder / ".tts" / STATE_NAME).read_text())["guids"]["kavychki-i-skobki"]


def _files_holding(folder: Path, needle: bytes) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_feed_symlink_to_a_file_outside_is_replaced_never_copied_in(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A feed.xml planted as a link to a secret: the old build backed the secret up into the
    folder (feed.xml.bak-<time>), where tts serve served it (issue 17)."""
    folder = make_folder(tmp_path / "pod")
    secret = tmp_path / "id_rsa"
    secret.write_bytes(b"-----BEGIN SECRET-----")
    (folder / "feed.xml").symlink_to(secret)
    with caplog.at_level(logging.WARNING, logger="tts.podcast.publish"):
        feed = build_feed(folder, now=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    assert not feed.is_symlink() and feed.read_bytes().startswith(b"<?xml")
    assert secret.read_bytes() == b"-----BEGIN SECRET-----"  # the link's target untouched
    assert _files_holding(folder, b"BEGIN SECRET") == []
    assert backups(folder) == []
    assert caplog.text.count("is a symbolic link") == 1 and str(secret) in caplog.text


def test_feed_symlink_inside_the_folder_is_replaced_and_its_target_kept(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    cover = (folder / "cover.png").read_bytes()
    (folder / "feed.xml").symlink_to("cover.png")
    feed = build_feed(folder)
    assert not feed.is_symlink() and (folder / "cover.png").read_bytes() == cover
    assert backups(folder) == []


def test_state_symlink_is_not_followed(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    outside = tmp_path / "outside.json"
    outside.write_text('{"guids": {"stepnaya-observatoriya": "INJECTED"}}', encoding="utf-8")
    (folder / ".tts").mkdir()
    (folder / ".tts" / STATE_NAME).symlink_to(outside)
    feed = build_feed(folder)
    assert b"INJECTED" not in feed.read_bytes()
    assert not (folder / ".tts" / STATE_NAME).is_symlink() and "INJECTED" in outside.read_text()


def test_backup_never_writes_through_a_link_planted_under_its_name(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    build_feed(folder)
    (folder / "feed.xml").write_bytes(b"<rss>edited</rss>")
    planted = tmp_path / "created-outside"
    (folder / ".tts" / "feed.xml.bak-20260101T000000Z").symlink_to(planted)  # dangling
    build_feed(folder, now=lambda: datetime(2026, 1, 1, tzinfo=UTC))
    assert not planted.exists()
    saved = folder / ".tts" / "feed.xml.bak-20260101T000000Z-1"
    assert saved.read_bytes() == b"<rss>edited</rss>"


def test_file_name_leaving_the_folder_is_refused(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod", ())
    manifest = manifests()["tretiy-vypusk"]
    write_episode(folder, "tretiy-vypusk", manifest)
    bad = manifest | {"files": manifest["files"] | {"mp3": "../../secret.mp3"}}
    (folder / "tretiy-vypusk" / "episode.json").write_text(json.dumps(bad), "utf-8")
    with pytest.raises(TTSError, match=r"files\.mp3: not a file name"):
        build_feed(folder)


def test_a_missing_episode_cover_gives_way_to_the_podcasts(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = make_folder(tmp_path / "pod", ())
    write_episode(folder, "tretiy-vypusk", manifests()["tretiy-vypusk"] | {"image": "cover.png"})
    with caplog.at_level(logging.WARNING):
        feed = build_feed(folder).read_text("utf-8")
    assert "tretiy-vypusk/cover.png" not in feed
    assert feed.count(f'<itunes:image href="{BASE_URL}cover.png"/>') == 2
    assert any("names the cover cover.png, which is missing" in m for m in caplog.messages)


def test_unreadable_manifest_names_the_file(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod", ())
    (folder / "x").mkdir()
    (folder / "x" / "episode.json").write_text("{not json", "utf-8")
    with pytest.raises(TTSError, match=r"x/episode.json: not JSON"):
        build_feed(folder)


_WORKER = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tts.podcast.publish import build_feed
for _ in range(15):
    build_feed(Path(sys.argv[1]))
"""


def test_two_concurrent_builds_both_succeed(tmp_path: Path) -> None:
    folder = make_folder(tmp_path / "pod")
    for n in range(6):
        manifest = manifests()["tretiy-vypusk"] | {"guid": f"guid-{n}", "slug": f"extra-{n}"}
        write_episode(folder, f"extra-{n}", manifest)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(folder), str(REPO)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    root = etree.fromstring((folder / "feed.xml").read_bytes())
    assert len(root.findall("channel/item")) == 8
    assert backups(folder) == []  # neither took the other's write for an edit
    assert list(folder.glob(".feed.xml.*.tmp")) == []


def test_a_build_waits_for_the_lock(tmp_path: Path) -> None:
    from filelock import FileLock

    folder = make_folder(tmp_path / "pod")
    (folder / ".tts").mkdir()
    with FileLock(str(folder / ".tts" / "feed.lock")):
        proc = subprocess.Popen([sys.executable, "-c", _WORKER, str(folder), str(REPO)])
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=1.5)
        assert not (folder / "feed.xml").exists()
    assert proc.wait(timeout=60) == 0
    assert (folder / "feed.xml").is_file()


def test_state_an_older_tts_left_at_the_top_is_moved_in_and_still_kept(tmp_path: Path) -> None:
    """.feed-state.json and the lock sat beside feed.xml and went up with every upload; the
    next build moves the state into .tts/, and the GUIDs it holds are still kept."""
    folder = make_folder(tmp_path / "pod")
    slug = "stepnaya-observatoriya"
    published = manifests()[slug]["guid"]
    (folder / ".feed-state.json").write_text(json.dumps({"guids": {slug: published}}), "utf-8")
    (folder / ".feed.lock").touch()
    write_episode(folder, slug, manifests()[slug] | {"guid": "built-afresh"})
    assert published in items(build_feed(folder))
    assert not [p.name for p in folder.iterdir() if p.name.startswith(".") and p.name != ".tts"]
    assert json.loads((folder / ".tts" / STATE_NAME).read_text())["guids"][slug] == published
