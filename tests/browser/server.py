"""The live demo server the browser tests drive (it lives in tests/support/live.py)."""

from tests.support.live import ROOT, LiveServer, serve

__all__ = ["ROOT", "LiveServer", "serve"]
