"""The only code that touches db.session: typed functions named for what they do."""
