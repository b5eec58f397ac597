"""Engines run the pipeline stages over many documents. The engine is chosen by one
setting (``Settings.engine``); stage modules never know which one runs them."""

from __future__ import annotations

from .local import analyse, analyse_documents, combine, pipeline_version

__all__ = ["analyse", "analyse_documents", "combine", "pipeline_version"]
