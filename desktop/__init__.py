"""Anbu Desk application core: services, CLI and entry point. No widgets here."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("anbu-desk")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
