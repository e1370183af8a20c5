"""Extracting messages and updating catalogs (`outreach i18n update`), also used by the tests."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from outreach.i18n.locales import TRANSLATED
from outreach.paths import PACKAGE_DIR

ROOT = PACKAGE_DIR.parent
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "said": None,  # outreach.i18n.said: gettext for charts, readings in やさしい日本語
}


def extract(root: Path = ROOT) -> Catalog:
    """A fresh template catalog of every message in code, templates and instruments."""
    with (root / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    catalog = Catalog(project="Outreach", charset="utf-8", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root),
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=("i18n:",),
        strip_comment_tags=True,
    ):
        # Locations are kept for checks that need them (the .po files are written without).
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=locale)


def write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po_file:
        write_po(
            po_file,
            catalog,
            width=100,
            no_location=True,
            sort_output=True,
            omit_header=False,
            ignore_obsolete=True,
        )


def update(translations: Path) -> dict[str, int]:
    """Write messages.pot and merge it into each locale; returns untranslated counts."""
    template = extract()
    write(template, translations / "messages.pot")
    missing = {}
    for locale in TRANSLATED:
        po_path = translations / locale / "LC_MESSAGES" / "messages.po"
        catalog = read(po_path, locale) if po_path.exists() else Catalog(locale=locale)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.project, catalog.fuzzy = "Outreach", False
        write(catalog, po_path)
        missing[locale] = sum(1 for m in catalog if m.id and not _translated(m))
    return missing


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return all(strings) and not message.fuzzy
