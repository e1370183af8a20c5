"""Compile the committed .po catalogs to .mo at start, so a stale .mo can never be served."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compiled(source: Path, preferred: Path) -> Path:
    """A folder of up-to-date .mo files: `preferred` (the instance folder), or, where that cannot
    be written (a read-only deployment), a private temporary folder removed when the process ends."""
    try:
        compile_catalogs(source, preferred)
        return preferred
    except OSError:
        private = Path(tempfile.mkdtemp(prefix="outreach-translations-"))
        atexit.register(shutil.rmtree, private, True)
        compile_catalogs(source, private)
        return private


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile every source/<locale>/LC_MESSAGES/*.po whose .mo in target is missing or older."""
    written = []
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        mo_path = target / po_path.relative_to(source).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        _write_atomically(po_path, mo_path)
        written.append(mo_path)
    return written


def _write_atomically(po_path: Path, mo_path: Path) -> None:
    # Several workers may start at once: each writes its own file, then renames it in place.
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    fd, tmp = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
    with os.fdopen(fd, "wb") as tmp_file:
        write_mo(tmp_file, catalog, use_fuzzy=False)
    os.replace(tmp, mo_path)
