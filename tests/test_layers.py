"""Each app imports only apps below it; the order is the README's "Layers" list."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The project package is imported as `portal` from the folder site/ (see README).
FOLDERS = {"portal": "site"}

# Imports that still go up, as (importing app, imported module or its prefix).
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def layers() -> list[str]:
    """The README's list, bottom first."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layers\n", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    return [line.split()[0] for line in block.splitlines() if line.strip()][::-1]


def imports(app: str):
    """(module imported, where) for every absolute import in the app, lazy ones too."""
    for path in sorted((ROOT / FOLDERS.get(app, app)).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                yield name, f"{path.relative_to(ROOT)}:{node.lineno}"


def excepted(app: str, module: str) -> bool:
    return any(
        app == owner and (module == prefix or module.startswith(prefix + "."))
        for owner, prefix in KNOWN_EXCEPTIONS
    )


def test_every_app_is_in_the_layers():
    order = layers()
    assert order[0] == "core" and order[-1] == "portal"
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")}
    assert {FOLDERS.get(app, app) for app in order} == apps


def test_no_app_imports_an_app_above_it():
    order = layers()
    rank = {app: i for i, app in enumerate(order)}
    upward = [
        f"{where}: {app} imports {module}"
        for app in order
        for module, where in imports(app)
        if rank.get(module.split(".")[0], -1) > rank[app] and not excepted(app, module)
    ]
    assert upward == []


def test_the_known_exceptions_are_still_needed():
    # An exception nobody needs any more is removed, so it cannot hide a new import.
    used = {
        (app, prefix)
        for app in layers()
        for module, _ in imports(app)
        for owner, prefix in KNOWN_EXCEPTIONS
        if owner == app and (module == prefix or module.startswith(prefix + "."))
    }
    assert used == KNOWN_EXCEPTIONS
