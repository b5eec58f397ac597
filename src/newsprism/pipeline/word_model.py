"""A sparse logistic model over named word features, as the shipped word models are
stored: the learned attribution cue (``quotes/learned.py``) and loaded language
(``loaded.py``) each read one from a data table."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..data import data_table

__all__ = ["WordModel", "read_word_model"]


@dataclass(frozen=True, slots=True)
class WordModel:
    """A logistic model of one word: ``weights`` by feature name, ``bias`` its
    intercept, ``threshold`` the probability from which a word is taken."""

    weights: Mapping[str, float]
    bias: float
    threshold: float

    def probability(self, features: Sequence[str]) -> float:
        """The model's probability for a word with ``features`` (absent names weigh 0)."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_word_model(name: str) -> WordModel:
    """The model in the data table ``name``: a ``__bias__`` row, a ``__threshold__``
    row, then one ``feature <TAB> weight`` row per feature."""
    rows = {feature: float(value) for feature, value in data_table(name)}
    bias = rows.pop("__bias__")
    threshold = rows.pop("__threshold__")
    return WordModel(rows, bias, threshold)
