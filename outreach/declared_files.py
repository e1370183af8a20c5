"""Reading the declarative files under forms/ (TOML): one place that turns an unreadable file into
the caller's own error, naming the file."""

import tomllib
from pathlib import Path
from typing import Any


def read_toml(path: Path, error: type[Exception]) -> dict[str, Any]:
    """The file's tables, or `error` naming the file and why it cannot be read."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise error(f"{path}: cannot be read: {exc}") from exc
