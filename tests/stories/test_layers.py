"""The stories code imports one way, and the store imports none of it (issue 16)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "newsprism"
# Each module of newsprism.stories may import only those before it.
LAYERS = ("words", "story", "similarity", "index", "cluster", "place")


def _newsprism_imports(path: Path, package: str) -> set[str]:
    """Every newsprism module ``path`` imports, at the top or inside functions."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.add(target)
            out |= {f"{target}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m.startswith("newsprism")}


def test_the_store_imports_neither_the_pipeline_nor_the_stories() -> None:
    for path in sorted((SRC / "store").glob("*.py")):
        imported = _newsprism_imports(path, "newsprism.store")
        reaching = {
            m for m in imported if m.startswith(("newsprism.pipeline", "newsprism.stories"))
        }
        assert not reaching, f"{path.name} imports {sorted(reaching)}"


def test_importing_and_using_the_store_loads_no_pipeline_module() -> None:
    code = (
        "import sys\n"
        "from newsprism.store import open_store\n"
        "with open_store(':memory:') as store:\n"
        "    with store.story_index() as index:\n"
        "        index.candidates(['word'], since_day=None)\n"
        "    store.stories()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('newsprism.pipeline', "
        "'newsprism.stories'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_stories_modules_import_one_way() -> None:
    for k, name in enumerate(LAYERS):
        imported = _newsprism_imports(SRC / "stories" / f"{name}.py", "newsprism.stories")
        inside = {m.split(".")[2] for m in imported if m.startswith("newsprism.stories.")}
        later = inside & set(LAYERS[k + 1 :])
        assert not later, f"stories/{name}.py imports later layers {sorted(later)}"
    assert sorted(p.stem for p in (SRC / "stories").glob("*.py")) == sorted(("__init__", *LAYERS))
