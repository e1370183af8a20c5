"""Follow-ups: residents who asked to be contacted."""
