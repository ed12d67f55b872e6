"""Publishing the output folder as the README says: the upload carries everything public and
none of the tool's own state (locks, the feed's state and backups, work folders, settings);
intro and jingle are documented where a podcaster looks (README, `tts feed init --help`)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

from helpers import require_tool
from typer.testing import CliRunner

from tts.cli import _register, app
from tts.podcast.config import PodcastConfig, config_to_toml, load_config
from tts.text import SAMPLE_ARTICLE

README = Path(__file__).resolve().parents[2] / "README.md"
_register()


def tts(*args: str, cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tts", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


def files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def readme_upload() -> list[str]:
    (line,) = [line for line in README.read_text("utf-8").splitlines() if line.startswith("rsync")]
    return shlex.split(line)


def test_the_readme_upload_carries_everything_public_and_nothing_private(tmp_path: Path) -> None:
    require_tool("rsync")
    (tmp_path / "article.md").write_bytes(SAMPLE_ARTICLE.read_bytes())
    init = ["--title", "Тест", "--author", "Редакция", "--email", "p@example.org"]
    tts("feed", "init", "output", *init, "--base-url", "https://example.org/pod/", cwd=tmp_path)
    tts("build", "article.md", "-o", "output", "--engine", "espeak", "-q", "--feed", cwd=tmp_path)
    feed = tmp_path / "output" / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"<title>", b"<title>EDITED ", 1))
    tts("feed", "build", "output", cwd=tmp_path)  # backs the hand edit up
    state = files(tmp_path / "output" / ".tts")
    assert {"feed-state.json", "feed.lock", "library.lock"} <= state
    assert any(name.startswith("feed.xml.bak-") for name in state)

    command = readme_upload()
    assert command[-2] == "output/"
    command[-1] = str(tmp_path / "host") + "/"  # user@host:/var/www/podcast/ in the README
    subprocess.run(command, cwd=tmp_path, check=True, timeout=60)

    sent, kept = files(tmp_path / "host"), files(tmp_path / "output")
    assert sent == {f for f in kept if not f.startswith(".tts/") and f != "podcast.toml"}
    assert not [f for f in sent if any(part.startswith(".") for part in Path(f).parts)]
    assert {"feed.xml", "index.html"} <= sent and any(f.endswith(".mp3") for f in sent)


def test_intro_and_jingle_are_documented_with_defaults_and_an_example(tmp_path: Path) -> None:
    """They worked, but appeared in no README and no --help."""
    shown = CliRunner().invoke(app, ["feed", "init", "--help"]).output
    readme = README.read_text("utf-8")
    for text in (shown, readme):
        assert re.search(r"intro = true .*\(default: false\)", text, flags=re.DOTALL)
        assert re.search(r'jingle = "jingle\.mp3" .*\(default: none\)', text, flags=re.DOTALL)
        assert "Аудиоверсия статьи «<title>»" in text
    # the README's example is a podcast.toml that loads
    (example,) = re.findall(r"```toml\n(.*?)```", readme, flags=re.DOTALL)
    (tmp_path / "jingle.mp3").write_bytes(b"")
    base = PodcastConfig("Т", "Р", "p@example.org", "https://example.org/", "О")
    text = config_to_toml(base).replace("intro = false\n", "") + example
    (tmp_path / "podcast.toml").write_text(text, "utf-8")
    config = load_config(tmp_path)
    assert (config.intro, config.jingle) == (True, "jingle.mp3")
