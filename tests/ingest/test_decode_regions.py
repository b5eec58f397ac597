"""Decoding per line: a stray bad byte costs that character, not the file (issue 18, item 3)."""

from __future__ import annotations

import logging

import pytest

from newsprism.ingest.decode import decode_bytes, decode_lines

UTF8 = "He said “no” and left.\nIt’s over, said the café owner.\n"


def test_a_stray_byte_in_utf8_costs_one_character(caplog: pytest.LogCaptureFixture) -> None:
    data = UTF8.encode()
    data = data[:8] + b"\xff" + data[8:]
    with caplog.at_level(logging.WARNING, logger="newsprism"):
        text = decode_bytes(data, source="story.txt")
    assert text == UTF8[:8] + "\ufffd" + UTF8[8:]
    assert "â€" not in text
    assert "story.txt: 1 byte not valid UTF-8 replaced" in caplog.text


def test_a_windows_1252_file_still_reads_as_windows_1252() -> None:
    text = "It’s a “quote” — café\n"
    assert decode_bytes(text.encode("cp1252"), source="x") == text


def test_mixed_lines_each_keep_their_encoding() -> None:
    data = "“utf-8” line\n".encode() + "’cp1252’ line\r\n".encode("cp1252") + b"\x81\n"
    text, replaced = decode_lines(data)
    assert text == "“utf-8” line\n’cp1252’ line\r\n\x81\n"
    assert replaced == 0
    assert len(text.splitlines()) == 3
