"""The resident survey: instrument files, the web flow, volunteer entry and the paper version."""
