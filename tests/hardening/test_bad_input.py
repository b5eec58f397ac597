"""Hostile and broken inputs: one clear line each, the rest of the batch stored, exit
status 1, no traceback (unless --debug), memory bounded by the configured caps."""

from __future__ import annotations

import gzip
import importlib
import os
import sqlite3
import sys
from pathlib import Path

import pytest
from hostile import ENTITY_BOMB, PROSE, BadCorpus, gzip_bomb, huge_line, run_cli

from newsprism import Document, InputFailure, Settings, load_settings, read
from newsprism.ingest import read_inputs


def _stored_sources(db: Path) -> set[str]:
    con = sqlite3.connect(db)
    try:
        return {row[0] for row in con.execute("SELECT source FROM document_sources")}
    finally:
        con.close()


def test_each_bad_input_is_one_line_and_the_batch_completes(
    bad_corpus: BadCorpus, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    run = run_cli("--db", str(db), "ingest", "--no-analyse", str(bad_corpus.root))
    assert run.status == 1, run.stderr
    assert "Traceback" not in run.stderr
    skipped = [line for line in run.stderr.splitlines() if line.startswith("newsprism: skipped")]
    # One line per bad input, naming it and the reason.
    for source, reason in bad_corpus.refused.items():
        lines = [line for line in skipped if line.startswith(f"newsprism: skipped {source}:")]
        assert len(lines) == 1, (source, skipped)
        assert reason in lines[0], (reason, lines[0])
    named = {line.split(": ")[1].removeprefix("skipped ") for line in skipped}
    assert named <= set(bad_corpus.refused) | {str(bad_corpus.root / "random.json")}
    # Everything else was stored, the symlink loop walked once.
    stored = _stored_sources(db)
    assert set(bad_corpus.stored) <= stored
    assert not any("/loop/" in s for s in stored)
    assert "Ingested into" in run.stderr


def test_debug_shows_the_traceback(bad_corpus: BadCorpus, tmp_path: Path) -> None:
    bomb = str(bad_corpus.root / "truncated.txt.gz")
    run = run_cli("--debug", "--db", str(tmp_path / "s.db"), "ingest", "--no-analyse", bomb)
    assert run.status == 1
    assert "Traceback" in run.stderr and "broken gzip" in run.stderr


def test_what_is_read_from_hostile_files(bad_corpus: BadCorpus) -> None:
    settings = Settings()
    docs = {d.source: d for d in read([str(bad_corpus.root)], settings=settings)[0]}
    root = bad_corpus.root
    assert docs[str(root / "utf16.txt")].text.startswith("Le ministre a dit")
    assert docs[str(root / "utf16.txt")].language == "fr"
    assert "\ufffd" in docs[str(root / "invalid-utf8.txt")].text or "ÿ" in (
        docs[str(root / "invalid-utf8.txt")].text
    )
    assert docs[str(root / "russian.txt")].language == "ru"
    assert docs[str(root / "chinese.txt")].language == "zh"
    assert docs[str(root / "arabic.txt")].language == "ar"
    # The entity bomb stays unexpanded: a few bytes, not a billion "lol"s.
    bomb = docs.get(f"{root / 'entity-bomb.rss'}#1")
    assert bomb is None or len(bomb.text) < 1000
    assert PROSE in docs[f"{root / 'bad-char-ref.rss'}#1"].text


def test_an_unexpected_error_fails_one_input_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_pkg = importlib.import_module("newsprism.ingest")  # the API binds `ingest`

    def broken(data: bytes, **kwargs: object) -> Document:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(ingest_pkg._READERS, ".html", broken)
    (tmp_path / "a.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(PROSE, encoding="utf-8")
    results = list(read_inputs([str(tmp_path)], settings=Settings()))
    failures = [r for r in results if isinstance(r, InputFailure)]
    assert [r.source for r in results if isinstance(r, Document)] == [str(tmp_path / "b.txt")]
    assert len(failures) == 1
    assert "unexpected RecursionError" in failures[0].error
    assert failures[0].error.startswith(f"{tmp_path / 'a.html'}: ")


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Permission denied, simulated: tests run as root in CI, where chmod 000 does not
    stop reads (see the next test for the real thing)."""
    ingest_pkg = importlib.import_module("newsprism.ingest")  # the API binds `ingest`

    locked, fine = tmp_path / "locked.txt", tmp_path / "fine.txt"
    locked.write_text(PROSE, encoding="utf-8")
    fine.write_text(PROSE + " More.", encoding="utf-8")

    def deny(path: str, *args: object, **kwargs: object) -> object:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(ingest_pkg, "open", deny, raising=False)
    docs, failures = read([str(tmp_path)], settings=Settings())
    assert [d.source for d in docs] == [str(fine)]
    assert failures == [InputFailure(str(locked), f"{locked}: cannot read (Permission denied)")]


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root from reading (simulated above)",
)
def test_unreadable_file_and_directory(tmp_path: Path) -> None:
    locked, hidden = tmp_path / "locked.txt", tmp_path / "closed"
    locked.write_text(PROSE, encoding="utf-8")
    hidden.mkdir()
    (hidden / "inside.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(PROSE + " More.", encoding="utf-8")
    locked.chmod(0)
    hidden.chmod(0)
    try:
        docs, failures = read([str(tmp_path)], settings=Settings())
    finally:
        locked.chmod(0o644)
        hidden.chmod(0o755)
    assert [d.source for d in docs] == [str(tmp_path / "fine.txt")]
    assert sorted(f.error for f in failures) == [
        f"{hidden}: cannot read directory (Permission denied)",
        f"{locked}: cannot read (Permission denied)",
    ]


def test_jsonl_is_streamed_with_a_cap_per_line(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl.gz"
    long_line = '{"text": "' + "x " * 600 + '"}'
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(300):
            fh.write(f'{{"text": "Article number {i}. {PROSE}"}}\n')
        fh.write(long_line + "\n")
        fh.write('{"text": "After the long line."}\n')
    # The file is far larger than the cap; each line but one is under it.
    settings = Settings(max_document_bytes=1000)
    docs, failures = read([str(path)], settings=settings)
    assert len(docs) == 301
    assert [f.source for f in failures] == [f"{path}#301"]
    assert "line longer than the 1,000-byte limit" in failures[0].error


def test_caps_come_from_the_settings_file(tmp_path: Path) -> None:
    config = tmp_path / "newsprism.toml"
    config.write_text(
        "[newsprism]\nmax_document_bytes = 4096\nmax_document_chars = 100\n", encoding="utf-8"
    )
    settings = load_settings(config=config, environ={})
    assert (settings.max_document_bytes, settings.max_document_chars) == (4096, 100)
    (tmp_path / "a.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("x " * 3000, encoding="utf-8")
    docs, failures = read([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], settings=settings)
    assert docs == []
    assert "max_document_chars" in failures[0].error
    assert "4,096-byte limit" in failures[1].error


# Peak memory of `ingest --no-analyse` on the bombs, over the same run on one small
# file. The bombs would take hundreds of MB if read whole; with 5 MB caps the reading
# costs a small multiple of the cap (the bytes, their decoded text, one copy).
CAP_MB = 5
ALLOWED_EXTRA_MB = 12 * CAP_MB


def test_memory_stays_bounded_on_bombs(tmp_path: Path) -> None:
    corpus = tmp_path / "bombs"
    corpus.mkdir()
    gzip_bomb(corpus / "bomb.txt.gz", expanded_mb=200)
    gzip_bomb(corpus / "bomb.jsonl.gz", expanded_mb=200)  # one endless line
    gzip_bomb(corpus / "bomb.html.gz", expanded_mb=200)
    huge_line(corpus / "line.txt", size_mb=100)
    (corpus / "entities.rss").write_text(ENTITY_BOMB, encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text(PROSE, encoding="utf-8")
    config = tmp_path / "caps.toml"
    config.write_text(f"max_document_bytes = {CAP_MB * 1024 * 1024}\n", encoding="utf-8")

    def ingest(path: Path) -> tuple[int, str]:
        db = tmp_path / f"{path.name}.db"
        run = run_cli("--config", str(config), "--db", str(db), "ingest", "--no-analyse", str(path))
        assert run.peak_kb > 0, run.stderr
        return run.peak_kb, run.stderr

    baseline, _ = ingest(small)
    peak, stderr = ingest(corpus)
    assert "decompresses to more than" in stderr and "larger than the" in stderr
    assert "line longer than" in stderr  # the JSON Lines bomb, one line
    assert (peak - baseline) / 1024 < ALLOWED_EXTRA_MB, (baseline, peak, stderr)
