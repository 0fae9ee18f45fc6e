"""`pip install -r requirements.txt` installs everything production code imports.

The production code is every module of the apps and the kernel, manage.py and
gunicorn.conf.py, function-level imports included (the PDF imports playwright inside
a function). tools/ is left out: it holds what the Makefile runs for development and
CI (make smoke, make loadtest, the Chromium check of make test), installed with
requirements-dev.txt; nothing in the apps imports it.

Each imported top-level module is mapped to the distribution that installs it
(importlib.metadata), and that distribution must be in requirements.txt or among what
those pull in (their Requires-Dist, followed recursively, extras not taken).
"""

import ast
import re
import sys
from importlib.metadata import PackageNotFoundError, distribution, packages_distributions
from importlib.util import find_spec
from pathlib import Path

from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(settings.BASE_DIR)
# Every Django app of the project (each has an apps.py; the kernel too).
PRODUCTION_PACKAGES = tuple(sorted(path.parent.name for path in ROOT.glob("*/apps.py")))
PRODUCTION_FILES = ("manage.py", "gunicorn.conf.py")
# What runs without being imported: the README's production server, and the driver Django
# imports for a backend the settings name.
RUN_OR_IMPLIED = {"gunicorn": "gunicorn.conf.py", "psycopg2": "django.db.backends.postgresql"}
DOTTED_PATH = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")


def production_files() -> list[Path]:
    files = [ROOT / name for name in PRODUCTION_FILES]
    for package in PRODUCTION_PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def imported_top_level_names(path: Path) -> set[str]:
    """Every absolute import in a module, at any depth, as its top-level name."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def settings_dotted_names() -> set[str]:
    """Top-level names of the dotted paths settings.py names (apps, middleware, backends, storages)."""
    tree = ast.parse((ROOT / "nprz_dashboard" / "settings.py").read_text())
    names = {
        node.value.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED_PATH.match(node.value)
    }
    # Keep the module paths; a file name ("werkmonitor.sqlite3") names no module.
    return {name for name in names if find_spec(name) is not None}


def first_party(name: str) -> bool:
    return (ROOT / name).is_dir() or (ROOT / f"{name}.py").is_file()


def third_party_modules(files=None) -> dict[str, str]:
    """Map each third-party top-level module production code (or `files`) needs to a file that needs it."""
    needed = {}
    for path in files or production_files():
        for name in imported_top_level_names(path):
            needed.setdefault(name, str(path.relative_to(ROOT)))
    if files is None:
        for name in settings_dotted_names():
            needed.setdefault(name, "nprz_dashboard/settings.py")
        for name, why in RUN_OR_IMPLIED.items():
            needed.setdefault(name, why)
    return {
        name: where
        for name, where in needed.items()
        if name not in sys.stdlib_module_names and name != "__future__" and not first_party(name)
    }


def pinned_requirements(path: Path) -> set[str]:
    """The distributions a requirements file names, without following -r."""
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(canonicalize_name(Requirement(line).name))
    return names


def closure(names: set[str]) -> set[str]:
    """The distributions installed with `names`: their Requires-Dist, recursively, without extras."""
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = distribution(name).requires or []
        except PackageNotFoundError:
            continue  # the test of installed versions below reports it
        for line in requires:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(canonicalize_name(requirement.name))
    return seen


def not_installed_by(requirements: set[str], modules: dict[str, str]) -> list[str]:
    """Return the modules no distribution in the closure of `requirements` installs, with where they are needed."""
    installed = closure(requirements)
    owners = packages_distributions()
    missing = []
    for module, where in sorted(modules.items()):
        distributions = {canonicalize_name(name) for name in owners.get(module, [])}
        if not distributions & installed:
            missing.append(f"{module} ({where}) comes from {sorted(distributions) or 'nothing installed'}")
    return missing


def test_every_third_party_module_production_code_imports_is_installed_by_requirements_txt():
    assert not_installed_by(pinned_requirements(ROOT / "requirements.txt"), third_party_modules()) == []


def test_every_module_the_tools_import_is_installed_by_the_development_requirements():
    # make smoke and make loadtest run tools/ after installing requirements-dev.txt (which reads requirements.txt).
    requirements = pinned_requirements(ROOT / "requirements.txt") | pinned_requirements(ROOT / "requirements-dev.txt")
    modules = third_party_modules(sorted((ROOT / "tools").rglob("*.py")))
    assert {"locust", "requests", "psycopg2"} <= modules.keys()
    assert not_installed_by(requirements, modules) == []


def test_the_check_sees_the_imports_it_must_see():
    assert {"nprz_dashboard", "monitoring", "activities", "programme", "benchmarks", "api"} <= set(PRODUCTION_PACKAGES)
    # The PDF's import of playwright sits inside a function; settings name whitenoise and csp only as strings.
    modules = third_party_modules()
    assert {"playwright", "whitenoise", "csp", "axes", "rest_framework", "redis", "gunicorn"} <= modules.keys()
    assert modules["playwright"] == "programme/reports/pdf.py"


def test_requirements_txt_pins_every_distribution_to_the_version_installed():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        name, _, version = line.partition("==")
        assert version, f"{line} is not pinned"
        assert distribution(name).version == version, line


def test_the_development_requirements_do_not_pin_a_runtime_distribution_again():
    runtime = pinned_requirements(ROOT / "requirements.txt")
    assert pinned_requirements(ROOT / "requirements-dev.txt") & runtime == set()
