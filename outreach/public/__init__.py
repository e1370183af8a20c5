"""Pages anyone can open."""
