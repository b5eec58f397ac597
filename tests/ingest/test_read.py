from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path

import pytest

from newsprism import InputFailure, Settings, UnreadableInput, read
from newsprism.ingest import expand_inputs, read_document
from newsprism.ingest.decode import decode_bytes, sniff_encoding


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("Kyiv – “quoted”".encode(), "utf-8", "Kyiv – “quoted”"),
        ("Kyiv – “quoted”".encode("utf-16"), "utf-16", "Kyiv – “quoted”"),
        ("\ufeffKyiv".encode(), "utf-8-sig", "Kyiv"),
        ("café “x”".encode("cp1252"), "cp1252", "café “x”"),
        (b"caf\xe9 \x81", "latin-1", "caf\xe9 \x81"),
    ],
)
def test_decode_detects_encoding(data: bytes, encoding: str, text: str) -> None:
    assert sniff_encoding(data) == encoding
    assert decode_bytes(data, source="x") == text


def test_binary_is_refused_with_the_source_named() -> None:
    with pytest.raises(UnreadableInput) as info:
        decode_bytes(b"\x00\x01\x02PK\x03\x04" * 100, source="blob.txt")
    assert info.value.source == "blob.txt"
    assert "binary" in info.value.reason


def test_directory_walk_is_recursive_sorted_and_survives_symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    found = list(expand_inputs([str(tmp_path)]))
    assert found == [str(tmp_path / "one.txt"), str(tmp_path / "b" / "two.txt")]


def test_missing_path_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine text here.", encoding="utf-8")
    docs, failures = read(
        [str(tmp_path / "ok.txt"), str(tmp_path / "nope.txt")], settings=Settings()
    )
    assert [d.text for d in docs] == ["Fine text here."]
    assert failures == [
        InputFailure(
            str(tmp_path / "nope.txt"), f"{tmp_path / 'nope.txt'}: no such file or directory"
        )
    ]


def test_gzip_text_and_duplicates_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same words.", encoding="utf-8")
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Same words."))
    docs, failures = read([str(tmp_path)], settings=Settings())
    assert failures == []
    assert len(docs) == 1


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(UnreadableInput, match="limit"):
        read_document(str(path), settings=Settings(max_document_bytes=1000))


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    docs, failures = read([str(path)], settings=Settings())
    assert docs == [] and "empty" in failures[0].error


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"From stdin."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    doc = read_document("-", settings=Settings(outlet="Pasted"))
    assert doc.text == "From stdin." and doc.source == "-" and doc.outlet == "Pasted"


def test_same_text_same_id(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("Identical.", encoding="utf-8")
    (tmp_path / "y.md").write_text("Identical.", encoding="utf-8")
    a = read_document(str(tmp_path / "x.txt"), settings=Settings())
    b = read_document(str(tmp_path / "y.md"), settings=Settings())
    assert a.id == b.id and len(a.id) == 16


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Kyiv – “quoted” text.".encode(), "Kyiv – “quoted” text."),
        ("Kyiv – “quoted” text.".encode("utf-16"), "Kyiv – “quoted” text."),
        ("Kyiv – “quoted” text.".encode("cp1252"), "Kyiv – “quoted” text."),
        ("Zürich café.".encode("latin-1"), "Zürich café."),
        (b"Broken \xff\xfe\x81 bytes but a line.", "Broken ÿþ\x81 bytes but a line."),
    ],
)
def test_files_in_every_encoding_are_read(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_document(str(path), settings=Settings()).text == expected


def test_html_meta_charset_and_invalid_bytes(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='windows-1251'><title>Т</title></head>"
        "<body><p>Москва сообщила, что переговоры продолжатся.</p></body></html>"
    )
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    doc = read_document(str(path), settings=Settings())
    assert "Москва сообщила" in doc.text
    broken = tmp_path / "broken.html"
    broken.write_bytes(b"<html><body><p>Caf\xc3 \xff\xfe ok text</p></body></html>")
    assert "ok text" in read_document(str(broken), settings=Settings()).text


def test_language_is_flagged_not_mangled(tmp_path: Path) -> None:
    text = "Le ministre a déclaré que les négociations se poursuivront pendant une semaine et que"
    text += " les deux délégations ont accepté de rester dans la capitale pour la suite."
    path = tmp_path / "fr.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(str(path), settings=Settings())
    assert doc.language == "fr" and doc.text == text
