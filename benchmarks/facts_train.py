"""Fit the same-fact model (newsprism.pipeline.same_fact) and check it.

Rows are sentence pairs described by ``same_fact.FEATURES``:

* basil-facts: every candidate pair (``same_fact.candidate_pairs``) of claims from
  two articles of one triplet, labelled same when both claims hold a mention of one
  listed fact;
* MRPC train: every pair, labelled as MRPC labels it (no ranks, no claim fields).

It prints, for the model with embeddings (``--words``: without them) fitted
leave-one-triplet-out, the candidates' recall of the listed same-fact pairs and the
held-out pair AUC; and the MRPC test accuracy of the model fitted on MRPC train and all
twelve triplets, against word overlap (a threshold on the word Jaccard fitted on MRPC
train) and always-yes. ``--write`` refits on everything and writes
``src/newsprism/data/same_fact_{semantic,words}.txt``.

    python benchmarks/facts_train.py --cache ../scratch/facts [--words] [--write]
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from _basil_facts import Triplet, load_triplets, overlaps
from newsprism.pipeline import same_fact

MRPC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mrpc"
DATA = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "data"

# LightGBM settings: small trees, as there are a few thousand rows; one thread, so
# that the fit is the same on every machine.
PARAMS = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 1,
    "deterministic": True,
    "seed": 7,
    "verbose": -1,
}
ROUNDS = 300


def story_sentences(triplet: Triplet) -> tuple[list[Any], list[int], list[tuple[int, Any]]]:
    """The claims of a triplet as same_fact sentences, their article index and
    ``(article index, claim)``."""
    from newsprism.pipeline.facts import claim_sentences

    sentences, groups, claims = [], [], []
    for k, analysis in enumerate(triplet.analyses):
        for claim, s in zip(analysis.claims, claim_sentences(analysis), strict=True):
            sentences.append(s)
            groups.append(k)
            claims.append((k, claim))
    return sentences, groups, claims


def vectors_of(triplet: Triplet, sentences: Sequence[Any], *, words: bool) -> Any:
    if words:
        return same_fact.word_vectors(sentences)
    return np.vstack([same_fact.unpack(a.claim_vectors) for a in triplet.analyses])


def basil_rows(triplet: Triplet, *, words: bool) -> tuple[list[list[float]], list[int], int]:
    """Feature rows and labels of a triplet's candidate pairs, and how many listed
    same-fact pairs there are in all (candidates or not)."""
    sentences, groups, claims = story_sentences(triplet)
    facts_of = []
    for k, claim in claims:
        article = triplet.analyses[k].article.id
        outlet = triplet.outlet_of[article]
        held = set()
        for fact in triplet.facts:
            for o, s, e in fact.mentions:
                # A mention is in the article of its outlet (one article per outlet).
                if o == outlet and overlaps(claim.start, claim.end, s, e):
                    held.add(fact.id)
        facts_of.append(held)
    positives = sum(
        1
        for i in range(len(claims))
        for j in range(i + 1, len(claims))
        if groups[i] != groups[j] and facts_of[i] & facts_of[j]
    )
    rows, labels = [], []
    vectors = vectors_of(triplet, sentences, words=words)
    for i, j, cosine, ranks in same_fact.candidate_pairs(groups, vectors):
        rows.append(same_fact.pair_features(sentences[i], sentences[j], cosine, ranks))
        labels.append(int(bool(facts_of[i] & facts_of[j])))
    return rows, labels, positives


def _detokenise(text: str) -> str:
    for a, b in ((" 's", "'s"), (" n't", "n't"), (" ,", ","), (" .", "."), ("$ ", "$")):
        text = text.replace(a, b)
    return text.replace(" %", "%").replace(" ;", ";").replace(" :", ":")


def mrpc_pairs(split: str) -> list[tuple[int, str, str]]:
    path = MRPC / f"msr_paraphrase_{split}.txt"
    if not path.exists():
        raise SystemExit(f"MRPC is missing: {path}")
    out = []
    with path.open(encoding="utf-8-sig") as f:
        # Quoted strings; in the test file a comma inside one is written as a tab.
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for row in reader:
            if len(row) == 5:
                a, b = (_detokenise(t.replace(" \t ", " , ").replace("\t", ",")) for t in row[3:])
                out.append((int(row[0]), a, b))
    return out


def mrpc_rows(
    split: str, *, words: bool, cache: Path | None
) -> tuple[list[list[float]], list[int], list[float]]:
    """Feature rows, labels and word Jaccards of the MRPC ``split``."""
    pairs = mrpc_pairs(split)
    sa = [same_fact.sentence(a) for _, a, _ in pairs]
    sb = [same_fact.sentence(b) for _, _, b in pairs]
    if words:
        cosines = []
        for a, b in zip(sa, sb, strict=True):
            m = same_fact.word_vectors([a, b])
            cosines.append(float(m[0] @ m[1]))
    else:
        stored = cache / f"mrpc_{split}.npy" if cache else None
        if stored and stored.exists():
            va, vb = np.load(stored)
        else:
            from newsprism.pipeline.semantic import embed

            va = embed([a for _, a, _ in pairs])
            vb = embed([b for _, _, b in pairs])
            if stored:
                np.save(stored, np.stack([va, vb]))
        cosines = [float(x) for x in (va * vb).sum(axis=1)]
    rows = [
        same_fact.pair_features(a, b, c, (-1, -1)) for a, b, c in zip(sa, sb, cosines, strict=True)
    ]
    jaccard = [r[same_fact.FEATURES.index("word_jaccard")] for r in rows]
    return rows, [q for q, _, _ in pairs], jaccard


def fit(rows: Sequence[Sequence[float]], labels: Sequence[int]) -> Any:
    import lightgbm

    data = lightgbm.Dataset(
        np.asarray(rows, dtype=np.float64),
        label=np.asarray(labels),
        feature_name=list(same_fact.FEATURES),
        free_raw_data=False,
    )
    return lightgbm.train(PARAMS, data, num_boost_round=ROUNDS)


def _auc(labels: Sequence[int], scores: Sequence[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=None, help="folder for analyses")
    parser.add_argument("--words", action="store_true", help="the words-only model")
    parser.add_argument("--write", action="store_true", help="write the packaged model")
    args = parser.parse_args()
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    triplets = load_triplets(cache=args.cache)
    per = [basil_rows(t, words=args.words) for t in triplets]
    m_rows, m_labels, _ = mrpc_rows("train", words=args.words, cache=args.cache)
    found = sum(sum(lab) for _, lab, _ in per)
    listed = sum(p for _, _, p in per)
    print(f"candidates hold {found}/{listed} listed same-fact pairs ({found / listed:.2f})")
    held_labels: list[int] = []
    held_scores: list[float] = []
    for k in range(len(triplets)):
        rows = m_rows + [r for n, (rs, _, _) in enumerate(per) if n != k for r in rs]
        labels = m_labels + [y for n, (_, ys, _) in enumerate(per) if n != k for y in ys]
        model = fit(rows, labels)
        if per[k][0]:
            held_scores += list(model.predict(np.asarray(per[k][0], dtype=np.float64)))
            held_labels += per[k][1]
    print(
        "basil-facts candidate pairs, leave-one-triplet-out AUC "
        f"{_auc(held_labels, held_scores):.3f}"
    )
    model = fit(
        m_rows + [r for rs, _, _ in per for r in rs], m_labels + [y for _, ys, _ in per for y in ys]
    )
    t_rows, t_labels, t_jaccard = mrpc_rows("test", words=args.words, cache=args.cache)
    predicted = model.predict(np.asarray(t_rows, dtype=np.float64))
    truth = np.asarray(t_labels)
    accuracy = float(((predicted >= 0.5) == truth).mean())
    _, _, train_jaccard = (
        mrpc_rows("train", words=True, cache=None)
        if args.words
        else (
            None,
            None,
            [r[same_fact.FEATURES.index("word_jaccard")] for r in m_rows],
        )
    )
    train_truth = np.asarray(m_labels)
    cut = max(
        np.unique(train_jaccard),
        key=lambda c: float(((np.asarray(train_jaccard) >= c) == train_truth).mean()),
    )
    overlap = float(((np.asarray(t_jaccard) >= cut) == truth).mean())
    yes = float(truth.mean())
    print(
        f"MRPC test ({len(truth)} pairs): same-fact model {accuracy:.3f}, "
        f"word overlap {overlap:.3f} (Jaccard >= {cut:.2f}), always-yes {yes:.3f}"
    )
    if args.write:
        name = "same_fact_words.txt" if args.words else "same_fact_semantic.txt"
        (DATA / name).write_text(model.model_to_string(), encoding="utf-8")
        print(f"wrote {DATA / name}", file=sys.stderr)


if __name__ == "__main__":
    main()
