"""benchmarks builds on the kernel and monitoring only (docs/architecture.md)."""

from tests.architecture.test_dependencies import imports_of, modules


def test_benchmarks_imports_neither_activities_nor_the_programme_layer_nor_the_api():
    wrong = [
        f"{path.name}:{line} imports {name}"
        for path, tree in modules("benchmarks")
        for name, line, _ in imports_of(tree)
        if name.split(".")[0] in ("activities", "programme", "api")
    ]
    assert wrong == []


def test_no_app_below_imports_benchmarks():
    wrong = [
        f"{path.name}:{line} imports {name}"
        for package in ("nprz_dashboard", "accounts", "monitoring")
        for path, tree in modules(package)
        for name, line, _ in imports_of(tree)
        if name.split(".")[0] == "benchmarks"
    ]
    assert wrong == []
