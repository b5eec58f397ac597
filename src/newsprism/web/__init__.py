"""The web app: browse stories, articles and entities, search, add articles.

``newsprism serve`` runs it with uvicorn; :func:`create_app` builds it for any ASGI
server or a test client. One module per page (:mod:`.stories`, :mod:`.story`,
:mod:`.article`, :mod:`.entity`, :mod:`.search`, :mod:`.add`), each with its HTML page
and the JSON API behind it; templates are shared with the HTML report.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
