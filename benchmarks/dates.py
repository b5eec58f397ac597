"""Date benchmark (issue 14): TimeML DATE values on TimeBank, newsprism against dateparser.

    .venv/bin/python benchmarks/dates.py [--data ../shared/data/timebank] [--show N]
        [--cache DIR]

Each TimeBank document's ``<TEXT>`` with its tags stripped becomes a plain-text
:class:`~newsprism.models.Document` whose ``published`` is the document's DCT; it then
takes the normal input path: ``clean``, newsprism's spaCy pipeline, ``extract_dates``.

Gold: every ``TIMEX3`` of type DATE whose value is a calendar value (it starts with a
digit: ``1998-01-08``, ``1998-W02``, ``1989-Q3``, ``1998``; not ``PRESENT_REF``).
Scoring (value F1): a prediction with a value is *correct* when it overlaps a gold
calendar DATE with the same value (each gold counted once), *wrong* when it overlaps
one with another value, a DATE without a calendar value (a year for "several years
ago", which is ``PAST_REF``) or a TIME on another day, *ignored* when it overlaps only
a SET or a TIME on the same day ("Friday" in "Friday night", ``1998-08-07TNI``), and a
*false alarm* otherwise -- on a DURATION or on no temporal expression at all.
Precision = correct / (correct + wrong + false alarms); recall = correct / gold.

Peer, in the same run: dateparser's ``search_dates`` over the same body with the DCT
as ``RELATIVE_BASE``; each found phrase gets the granularity dateparser reports for it
(``get_date_data``'s period) and the TimeML value at that granularity.

Splits: documents in name order; ``dev`` is every even-numbered one (the rules were
developed looking at its errors only), ``held-out`` every odd-numbered one (never
inspected). The figure to quote is ``held-out``; ``all`` is reported too.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsprism.models import Document
from newsprism.pipeline.annotate import load_pipeline
from newsprism.pipeline.clean import clean
from newsprism.pipeline.date_values import value_of
from newsprism.pipeline.dates import extract_dates
from newsprism.settings import Settings

_CALENDAR = re.compile(r"^\d")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    kind: str
    value: str
    text: str


@dataclass(frozen=True)
class TimeBankDoc:
    name: str
    dct: str
    text: str
    timexes: tuple[Timex, ...]


def load_timebank(folder: Path) -> list[TimeBankDoc]:
    """Every ``.tml`` document of ``folder``: plain text, DCT and gold TIMEX3 spans."""
    docs = []
    for path in sorted(folder.glob("*.tml")):
        root = ET.parse(path).getroot()
        dct_node = root.find("DCT/TIMEX3")
        text_node = root.find("TEXT")
        if dct_node is None or text_node is None:
            continue
        pieces: list[str] = []
        timexes: list[Timex] = []
        _walk(text_node, pieces, timexes)
        text = "".join(pieces)
        timexes = [Timex(t.start, t.end, t.kind, t.value, text[t.start : t.end]) for t in timexes]
        docs.append(TimeBankDoc(path.stem, dct_node.get("value", ""), text, tuple(timexes)))
    return docs


def _walk(node: ET.Element, pieces: list[str], timexes: list[Timex]) -> None:
    """Append ``node``'s text to ``pieces`` and its TIMEX3 spans (offsets into the joined
    text) to ``timexes``, depth first."""
    start = sum(len(p) for p in pieces)
    pieces.append(node.text or "")
    for child in node:
        _walk(child, pieces, timexes)
        pieces.append(child.tail or "")
    if node.tag == "TIMEX3":
        end = sum(len(p) for p in pieces)
        timexes.append(Timex(start, end, node.get("type", ""), node.get("value", ""), ""))


@dataclass
class Score:
    correct: int = 0
    wrong: int = 0
    false_alarm: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.correct += other.correct
        self.wrong += other.wrong
        self.false_alarm += other.false_alarm
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.correct / max(self.correct + self.wrong + self.false_alarm, 1)

    @property
    def recall(self) -> float:
        return self.correct / max(self.gold, 1)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score(
    doc: TimeBankDoc, predicted: list[tuple[int, int, str]], misses: list[str] | None = None
) -> Score:
    """Value precision/recall of ``predicted`` (start, end, value) against ``doc``."""
    gold = [t for t in doc.timexes if t.kind == "DATE" and _CALENDAR.match(t.value)]
    result = Score(gold=len(gold))
    used: set[int] = set()
    for start, end, value in predicted:
        overlapping = [t for t in doc.timexes if t.start < end and start < t.end]
        calendar = [i for i, t in enumerate(gold) if t.start < end and start < t.end]
        if calendar:
            hit = next((i for i in calendar if gold[i].value == value and i not in used), None)
            if hit is not None:
                used.add(hit)
                result.correct += 1
            else:
                result.wrong += 1
                if misses is not None:
                    g = gold[calendar[0]]
                    misses.append(f"WRONG {doc.name} {g.text!r} gold={g.value} got={value}")
        elif any(t.kind == "SET" for t in overlapping) or any(
            t.kind == "TIME" and t.value.startswith(value) for t in overlapping
        ):
            continue
        elif any(t.kind in {"TIME", "DATE"} for t in overlapping):
            # a day other than the TIME's, or a calendar value where the gold has none
            # ("several years ago" is PAST_REF): a wrong date all the same
            result.wrong += 1
            if misses is not None:
                t = next(t for t in overlapping if t.kind in {"TIME", "DATE"})
                misses.append(f"WRONG {doc.name} {t.text!r} gold={t.value} got={value}")
        else:
            result.false_alarm += 1
            if misses is not None:
                what = overlapping[0].kind if overlapping else "nothing"
                misses.append(
                    f"FALSE {doc.name} on {what}: {doc_text(doc, start, end)!r} -> {value}"
                )
    if misses is not None:
        for i, g in enumerate(gold):
            if i not in used and not any(g.start < e and s < g.end for s, e, _ in predicted):
                misses.append(f"MISSED {doc.name} {doc_text(doc, g.start, g.end)!r} gold={g.value}")
    return result


def doc_text(doc: TimeBankDoc, start: int, end: int) -> str:
    return " ".join(doc.text[max(0, start - 25) : end + 25].split()).replace(
        " ".join(doc.text[start:end].split()), "[" + " ".join(doc.text[start:end].split()) + "]"
    )


def newsprism_dates(
    docs: list[TimeBankDoc], *, settings: Settings, cache: Path | None = None
) -> list[list[tuple[int, int, str]]]:
    """newsprism's dates of each document through the normal input path; with
    ``cache``, spaCy's parses are kept there between runs (keyed by the body text)."""
    from spacy.tokens import DocBin

    nlp = load_pipeline(settings.spacy_model)
    articles = [
        clean(Document(id=d.name, source=f"{d.name}.txt", text=d.text, published=d.dct))
        for d in docs
    ]
    key = hashlib.sha1("\0".join(a.body for a in articles).encode()).hexdigest()[:16]
    stored = cache / f"timebank-{key}.spacy" if cache else None
    if stored is not None and stored.exists():
        parsed = list(DocBin().from_disk(stored).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe(a.body for a in articles))
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=parsed).to_disk(stored)
    return [
        [(e.start, e.end, e.value) for e in extract_dates(article, doc) if e.value]
        for article, doc in zip(articles, parsed, strict=True)
    ]


def dateparser_dates(docs: list[TimeBankDoc]) -> list[list[tuple[int, int, str]]]:
    """dateparser's dates of each document, relative to its DCT."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out = []
    for d in docs:
        base = datetime.fromisoformat(d.dct[:10])
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
        found = search_dates(d.text, languages=["en"], settings=settings) or []
        parser = DateDataParser(languages=["en"], settings=settings)
        predicted, cursor = [], 0
        for phrase, when in found:
            start = d.text.find(phrase, cursor)
            if start < 0:
                continue
            cursor = start + len(phrase)
            period = parser.get_date_data(phrase).period or "day"
            predicted.append((start, cursor, value_of(when.date(), period)))
        out.append(predicted)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default="../shared/data/timebank")
    parser.add_argument("--show", type=int, default=0, help="print N errors of the dev split")
    parser.add_argument("--cache", type=Path, help="keep spaCy's parses in this folder")
    args = parser.parse_args()
    folder = Path(args.data)
    if not folder.is_dir():
        sys.exit(f"no TimeBank data at {folder}")
    docs = load_timebank(folder)
    splits = {"dev": docs[0::2], "held-out": docs[1::2], "all": docs}
    t0 = time.perf_counter()
    ours = dict(
        zip(
            (d.name for d in docs),
            newsprism_dates(docs, settings=Settings(), cache=args.cache),
            strict=True,
        )
    )
    t1 = time.perf_counter()
    peer = dict(zip((d.name for d in docs), dateparser_dates(docs), strict=True))
    t2 = time.perf_counter()
    misses: list[str] = []
    print(f"TimeBank: {len(docs)} documents; newsprism {t1 - t0:.0f}s, dateparser {t2 - t1:.0f}s")
    print(
        f"{'split':9} {'docs':>4} {'gold':>5}  {'newsprism P/R/F1':>20}  "
        f"{'dateparser P/R/F1':>20}  ratio"
    )
    for name, subset in splits.items():
        a, b = Score(), Score()
        for d in subset:
            a.add(score(d, ours[d.name], misses if name == "dev" else None))
            b.add(score(d, peer[d.name]))
        print(
            f"{name:9} {len(subset):>4} {a.gold:>5}  "
            f"{a.precision:6.3f}{a.recall:6.3f}{a.f1:7.3f}   "
            f"{b.precision:6.3f}{b.recall:6.3f}{b.f1:7.3f}"
            f"  {a.f1 / max(b.f1, 1e-9):5.2f}x"
        )
    for line in misses[: args.show]:
        print(line)


if __name__ == "__main__":
    main()
