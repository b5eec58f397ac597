"""The package version, in a module of its own so that any layer can read it without
importing the package root (which imports the API, which imports the layers)."""

__version__ = "0.1.0"
