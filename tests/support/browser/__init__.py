"""Helpers for the browser tests: Chromium, axe, keyboard and touch checks, pages to open."""
