"""Who sees exact small counts is decided in one place: nprz_dashboard/disclosure.py (`sees_exact`).

Issue 19, item 3: the reader check `not has_role(user, EDITOR)` was written six
times under two names. A role check with EDITOR now belongs to access control
only (who may enter figures: `role_required(EDITOR)`, `require(user, EDITOR)`,
the menu's entry link); whether figures are masked is asked of the disclosure
module. This test reads every module of the project and fails on a new copy.
"""

import ast
from pathlib import Path

from django.conf import settings

from nprz_dashboard import disclosure

ROOT = Path(settings.BASE_DIR)
PACKAGES = ["nprz_dashboard", "accounts", "monitoring", "activities", "programme", "api"]
RULE_HOME = "nprz_dashboard/disclosure.py"
# has_role(user, EDITOR) that is access control, not disclosure: shows the menu's link to /entry/.
ACCESS_CONTROL = {"nprz_dashboard/context_processors.py"}


def modules() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def names_editor(node: ast.expr) -> bool:
    """Return whether an argument names the editor role: EDITOR, roles.EDITOR or "editor"."""
    if isinstance(node, ast.Name):
        return node.id == "EDITOR"
    if isinstance(node, ast.Attribute):
        return node.attr == "EDITOR"
    return isinstance(node, ast.Constant) and node.value == "editor"


def editor_checks(path: Path, text: str | None = None) -> list[str]:
    """Return the has_role(…, EDITOR) calls in a module (or in `text` as if it were that module), as 'path:line'."""
    found = []
    for node in ast.walk(ast.parse(path.read_text() if text is None else text, str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name == "has_role" and any(names_editor(arg) for arg in node.args[1:]):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_only_the_disclosure_module_asks_whether_a_user_is_an_editor_to_decide_on_masking():
    checks = [c for path in modules() for c in editor_checks(path)]
    outside = [c for c in checks if c.split(":")[0] not in {RULE_HOME, *ACCESS_CONTROL}]
    assert not outside, "Ask nprz_dashboard.disclosure.sees_exact / masks_for instead of the role:\n" + "\n".join(
        outside
    )
    assert any(c.startswith(RULE_HOME) for c in checks)  # the rule itself is found, so the search works


def test_the_check_finds_a_copy_of_the_rule():
    """Guard the guard: a reader check written again, in any of its spellings, is found."""
    copy = ROOT / "activities" / "_copy_of_the_rule.py"
    copy_text = (
        "from nprz_dashboard import roles\n"
        "def protects(user):\n"
        "    return not roles.has_role(user, roles.EDITOR)\n"
        "def reader(user):\n"
        "    return not has_role(user, 'editor')\n"
    )
    assert editor_checks(copy, copy_text) == ["activities/_copy_of_the_rule.py:3", "activities/_copy_of_the_rule.py:5"]


def test_editors_and_managers_see_exact_counts_and_everyone_else_gets_them_masked(viewer, editor, manager, outsider):
    from django.contrib.auth.models import AnonymousUser

    assert [disclosure.sees_exact(u) for u in (editor, manager)] == [True, True]
    assert [disclosure.sees_exact(u) for u in (viewer, outsider, AnonymousUser())] == [False, False, False]
    assert all(disclosure.masks_for(u) != disclosure.sees_exact(u) for u in (viewer, editor))
