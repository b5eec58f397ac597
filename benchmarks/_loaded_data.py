"""Word examples for the loaded-language model, from BABE and BASIL, and its fitting.

Shared by ``benchmarks/loaded_train.py`` (fits the shipped model) and
``benchmarks/framing_cv.py`` (fits one per fold and scores the held-out triplets).

An example is one word newsprism scores in an outlet's own voice
(:func:`newsprism.pipeline.loaded.outlet_words`) with its label: in BABE, a word of a
sentence labelled biased that the annotators listed among its biased words (the
words of sentences without agreement are left out); in BASIL, a word inside a phrase
annotated ``bias == "lex"`` and ``quote == "no"``.
"""

from __future__ import annotations

import ast
import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from _basil import BasilArticle
from framing import _annotated, _string_of
from newsprism.models import Analysis
from newsprism.pipeline.loaded import LoadedModel, outlet_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

BABE = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "babe"


@dataclass(frozen=True)
class Word:
    features: tuple[str, ...]
    label: int
    unit: int  # the sentence (BABE) or article (BASIL) it belongs to
    sentence: int  # BASIL: string index in its article; BABE: the sentence
    start: int = 0  # BASIL: offsets into the article's text
    end: int = 0


@dataclass(frozen=True)
class BabeSentence:
    text: str
    biased: bool
    group: str  # the article it was taken from, to keep its sentences in one fold
    words: frozenset[str]


def load_babe() -> list[BabeSentence]:
    """BABE's sentences labelled biased or not (``No agreement`` left out)."""
    path = BABE / "final_labels_SG2.csv"
    if not path.exists():
        raise SystemExit(f"BABE is missing: {path}")
    found = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f, delimiter=";"):
            if row["label_bias"] not in {"Biased", "Non-biased"}:
                continue
            words = ast.literal_eval(row["biased_words"] or "[]")
            found.append(
                BabeSentence(
                    row["text"],
                    row["label_bias"] == "Biased",
                    row["news_link"],
                    frozenset(w.lower() for w in words for w in w.split()),
                )
            )
    return found


def babe_words(sentences: Sequence[BabeSentence], nlp: Language) -> list[list[Word]]:
    """Per BABE sentence, its scored words with labels."""
    from newsprism.pipeline.loaded import word_features

    found = []
    for i, (sentence, doc) in enumerate(
        zip(sentences, nlp.pipe(s.text for s in sentences), strict=True)
    ):
        words = []
        for token in doc:
            features = word_features(token)
            if features is not None:
                label = int(sentence.biased and token.lower_ in sentence.words)
                words.append(Word(features, label, i, i))
        found.append(words)
    return found


def basil_words(
    articles: Sequence[BasilArticle], analyses: Sequence[Analysis], docs: Sequence[Doc]
) -> list[list[Word]]:
    """Per BASIL article, its own-voice scored words with labels."""
    found = []
    for i, (article, analysis, doc) in enumerate(zip(articles, analyses, docs, strict=True)):
        gold = _annotated(article, "no", "lex")
        words = []
        for start, end, features in outlet_words(analysis.article, doc, quotes=analysis.quotes):
            where = analysis.article.span(start, end)
            k = _string_of(article, where.start)
            if k is None:
                continue
            label = int(any(s < where.end and where.start < e for s, e in gold))
            words.append(Word(features, label, i, k, where.start, where.end))
        found.append(words)
    return found


def fit(
    words: Sequence[Word], *, weights: Sequence[float] | None = None, c: float = 0.3
) -> LoadedModel:
    """A logistic model of ``words`` (threshold 0.5 until one is chosen).

    Args:
        words: the examples.
        weights: one per example (BASIL's words count more than BABE's).
        c: inverse regularisation strength.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform({f: 1.0 for f in w.features} for w in words).tocsr()
    # liblinear takes 32-bit sparse indices only.
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    y = [w.label for w in words]
    model = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    model.fit(x, y, sample_weight=weights)
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    table = {str(n): round(float(v), 4) for n, v in zip(names, coef, strict=True) if abs(v) >= 1e-3}
    return LoadedModel(table, round(float(model.intercept_[0]), 4), 0.5)


def basil_examples(articles: Sequence[BasilArticle], cache: Path | None) -> list[list[Word]]:
    """:func:`basil_words` of every article, analysed by newsprism (kept in ``cache``
    when given: the analysis of 210 articles takes minutes)."""
    import pickle

    if cache is not None and (cache / "basil_words.pkl").exists():
        return pickle.loads((cache / "basil_words.pkl").read_bytes())  # type: ignore[no-any-return]
    from newsprism.api import analyse
    from newsprism.pipeline import annotate as annotation
    from newsprism.settings import Settings

    documents = [a.document() for a in articles]
    settings = Settings(db=":memory:")
    corpus = analyse(documents, settings=settings)
    by_id = {a.article.id: a for a in corpus.analyses}
    analyses = [by_id[d.id] for d in documents]
    nlp = annotation.load_pipeline(settings.spacy_model)
    docs = list(annotation.annotate([a.article for a in analyses], nlp=nlp))
    found = basil_words(articles, analyses, docs)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "basil_words.pkl").write_bytes(pickle.dumps(found))
    return found


def babe_examples(cache: Path | None) -> tuple[list[BabeSentence], list[list[Word]]]:
    """BABE's sentences and :func:`babe_words` (kept in ``cache`` when given)."""
    import pickle

    sentences = load_babe()
    if cache is not None and (cache / "babe_words.pkl").exists():
        return sentences, pickle.loads((cache / "babe_words.pkl").read_bytes())
    from newsprism.pipeline import annotate as annotation
    from newsprism.settings import Settings

    nlp = annotation.load_pipeline(Settings(db=":memory:").spacy_model)
    found = babe_words(sentences, nlp)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / "babe_words.pkl").write_bytes(pickle.dumps(found))
    return sentences, found


# BABE's words count this much against BASIL's in the fit: BABE marks many topic words
# ("criminals", "extreme") BASIL's annotators leave alone. 0.1 chosen over 0.1, 0.3
# and 1.0 on held-out BASIL folds (F1 0.266, 0.260, 0.256); the regularisation over
# 0.1, 0.3, 1.0 mattered less (0.253, 0.260, 0.250).
BABE_WEIGHT = 0.1
THRESHOLDS = (0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def sentence_counts(
    model: LoadedModel, units: Sequence[Sequence[Word]], gold: Sequence[set[int]], threshold: float
) -> tuple[int, int, int]:
    """tp, fp, fn of sentences holding a word at ``threshold`` or above."""
    tp = fp = fn = 0
    for words, positive in zip(units, gold, strict=True):
        found = {w.sentence for w in words if model.probability(w.features) >= threshold}
        tp += len(found & positive)
        fp += len(found - positive)
        fn += len(positive - found)
    return tp, fp, fn


def f1(counts: tuple[int, int, int]) -> float:
    tp, fp, fn = counts
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_threshold(
    babe: Sequence[Word],
    units: Sequence[Sequence[Word]],
    gold: Sequence[set[int]],
    groups: Sequence[str],
    folds: int = 3,
) -> float:
    """The threshold with the best sentence F1 on ``units`` held out in ``folds``
    folds by ``groups`` (their triplets), each fold fitted on the rest and BABE."""
    names = sorted(set(groups))
    totals = {t: [0, 0, 0] for t in THRESHOLDS}
    for fold in range(folds):
        held = set(names[fold::folds])
        train = [w for u, g in zip(units, groups, strict=True) if g not in held for w in u]
        model = fit_both(babe, train)
        test = [i for i, g in enumerate(groups) if g in held]
        for t in THRESHOLDS:
            counts = sentence_counts(model, [units[i] for i in test], [gold[i] for i in test], t)
            totals[t] = [a + b for a, b in zip(totals[t], counts, strict=True)]
    return max(THRESHOLDS, key=lambda t: f1(tuple(totals[t])))  # type: ignore[arg-type]


def fit_both(babe: Sequence[Word], basil: Sequence[Word]) -> LoadedModel:
    """A model of BABE's and BASIL's words, BABE's weighted by :data:`BABE_WEIGHT`."""
    weights = [BABE_WEIGHT] * len(babe) + [1.0] * len(basil)
    return fit([*babe, *basil], weights=weights)
