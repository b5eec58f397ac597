"""Content ids, and exact copies run by another outlet kept as documents of their own."""

from __future__ import annotations

import json
from pathlib import Path

from newsprism import Settings
from newsprism.api import read, store_inputs
from newsprism.ingest.ids import content_id, is_other_outlet, keyed_document, outlet_copy
from newsprism.models import Document
from newsprism.store import open_store

TEXT = "Lavrov rules out compromise\n\nRussia rejected European peacekeepers on Thursday.\n"


def _doc(outlet: str | None, source: str = "x.txt") -> Document:
    return Document(id=content_id(TEXT), source=source, text=TEXT, outlet=outlet)


def test_same_text_same_outlet_is_one_document() -> None:
    wire = _doc("AP")
    assert keyed_document(_doc("ap ", "y.txt"), {wire.id: wire}.get).id == wire.id
    assert keyed_document(_doc(None, "y.txt"), {wire.id: wire}.get).id == wire.id


def test_same_text_another_outlet_is_its_copy() -> None:
    wire = _doc("AP")
    portal = keyed_document(_doc("Yahoo News"), {wire.id: wire}.get)
    assert portal.id != wire.id and portal.id == outlet_copy(_doc("yahoo news")).id
    assert portal.text == wire.text and portal.outlet == "Yahoo News"
    assert is_other_outlet(_doc(None), _doc("AP")) and not is_other_outlet(_doc("AP"), _doc(None))


def _records(folder: Path) -> list[str]:
    paths = []
    for name, outlet in [("ap", "AP"), ("yahoo", "Yahoo News"), ("ap-again", "AP")]:
        path = folder / f"{name}.json"
        path.write_text(json.dumps({"text": TEXT, "outlet": outlet}), encoding="utf-8")
        paths.append(str(path))
    other = folder / "other.json"
    other.write_text(json.dumps({"text": TEXT + "More.\n", "outlet": "AP"}), encoding="utf-8")
    return [*paths, str(other)]


def test_read_keeps_the_copy_of_another_outlet(tmp_path: Path, settings: Settings) -> None:
    documents, failures = read(_records(tmp_path), settings=settings)
    assert not failures
    assert [d.outlet for d in documents] == ["AP", "Yahoo News", "AP"]


def test_ingest_stores_the_copy_and_counts_it_new(tmp_path: Path, settings: Settings) -> None:
    paths = _records(tmp_path)
    report = store_inputs(paths[:3], settings=settings, analyse=False)
    assert (report.added, report.unchanged) == (2, 0)
    again = store_inputs(paths[1:], settings=settings, analyse=False)
    assert (again.added, again.unchanged) == (1, 2)
    with open_store(settings.db) as store:
        outlets = sorted(d.outlet or "" for d in store.documents())
    assert outlets == ["AP", "AP", "Yahoo News"]
