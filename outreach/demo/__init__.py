"""Demo data for Outreach: approximate Hirakata neighbourhoods and synthetic statistics."""
