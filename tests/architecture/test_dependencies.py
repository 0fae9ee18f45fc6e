"""Dependencies point one way: api → activities → monitoring → accounts → nprz_dashboard (docs/architecture.md).

monitoring reaches activities only through activities.public, imported inside
the function that needs it; the kernel imports neither app; and no monitoring
migration depends on activities, so the schema has no cycle.
"""

import ast
from pathlib import Path

from django.conf import settings
from django.db.migrations.loader import MigrationLoader

ROOT = Path(settings.BASE_DIR)


def modules(package: str):
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def imports_of(tree: ast.AST):
    """Yield (module imported, line, whether the import is at module level)."""
    top_level = {id(node) for node in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, id(node) in top_level
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                yield f"{node.module}.{alias.name}", node.lineno, id(node) in top_level


def test_monitoring_imports_only_the_public_module_of_activities_and_only_inside_functions():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path, tree in modules("monitoring")
        for name, line, top in imports_of(tree)
        if name.split(".")[0] == "activities" and (name != "activities.public" or top)
    ]
    assert wrong == []


def test_monitoring_does_reach_activities_through_the_door():
    # The rule above could pass with no import at all; the overview, entry, targets and reports do use it.
    doors = {path.parent.name for path, tree in modules("monitoring") for name, _, _ in imports_of(tree)
             if name == "activities.public"}  # fmt: skip
    assert {"caseload", "entry", "targets", "reports"} <= doors


def test_the_kernel_and_accounts_import_no_app_above_them():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for package in ("nprz_dashboard", "accounts")
        for path, tree in modules(package)
        for name, line, _ in imports_of(tree)
        if name.split(".")[0] in ("monitoring", "activities", "api")
    ]
    assert wrong == []


def test_no_app_imports_the_api_above_it():
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for package in ("nprz_dashboard", "accounts", "monitoring", "activities")
        for path, tree in modules(package)
        for name, line, _ in imports_of(tree)
        if name.split(".")[0] == "api"
    ]
    assert wrong == []


def test_the_api_builds_on_the_apps_below_it():
    # The rule above could pass with an API that computes its own figures; it reuses the apps' selectors
    # and disclosure rules instead, so a viewer's figures are the pages' figures.
    used = {name.split(".")[0] for _, tree in modules("api") for name, _, _ in imports_of(tree)}
    assert {"activities", "monitoring", "accounts", "nprz_dashboard"} <= used


def test_no_monitoring_migration_depends_on_activities(db):
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    monitoring = [key for key in graph.nodes if key[0] == "monitoring"]
    assert monitoring
    for key in monitoring:
        assert not [parent for parent in graph.forwards_plan(key) if parent[0] == "activities"], key
