from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsprism.cli import app, main

NEWSPRISM = [sys.executable, "-m", "newsprism"]


def _run(args: list[str], tmp_path: Path, **kw) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    env = {**os.environ, "NEWSPRISM_DB": str(tmp_path / "cli.db"), "COLUMNS": "100"}
    return subprocess.run(
        NEWSPRISM + args, capture_output=True, text=True, env=env, timeout=300, **kw
    )


def test_help_is_fast(tmp_path: Path) -> None:
    # Against the CLI framework's own import, timed in the same run: on a loaded,
    # shared machine both slow down alike, so a fixed limit alone would be noise.
    best = min(_timed(tmp_path) for _ in range(5))
    framework = min(_timed_framework() for _ in range(5))
    assert best < max(0.5, 2 * framework), (
        f"newsprism --help took {best:.2f}s; importing typer and rich alone {framework:.2f}s"
    )


def _timed_framework() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import typer, rich.console"], check=True, timeout=60)
    return time.perf_counter() - start


def _timed(tmp_path: Path) -> float:
    start = time.perf_counter()
    result = _run(["--help"], tmp_path)
    elapsed = time.perf_counter() - start
    assert result.returncode == 0 and "brief" in result.stdout
    return elapsed


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from newsprism.cli import main; "
        "sys.argv=['newsprism','--help']\n"
        "try: main()\nexcept SystemExit: pass\n"
        "heavy=[m for m in ('spacy','sklearn','trafilatura','numpy') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_every_command_has_help() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert command.help and len(command.help) > 20, name
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name}"


@pytest.mark.slow
def test_extract_json_lines_with_a_bad_file(seeds_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 64)
    seed = next(seeds_dir.glob("000_*.txt"))
    result = _run(["extract", "--json", str(seed), str(bad)], tmp_path)
    assert result.returncode == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2
    good, failed = lines
    for key in (
        "source",
        "id",
        "title",
        "outlet",
        "published",
        "text",
        "body",
        "boilerplate",
        "entities",
        "quotes",
    ):
        assert key in good
    assert good["source"] == str(seed)
    assert failed == {"source": str(bad), "error": f"{bad}: not text (binary content)"}
    err_lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(err_lines) == 1 and str(bad) in err_lines[0]
    assert "Traceback" not in result.stderr


def test_missing_store_directory_error_is_one_line(tmp_path: Path) -> None:
    result = _run(["--db", "/proc/definitely/not/here.db", "ingest", str(tmp_path)], tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_ingest_twice(seeds_dir: Path, tmp_path: Path) -> None:
    first = _run(["ingest", str(seeds_dir)], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "5 new, 0 already stored" in first.stderr
    second = _run(["ingest", str(seeds_dir)], tmp_path)
    assert "0 new, 5 already stored" in second.stderr


def test_main_returns_status_for_usage_errors() -> None:
    assert main(["brief", "--format", "nope"]) == 2
