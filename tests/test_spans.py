"""Every span newsprism reports is exactly the text it points at."""

from __future__ import annotations

from newsprism import Corpus
from newsprism.export import analysis_record


def _spans(record: dict) -> list[dict]:  # type: ignore[type-arg]
    out = list(record["boilerplate"]) + list(record["entities"])
    for q in record["quotes"]:
        out.append(q)
        if q["speaker"]:
            out.append(q["speaker"])
        if q["cue"]:
            out.append(q["cue"])
    return out


def test_every_reported_span_matches_its_text(seeds_corpus: Corpus) -> None:
    checked = 0
    for analysis in seeds_corpus.analyses:
        record = analysis_record(analysis)
        text = record["text"]
        for span in _spans(record):
            assert text[span["start"] : span["end"]] == span["text"], span
            checked += 1
    assert checked > 100
