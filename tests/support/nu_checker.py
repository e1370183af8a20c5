"""The W3C Nu HTML checker (npm `vnu-jar`, run with the machine's Java) over saved pages."""

import json
import shutil
import subprocess
from pathlib import Path

from tests.support.live import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: The checker reads a few hundred pages in well under a minute; more means it is stuck.
TIMEOUT_SECONDS = 300


def check(files: list[Path]) -> list[str]:
    """Every error the checker finds in `files` (one run), as "file:line: message" lines."""
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker: apt-get install -y default-jre-headless"
    assert VNU.exists(), f"{VNU} is missing: run npm ci in {ROOT}"
    command = [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
    )
    report = json.loads(done.stderr or done.stdout or '{"messages": []}')
    return [
        f"{Path(m.get('url', '?')).name}:{m.get('lastLine', '?')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()[:160]}"
        for m in report["messages"]
        if m["type"] in {"error", "non-document-error"}
    ]
