"""The package's shape (issue 16): folders by pipeline stage, imports only downstream."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tts

PACKAGE = Path(tts.__file__).parent
# A stage may import the base and the stages before it, never one after it.
RANK = {"types": 0, "errors": 0, "store": 0, "text": 1, "voice": 2, "audio": 3, "outputs": 4}
RANK |= {"episode": 0, "podcast": 5}
ORCHESTRATION = {"build", "batch", "follow", "cluster", "bench", "cli", "__init__", "__main__"}


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") >= 1 else ""


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tts."):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("tts.")}
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_import_runs_back_up(path: Path) -> None:
    own = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
    if own in ORCHESTRATION:
        return
    rank = RANK[own]
    for module in _imports(path):
        other = _part(module)
        if other in ORCHESTRATION:
            raise AssertionError(f"{path.name} imports {module}, an orchestrator")
        assert RANK[other] <= rank, f"{own} (stage {rank}) imports {module} (stage {RANK[other]})"
        if rank == 0 and other != own:
            assert other in ("types", "errors"), f"the base ({own}) imports a stage: {module}"


def test_top_level_is_short_and_folders_say_what_they_do() -> None:
    entries = [p for p in PACKAGE.iterdir() if p.name != "__pycache__"]
    assert len(entries) <= 17, sorted(p.name for p in entries)
    for folder in (p for p in entries if p.is_dir()):
        init = folder / "__init__.py"
        assert init.is_file(), folder.name
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and len(docstring) > 40, f"{folder.name}/__init__.py needs a docstring"
