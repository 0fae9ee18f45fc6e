"""Settings refuse bad configuration loudly."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from nprz_dashboard import settings as s


@pytest.mark.parametrize("raw", ["maybe", "2", "ja"])
def test_a_boolean_that_is_not_yes_or_no_is_refused(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)
    with pytest.raises(ImproperlyConfigured):
        s.env_bool("SOME_FLAG", False)


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("off", False), ("TRUE", True), ("", False)])
def test_clear_booleans_are_read(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert s.env_bool("SOME_FLAG", not expected) is expected


def test_an_integer_that_is_not_a_number_is_refused(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "tien")
    with pytest.raises(ImproperlyConfigured):
        s.env_int("SOME_NUMBER", 1)


def test_lists_drop_empty_items(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", "a.nl, ,b.nl,")
    assert s.env_list("SOME_HOSTS", []) == ["a.nl", "b.nl"]


def test_the_ui_is_dutch_in_amsterdam_time(settings):
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert not settings.USE_THOUSAND_SEPARATOR
