"""The digital-exclusion risk index. Pure: no Flask, no database."""
