"""The output folder's shell: publish through a swap folder, recover what a killed build left,
locks that fail in one line, the early check of ``-o``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tts.errors import ExportError
from tts.store import outdir
from tts.store.outdir import (
    check_outdir,
    file_lock,
    locked,
    publish,
    recover,
    recover_all,
    staging,
)

SLUG = "vybory-itogi"


def episode(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "episode.json").write_text(text, encoding="utf-8")
    return folder


def leftovers(out: Path) -> list[str]:
    """Work and swap folders, in the state folder or (an older tts's) at the top."""
    state = sorted(p.name for p in (out / ".tts").glob("*") if p.name.startswith(("tmp-", "old-")))
    top = sorted(p.name for p in out.iterdir() if p.name.startswith((".tmp-", ".old-")))
    return state + top


def fail_on_call(n: int, exc: BaseException) -> Callable[[str, str], None]:
    """os.replace that raises ``exc`` on its n-th call (1-based) and renames otherwise."""
    real = os.replace
    calls = []

    def replace(src: str, dst: str) -> None:
        calls.append(src)
        if len(calls) == n:
            raise exc
        real(src, dst)

    return replace


def test_publish_swaps_and_leaves_nothing(tmp_path: Path) -> None:
    target = episode(tmp_path / SLUG, "old")
    work = episode(tmp_path / ".tts" / f"tmp-{SLUG}-abc", "new")
    publish(work, target)
    assert (target / "episode.json").read_text() == "new"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), OSError(28, "No space left on device")])
def test_stopped_between_the_renames_puts_the_old_episode_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    """Ctrl-C (or SIGTERM, or an error) between the two renames: before, the old copy was
    deleted with the swap folder and the folder had no episode at all."""
    target = episode(tmp_path / SLUG, "old")
    work = episode(tmp_path / ".tts" / f"tmp-{SLUG}-abc", "new")
    monkeypatch.setattr(outdir.os, "replace", fail_on_call(2, exc))
    with pytest.raises((KeyboardInterrupt, ExportError)):
        publish(work, target)
    assert (target / "episode.json").read_text() == "old"
    assert leftovers(tmp_path) == [f"tmp-{SLUG}-abc"]  # the work folder is staging's to remove


def killed_between_renames(out: Path) -> None:
    """What kill -9 between publish's two renames leaves: a swap folder holding the episode,
    the finished work folder, and no episode folder."""
    episode(out / ".tts" / f"old-{SLUG}-x1y2z3" / "episode", "old")
    episode(out / ".tts" / f"tmp-{SLUG}-a4b5c6", "new")


def test_recover_puts_the_episode_back_and_clears_the_rest(tmp_path: Path) -> None:
    killed_between_renames(tmp_path)
    episode(tmp_path / ".tts" / f"tmp-{SLUG}-zzz", "an older killed build's work")
    episode(tmp_path / ".tts" / f"tmp-{SLUG}-more-words-q1", "another slug's work folder")
    assert recover(tmp_path, SLUG)
    assert (tmp_path / SLUG / "episode.json").read_text() == "old"
    assert leftovers(tmp_path) == [f"tmp-{SLUG}-more-words-q1"]


def test_recover_keeps_a_published_episode_and_drops_the_swap(tmp_path: Path) -> None:
    """Killed after the second rename: the new episode is in place, the old copy is garbage."""
    episode(tmp_path / SLUG, "new")
    episode(tmp_path / ".tts" / f"old-{SLUG}-x1y2z3" / "episode", "old")
    assert not recover(tmp_path, SLUG)
    assert (tmp_path / SLUG / "episode.json").read_text() == "new"
    assert leftovers(tmp_path) == []


def test_staging_recovers_instead_of_deleting(tmp_path: Path) -> None:
    """The next build of the slug used to delete the swap folder, and the episode with it."""
    killed_between_renames(tmp_path)
    with locked(tmp_path, SLUG), staging(tmp_path, SLUG) as work:
        assert work.parent.name == ".tts" and work.name.startswith(f"tmp-{SLUG}-")
        assert (tmp_path / SLUG / "episode.json").read_text() == "old"
    assert leftovers(tmp_path) == []


def test_recover_all_skips_a_slug_whose_build_is_running(tmp_path: Path) -> None:
    killed_between_renames(tmp_path)
    episode(tmp_path / ".tts" / "old-other-q1w2e3" / "episode", "other")
    with locked(tmp_path, SLUG):  # a build of SLUG is publishing right now: not ours to touch
        assert recover_all(tmp_path) == ["other"]
    assert (tmp_path / "other" / "episode.json").read_text() == "other"
    assert not (tmp_path / SLUG).exists()
    assert recover_all(tmp_path) == [SLUG]
    assert leftovers(tmp_path) == []


def test_recover_all_of_a_missing_folder_or_a_file_does_nothing(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert recover_all(tmp_path / "missing") == []
    assert recover_all(tmp_path / "file") == []


def _lock(out: Path) -> Path:
    (out / ".tts" / "locks").mkdir(parents=True)
    return out / ".tts" / "locks" / f"{SLUG}.lock"


def test_a_lock_that_is_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    _lock(tmp_path).symlink_to(f"{SLUG}.lock")
    with pytest.raises(ExportError, match="symbolic link"), locked(tmp_path, SLUG):
        pass


def test_a_lock_pointing_elsewhere_is_refused_and_its_target_kept(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me")
    _lock(tmp_path).symlink_to(precious)
    with pytest.raises(ExportError, match="symbolic link"), locked(tmp_path, SLUG):
        pass
    assert precious.read_text() == "keep me"


def test_a_lock_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    lock, message = _lock(tmp_path), f"cannot lock .*/{SLUG}\\.lock"
    lock.mkdir()  # a folder where the lock file goes
    with pytest.raises(ExportError, match=message), file_lock(lock, 1, "t"):
        pass


def test_check_outdir_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(ExportError, match="is a file, not a folder"):
        check_outdir(tmp_path / "out")
    with pytest.raises(ExportError, match="out is a file"):
        check_outdir(tmp_path / "out" / "deeper")
    check_outdir(tmp_path / "new" / "deeper")  # to be created: fine
    assert not (tmp_path / "new").exists()


def test_check_outdir_refuses_an_immutable_folder(
    tmp_path: Path, immutable: Callable[[Path], None]
) -> None:
    (tmp_path / "out").mkdir()
    immutable(tmp_path / "out")
    with pytest.raises(ExportError, match="cannot write to .*out: Operation not permitted"):
        check_outdir(tmp_path / "out")


def test_the_tools_state_is_one_hidden_folder(tmp_path: Path) -> None:
    """A build's locks and work and swap folders stay in .tts/: the top of the folder holds
    what is published and nothing else (they sat there, and went up with every upload)."""
    episode(tmp_path / SLUG, "old")
    with locked(tmp_path, SLUG), staging(tmp_path, SLUG) as work:
        (work / "episode.json").write_text("new", encoding="utf-8")
        publish(work, tmp_path / SLUG)
    with outdir.folder_locked(tmp_path):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == [".tts", SLUG]
    assert (tmp_path / SLUG / "episode.json").read_text() == "new"
    state = sorted(str(p.relative_to(tmp_path / ".tts")) for p in (tmp_path / ".tts").rglob("*"))
    assert state == ["library.lock", "locks", f"locks/{SLUG}.lock"]


def test_an_older_tts_folder_is_tidied_on_the_next_start(tmp_path: Path) -> None:
    """What a tts before the state folder left at the top moves into .tts/ silently: a killed
    build's swap folder (its episode then put back as before), the feed's state and backup;
    its empty lock files go. Anything else, a user's own dotfile too, stays."""
    episode(tmp_path / f".old-{SLUG}-x1y2z3" / "episode", "old")
    episode(tmp_path / f".tmp-{SLUG}-a4b5c6", "new")
    (tmp_path / ".feed-state.json").write_text('{"guids": {}}', encoding="utf-8")
    (tmp_path / "feed.xml.bak-20260101T000000Z").write_text("<rss/>", encoding="utf-8")
    for lock in (f".{SLUG}.lock", ".feed.lock", ".index.html.lock"):
        (tmp_path / lock).touch()
    (tmp_path / ".htaccess").write_text("Deny from all", encoding="utf-8")
    (tmp_path / ".notes.lock").write_text("a user's, not empty", encoding="utf-8")
    assert recover_all(tmp_path) == [SLUG]
    top = sorted(p.name for p in tmp_path.iterdir())
    assert top == [".htaccess", ".notes.lock", ".tts", SLUG]
    assert (tmp_path / SLUG / "episode.json").read_text() == "old"
    state = tmp_path / ".tts"
    assert (state / "feed-state.json").read_text() == '{"guids": {}}'
    assert (state / "feed.xml.bak-20260101T000000Z").read_text() == "<rss/>"
    assert leftovers(tmp_path) == []
    assert recover_all(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == top


def test_a_state_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".tts").symlink_to(elsewhere)
    refused = pytest.raises(ExportError, match=r"out/\.tts is a symbolic link")
    with refused, locked(tmp_path / "out", SLUG):
        pass
    assert list(elsewhere.iterdir()) == []
