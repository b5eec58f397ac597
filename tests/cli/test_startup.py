"""Start-up: a step loads only the heavy libraries it needs (issue 18, item 7)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_cluster_of_one_file_loads_neither_the_sentence_model_nor_sklearn(
    seed_paths: list[Path], tmp_path: Path
) -> None:
    code = (
        "import sys\n"
        "from newsprism.cli import main\n"
        f"status = main(['--db', {str(tmp_path / 'x.db')!r}, 'cluster', '--json', "
        f"{str(seed_paths[0])!r}])\n"
        "heavy = [m for m in ('sentence_transformers', 'torch', 'sklearn', 'spacy') "
        "if m in sys.modules]\n"
        "print(status, heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"
