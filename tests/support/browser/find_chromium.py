"""Where Chromium is: $OUTREACH_CHROMIUM, else the first browser of its names on PATH, else
Playwright's own download (`playwright install chromium`).

Standard library only: `scripts/test` runs this file with the system Python before anything is
installed, to install or name the browser first; the browser tests import it.
"""

import os
import shutil
import sys
from pathlib import Path

ENVIRONMENT = "OUTREACH_CHROMIUM"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: Inside Playwright's browser folder, newest build last (full browser, then headless shell).
PLAYWRIGHT_BUILDS = (
    "chromium-*/chrome-linux*/chrome",
    "chromium_headless_shell-*/*/headless_shell",
)


def _playwright_folder() -> Path:
    named = os.environ.get("PLAYWRIGHT_BROWSERS_PATH")
    return Path(named) if named and named != "0" else Path.home() / ".cache" / "ms-playwright"


def _playwright_build() -> str | None:
    for pattern in PLAYWRIGHT_BUILDS:
        builds = sorted(_playwright_folder().glob(pattern))
        if builds:
            return str(builds[-1])
    return None


def find_chromium() -> str | None:
    """The browser's path, or None. A name in $OUTREACH_CHROMIUM that does not run is None too."""
    if os.environ.get(ENVIRONMENT):
        return shutil.which(os.environ[ENVIRONMENT])
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return _playwright_build()


def where_we_looked() -> str:
    if os.environ.get(ENVIRONMENT):
        return f"{ENVIRONMENT}={os.environ[ENVIRONMENT]} is not an executable"
    names = ", ".join(NAMES)
    return f"no Chromium among {names} on PATH, nor in {_playwright_folder()}"


if __name__ == "__main__":
    path = find_chromium()
    print(path or where_we_looked())
    sys.exit(0 if path else 1)
