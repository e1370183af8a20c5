"""Neighbourhoods: the list and each area's population figures."""
