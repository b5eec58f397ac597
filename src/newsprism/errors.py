"""The one error hierarchy of newsprism.

::

    NewsprismError
    ├── InputError                 an input cannot be used; carries ``source`` and ``reason``
    │   ├── UnreadableInput        missing, unreadable, undecodable or too large
    │   ├── UnsupportedFormat      a format newsprism does not read
    │   └── FetchRefused           a URL that policy forbids fetching
    ├── StoreError                 the SQLite store cannot be opened or migrated
    ├── ModelError                 the spaCy pipeline is missing or broken
    ├── EngineError                the chosen engine cannot run (PySpark or Java missing)
    └── SettingsError              a settings file or value is invalid

The CLI turns each into one line on stderr and an exit status; ``--debug`` shows the
traceback.
"""

from __future__ import annotations


class NewsprismError(Exception):
    """Base class of every error newsprism raises on purpose."""


class InputError(NewsprismError):
    """An input (file, URL, record) that cannot be used."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnreadableInput(InputError):
    """The input exists but cannot be read or decoded."""


class UnsupportedFormat(InputError):
    """The input is in a format newsprism does not read."""


class FetchRefused(InputError):
    """Fetching this URL is not allowed by the settings."""


class StoreError(NewsprismError):
    """The store cannot be opened, migrated or written."""


class ModelError(NewsprismError):
    """The spaCy pipeline cannot be loaded."""


class EngineError(NewsprismError):
    """The chosen engine cannot run: its optional dependency is missing or its
    cluster cannot be reached."""


class SettingsError(NewsprismError):
    """A setting has an invalid value."""
