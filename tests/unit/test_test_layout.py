"""Tests share helpers through tests/support/, never by importing each other.

A helper kept in a test module is found by nobody looking for helpers, and importing it drags the
other module's tests and fixtures' names along. Fixtures live in conftest.py files, which pytest
finds by itself; everything else shared lives in tests/support/.
"""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SHARED = "tests.support"


def module_name(path: Path) -> str:
    """tests/integration/test_x.py -> tests.integration.test_x (a package's __init__: the package)."""
    parts = path.relative_to(TESTS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """Every module that `source` (the text of `module`) imports, with its line.

    Relative imports are resolved; `from package import name` counts as importing
    package.name too, since the name may be a module."""
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _is_test_module(name: str) -> bool:
    return name.startswith("tests.") and not (name == SHARED or name.startswith(f"{SHARED}."))


def forbidden_imports(source: str, module: str) -> list[str]:
    """Imports of a module under tests/ other than tests.support and what it holds."""
    first = {}
    for line, name in imported_modules(source, module):
        if _is_test_module(name):
            first.setdefault(line, name)
    return [f"line {line}: {name}" for line, name in first.items()]


def test_no_file_under_tests_imports_a_test_module():
    problems = [
        f"{path.relative_to(TESTS.parent)} {problem}"
        for path in sorted(TESTS.rglob("*.py"))
        for problem in forbidden_imports(path.read_text(encoding="utf-8"), module_name(path))
    ]
    assert not problems, "move shared helpers to tests/support/:\n" + "\n".join(problems)


def test_the_check_sees_every_way_of_importing_a_test_module():
    module = "tests.integration.test_sample"
    caught = [
        "from tests.integration.test_x import helper",
        "import tests.browser.helpers",
        "from tests.conftest import PASSWORD",
        "from tests import conftest",
        "from tests.browser import helpers",
        "from .test_x import helper",
        "from . import test_x",
        "from ..browser.helpers import Tab",
        "def f():\n    from tests.integration.test_x import helper",
    ]
    allowed = [
        "from tests.support.areas import load_tiny",
        "from tests.support import html",
        "import tests.support.live",
        "from ..support.html import problems",
        "import outreach.extensions",
        "from outreach.tests import x",
    ]
    assert [s for s in caught if not forbidden_imports(s, module)] == []
    assert [s for s in allowed if forbidden_imports(s, module)] == []
