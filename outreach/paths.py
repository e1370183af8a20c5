"""Where the top-level folders live: beside the package in a checkout, inside it in a wheel."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_WHEEL_DATA = PACKAGE_DIR / "_data"
_CHECKOUT = PACKAGE_DIR.parent


def data_dir(name: str) -> Path:
    """Return the folder `templates`, `translations` or `forms`, wherever it was installed."""
    packaged = _WHEEL_DATA / name
    return packaged if packaged.is_dir() else _CHECKOUT / name


TEMPLATES = data_dir("templates")
TRANSLATIONS = data_dir("translations")
FORMS = data_dir("forms")
