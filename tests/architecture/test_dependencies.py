"""Dependencies point one way, the way the code runs (docs/architecture.md):

nprz_dashboard (kernel) → accounts → monitoring (caseload) → benchmarks → activities → programme → api.

Every import counts, inside functions too: a package imports only packages below it,
so there is no loop between packages. monitoring's schema never depends on activities'.
"""

import ast
from pathlib import Path

from django.conf import settings
from django.db.migrations.loader import MigrationLoader

ROOT = Path(settings.BASE_DIR)

# Lowest first. A package may import the ones before it, never one after it.
LAYERS = ["nprz_dashboard", "accounts", "monitoring", "benchmarks", "activities", "programme", "api"]


def modules(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def imported_packages(tree: ast.AST):
    """Yield (top-level package imported, line) for every absolute import, at any depth of the module."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def arrows() -> dict[tuple[str, str], list[str]]:
    """Return the imports between the project's packages: (importer, imported) → where."""
    found: dict[tuple[str, str], list[str]] = {}
    for package in LAYERS:
        for path, tree in modules(package):
            for name, line in imported_packages(tree):
                if name in LAYERS and name != package:
                    found.setdefault((package, name), []).append(f"{path.relative_to(ROOT)}:{line}")
    return found


def test_every_package_imports_only_packages_below_it():
    upward = {
        f"{importer} → {imported}": where
        for (importer, imported), where in arrows().items()
        if LAYERS.index(imported) > LAYERS.index(importer)
    }
    assert upward == {}


def test_monitoring_imports_nothing_from_activities_or_the_programme():
    assert [where for (importer, imported), where in arrows().items()
            if importer == "monitoring" and imported in ("activities", "programme")] == []  # fmt: skip


def test_the_programme_layer_builds_on_both_apps_and_the_api_on_the_programme():
    # The rules above would pass with packages that never meet; the workflows do use both apps.
    used = arrows().keys()
    assert {("programme", "monitoring"), ("programme", "activities"), ("activities", "monitoring")} <= used
    assert {("api", "monitoring"), ("api", "activities"), ("api", "accounts")} <= used


def test_every_project_package_has_its_layer():
    packages = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert packages <= set(LAYERS), packages - set(LAYERS)


def test_no_monitoring_migration_depends_on_activities(db):
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    monitoring = [key for key in graph.nodes if key[0] == "monitoring"]
    assert monitoring
    for key in monitoring:
        assert not [parent for parent in graph.forwards_plan(key) if parent[0] == "activities"], key
