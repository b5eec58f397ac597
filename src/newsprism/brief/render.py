"""The JSON renderer: the briefing record in its documented JSON form (``docs/json.md``),
as :func:`newsprism.codec.to_json` gives it."""

from __future__ import annotations

import json

from ..codec import to_json
from .records import Briefing

__all__ = ["render_json"]


def render_json(briefing: Briefing) -> str:
    """Render a briefing as stable, human-readable JSON.

    Keys keep the records' field order; non-ASCII text is written as is.

    Args:
        briefing: the briefing record.

    Returns:
        The JSON text, ending with a newline.
    """
    return json.dumps(to_json(briefing), ensure_ascii=False, indent=2) + "\n"
