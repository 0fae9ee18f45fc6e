"""make test on a fresh machine: Chromium is installed (root with apt) or one line says how."""

import sys

import pytest

from tools import ensure_chromium


def test_an_installed_browser_needs_nothing():
    assert ensure_chromium.plan(sys.executable, is_root=False, has_apt=False) == "ok"


@pytest.mark.parametrize(
    ("is_root", "has_apt", "action"),
    [(True, True, "install"), (False, True, "missing"), (True, False, "missing"), (False, False, "missing")],
)
def test_a_missing_browser_is_installed_only_by_root_with_apt(is_root, has_apt, action):
    assert ensure_chromium.plan("/nonexistent/chromium", is_root=is_root, has_apt=has_apt) == action


def test_without_root_it_stops_with_one_line_saying_how_to_install(monkeypatch, capsys):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    monkeypatch.setattr(ensure_chromium.os, "geteuid", lambda: 1000)
    assert ensure_chromium.main() == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert "Chromium ontbreekt (/nonexistent/chromium)" in line
    assert "Chromium is missing" in line
    assert "apt-get install chromium" in line
