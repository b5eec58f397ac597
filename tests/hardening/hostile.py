"""Helpers of the hardening tests: a corpus of hostile and broken inputs generated here
(nothing is downloaded), and running the CLI in a child process with its peak memory."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROSE = (
    "The foreign minister said on Monday that the talks in Geneva would resume next "
    "week. Officials from both sides met for six hours, according to a statement. "
    "“We made progress,” the minister told reporters after the meeting."
)
PAGE = (
    f"<html><head><title>Talks</title></head><body><article><p>{PROSE}</p></article></body></html>"
)

MB = 1024 * 1024


@dataclass(frozen=True)
class BadCorpus:
    """The corpus directory, what each bad input must be refused for (a piece of the
    reason), and the good inputs that must be stored."""

    root: Path
    refused: dict[str, str]
    stored: tuple[str, ...]


def _warc(pages: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i in range(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = PAGE.replace("six hours", f"{i + 2} hours").encode()
        record = writer.create_warc_record(
            f"https://example.com/{i}", "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()
    return out.getvalue()


def gzip_bomb(path: Path, *, expanded_mb: int) -> None:
    """A small gzip file that expands to ``expanded_mb`` MB of one repeated byte."""
    chunk = b"a" * MB
    with gzip.open(path, "wb", compresslevel=9) as gz:
        for _ in range(expanded_mb):
            gz.write(chunk)


def huge_line(path: Path, *, size_mb: int) -> None:
    """A ``size_mb`` MB text file without a single line break."""
    chunk = b"word " * (MB // 5)
    with path.open("wb") as fh:
        for _ in range(size_mb):
            fh.write(chunk)


ENTITY_BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 2 else "") + ";") * 10}">'
        for n in range(2, 10)
    )
    + ']>\n<rss version="2.0"><channel><title>Bomb</title><item><title>x</title>'
    "<description>&lol9;</description></item></channel></rss>"
)


def build_bad_corpus(root: Path) -> BadCorpus:
    """Write the corpus under ``root`` (see the module docstring of the tests)."""
    rng = random.Random(8)
    root.mkdir(parents=True, exist_ok=True)
    refused: dict[str, str] = {}
    stored: list[str] = []

    def bad(name: str, reason: str, data: bytes | None = None) -> Path:
        path = root / name
        if data is not None:
            path.write_bytes(data)
        refused[str(path)] = reason
        return path

    def good(name: str, data: bytes) -> None:
        (root / name.split("#")[0]).write_bytes(data)
        stored.append(str(root / name))

    bad("empty.txt", "empty input", b"")
    bad("blank.html", "empty input", b" \n\t\n")
    bad("random.txt", "binary", rng.randbytes(8192))
    bad("random.html", "binary", b"\x00" + rng.randbytes(8192))
    bad("random.json", "", rng.randbytes(4096))  # binary or invalid JSON: either is clear
    good("invalid-utf8.txt", PROSE.encode() + b" \xff\xfe\xc3\x28 tail.")
    good(
        "utf16.txt", ("Le ministre a dit que les négociations reprendraient. " * 4).encode("utf-16")
    )
    good(
        "russian.txt",
        ("Министр заявил, что переговоры продолжатся на следующей неделе. " * 3).encode(),
    )
    good("chinese.txt", ("部长表示，谈判将于下周在北京继续进行。" * 5).encode())
    good("arabic.txt", ("قال الوزير إن المحادثات ستستأنف الأسبوع المقبل في جنيف. " * 3).encode())
    huge_line(bad("huge-line.txt", "larger than the"), size_mb=100)
    # 100,000 nested elements: libxml2 stops at its depth limit, the page has no text.
    bad("deep.html", "no text found", ("<div>" * 100_000 + "deep" + "</div>" * 100_000).encode())
    # Unclosed inline tags: read (libxml2 drops what lies deeper than 256 elements).
    good(
        "unclosed.html",
        f"<html><body><p>{PROSE} Unclosed.</p>{'<b><i>' * 50}</body></html>".encode(),
    )
    packed = gzip.compress(PROSE.encode() * 50)
    bad("truncated.txt.gz", "broken gzip", packed[: len(packed) // 2])
    warc = _warc(4)
    bad("truncated.warc.gz", "truncated", warc[: len(warc) * 5 // 6])
    (root / "entity-bomb.rss").write_text(ENTITY_BOMB, encoding="utf-8")  # read, unexpanded
    gzip_bomb(bad("gzip-bomb.txt.gz", "decompresses to more than"), expanded_mb=200)
    good(
        "bad-char-ref.rss#1",
        (
            "<rss><channel><title>T</title><item><title>x</title><description>"
            f"{PROSE} &#x110000; &#xD800; &#0;</description></item></channel></rss>"
        ).encode(),
    )
    lines = [
        json.dumps({"title": "A", "text": PROSE + " One."}),
        '{"title": "broken", "text": ',
        "",
    ]
    lines.append(json.dumps({"title": "B", "text": PROSE + " Again."}))
    (root / "records.jsonl").write_text("\n".join(lines), encoding="utf-8")
    refused[f"{root / 'records.jsonl'}#2"] = "invalid JSON"
    stored += [f"{root / 'records.jsonl'}#1", f"{root / 'records.jsonl'}#4"]
    bad("long.txt", "max_document_chars", ("All work and no play. " * 60_000).encode())
    os.mkfifo(root / "fifo.txt")
    refused[str(root / "fifo.txt")] = "not a regular file"
    loop = root / "loop"
    loop.mkdir()
    os.symlink("..", loop / "up")  # a directory symlink loop: walked once
    good("ok.txt", PROSE.encode())
    return BadCorpus(root, refused, tuple(stored))


# Runs the CLI in-process in a child interpreter and prints its peak resident memory
# (ru_maxrss, KB on Linux) as the last line of stderr.
_MEASURED = """
import resource, sys
from newsprism.cli import main
status = main(sys.argv[1:])
print(f"maxrss={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(status)
"""


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str
    peak_kb: int


def run_cli(*args: str, cwd: Path | None = None, timeout: float = 120) -> Run:
    """``newsprism ARGS`` in a child process: exit status, output, peak memory (KB)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSPRISM_")}
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd,
        env=env,
        check=False,
    )
    lines = done.stderr.rstrip("\n").split("\n")
    peak = int(lines[-1].removeprefix("maxrss=")) if lines[-1].startswith("maxrss=") else -1
    stderr = "\n".join(lines[:-1]) if peak >= 0 else done.stderr
    return Run(done.returncode, done.stdout, stderr, peak)


_PLACES = ("Geneva", "Kyiv", "Paris", "Nairobi", "Lima", "Osaka", "Oslo", "Cairo")
_PEOPLE = ("Maria Lopez", "John Smith", "Aiko Tanaka", "Omar Haddad", "Eva Novak")
_TOPICS = ("the budget", "a ceasefire", "the new port", "rail fares", "the flood defences")


def articles(count: int, *, seed: int = 2) -> list[str]:
    """``count`` distinct short articles (two or three sentences, a quote in most)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        place, person, topic = rng.choice(_PLACES), rng.choice(_PEOPLE), rng.choice(_TOPICS)
        text = (
            f"Officials in {place} met on day {i} to discuss {topic}, according to a "
            f"statement. {person} said the talks had made progress."
        )
        if i % 3:
            text += f' "We will meet again next week," {person.split()[0]} told reporters.'
        out.append(text)
    return out


def write_articles(root: Path, texts: list[str]) -> None:
    """Half of ``texts`` as plain-text files in sub-directories, half as one JSON Lines
    file: two readers, and documents stored while the reading goes on."""
    root.mkdir(parents=True, exist_ok=True)
    half = len(texts) // 2
    for i, text in enumerate(texts[:half]):
        folder = root / f"part{i // 100:02d}"
        folder.mkdir(exist_ok=True)
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
    with (root / "rest.jsonl").open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts[half:], half):
            fh.write(json.dumps({"title": f"Article {i}", "text": text}) + "\n")
