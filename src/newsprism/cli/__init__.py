"""The command line: a thin layer over :mod:`newsprism.api`.

Each command lives in its own module, parses options, calls one API function and
presents the result. Errors become one line on stderr and an exit status:
0 success, 1 some inputs could not be read or none gave an article, 2 a usage error
(usage and one line, as click prints them) or an error stopped the command,
130 interrupted. ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import sys

from .app import app, main

__all__ = ["app", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
