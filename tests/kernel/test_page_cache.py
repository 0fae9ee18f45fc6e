"""The page cache: who gets which kept page, what the key holds, and what is never kept.

How the cache follows every write is in tests/architecture/test_write_paths_refresh_pages.py;
cold and warm query counts are pinned in each page's own tests.
"""

import datetime as dt
import logging
import re

import pytest

from activities.models import ActivityRecord, Measure
from nprz_dashboard import clock
from nprz_dashboard.periods import Quarter
from tests.conftest import make_user
from tests.helpers import approve_quarter, client_for, text_of

DISCLOSED_PAGE = "/activities/wijkwerktafels/"  # matches per neighbourhood, small counts for readers


def served(response) -> str:
    return response.get("Server-Timing", "")


def page_without_tokens(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.fixture
def small_counts(db):
    measure = Measure.objects.get(activity__slug="wijkwerktafels", slug="matches")
    ActivityRecord.objects.for_measure(measure).in_neighbourhoods().filter(month="2026-10-01").update(value=4)


def built_without_cache(client, url, settings) -> str:
    cache = settings.CACHES
    settings.CACHES = {"default": {**cache["default"], "TIMEOUT": 0}}
    text = text_of(client.get(url))
    settings.CACHES = cache
    return text


@pytest.mark.parametrize("first", ["reader", "editor"])
def test_a_reader_never_gets_the_page_kept_for_an_editor_nor_the_reverse(first, viewer, editor, small_counts, settings):
    readers, editors = client_for(viewer), client_for(editor)
    expected = {"reader": built_without_cache(readers, DISCLOSED_PAGE, settings),
                "editor": built_without_cache(editors, DISCLOSED_PAGE, settings)}  # fmt: skip
    assert "<10" in expected["reader"] and "<10" not in expected["editor"]
    order = [("reader", readers), ("editor", editors)]
    for who, client in order if first == "reader" else order[::-1]:
        response = client.get(DISCLOSED_PAGE)
        assert served(response) == 'page;desc="miss"'  # the other role's kept page is not theirs
        assert text_of(response) == expected[who]
        again = client.get(DISCLOSED_PAGE)
        assert served(again) == 'page;desc="hit"' and text_of(again) == expected[who]


def test_a_kept_page_is_the_page_as_built(viewer_client):
    built = viewer_client.get("/")
    kept = viewer_client.get("/")
    assert (served(built), served(kept)) == ('page;desc="miss"', 'page;desc="hit"')
    assert page_without_tokens(kept) == page_without_tokens(built)


def test_readers_share_a_kept_page_but_each_sees_their_own_name_and_token(viewer):
    other = make_user("raadslid", "viewer")
    other.first_name, other.last_name = "Anna", "de Raad"
    other.save()
    first, second = client_for(viewer).get("/"), client_for(other).get("/")
    assert served(second) == 'page;desc="hit"'
    assert "Ingelogd als wethouder" in text_of(first) and "Ingelogd als Anna de Raad" in text_of(second)
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(first.content.decode()).group(1) != token.search(second.content.decode()).group(1)


def test_a_new_month_builds_the_page_again(viewer_client, monkeypatch):
    assert "tot en met oktober 2026" in text_of(viewer_client.get("/activities/"))
    assert served(viewer_client.get("/activities/")) == 'page;desc="hit"'
    monkeypatch.setattr(clock, "today", lambda: dt.date(2026, 12, 2))  # the same data, a month later
    response = viewer_client.get("/activities/")
    assert served(response) == 'page;desc="miss"'
    assert "tot en met november 2026" in text_of(response)


def test_another_disclosure_threshold_builds_the_page_again(viewer_client, small_counts, settings):
    assert "<10" in text_of(viewer_client.get(DISCLOSED_PAGE))
    settings.DISCLOSURE_THRESHOLD = 3
    response = viewer_client.get(DISCLOSED_PAGE)
    assert served(response) == 'page;desc="miss"' and "<10" not in text_of(response)


def test_each_area_and_filter_is_a_page_of_its_own_whatever_the_order_of_the_query(viewer_client):
    assert "Bloemhof" in text_of(viewer_client.get("/caseload/?area=BU05991081"))
    other = viewer_client.get("/caseload/?area=WK059910")
    assert served(other) == 'page;desc="miss"' and "Bijstandsbestand Feijenoord" in text_of(other)
    viewer_client.get("/caseload/figures/?area=NPRZ&sort=month")
    assert served(viewer_client.get("/caseload/figures/?sort=month&area=NPRZ")) == 'page;desc="hit"'


def test_a_page_with_a_form_that_posts_is_never_kept(manager_client):
    for _ in range(2):
        response = manager_client.get("/targets/")
        assert response.status_code == 200 and served(response) == ""
        # the managers' forms carry this request's CSRF token inside the page's content
        assert 'name="csrfmiddlewaretoken"' in response.content.decode().split('id="inhoud"')[1]


def test_exports_and_error_pages_are_never_kept(viewer_client):
    for _ in range(2):
        export = viewer_client.get("/activities/verzuimaanpak/?_export=csv")
        assert export["Content-Type"].startswith("text/csv") and served(export) == ""
        missing = viewer_client.get("/reports/2025/q1/")  # not published: not for readers
        assert missing.status_code == 404 and served(missing) == ""


def test_a_user_without_a_role_never_reaches_a_kept_page(viewer_client, outsider):
    viewer_client.get("/")
    assert served(viewer_client.get("/")) == 'page;desc="hit"'
    assert client_for(outsider).get("/").status_code == 403
    assert client_for(outsider).get("/activities/verzuimaanpak/").status_code == 403


def test_a_message_after_a_write_shows_once_around_a_kept_page(manager_client):
    approve_quarter(Quarter(2025, 1))  # publishing needs the quarter's months approved
    form = {"caseload": "Tekst.", "publiceren": "1", "bevestigen": "1"}  # as the confirmation page posts it
    response = manager_client.post("/reports/2025/q1/", form, follow=True)
    assert "is gepubliceerd als versie 1" in text_of(response)
    again = manager_client.get("/reports/2025/q1/?version=1")
    assert served(again) == 'page;desc="hit"'
    assert "is gepubliceerd als versie 1" not in text_of(again)


def test_an_unreachable_redis_makes_pages_slower_never_broken(viewer_client, settings, caplog):
    settings.CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0",
        "KEY_PREFIX": "onbereikbaar", "OPTIONS": {"socket_connect_timeout": 0.2},
    }}  # fmt: skip
    with caplog.at_level(logging.WARNING, logger="nprz_dashboard.page_cache"):
        response = viewer_client.get("/")
    assert response.status_code == 200 and "Stand 12.191 eind oktober 2026" in text_of(response)
    assert "page cache unavailable" in caplog.text


def test_the_cache_is_redis_when_redis_url_is_set_and_it_answers(settings):
    # `make test-postgres-redis` (CI) runs the suite this way; a Redis that is down fails here.
    from django.core.cache import cache

    expected = "RedisCache" if settings.REDIS_URL else "LocMemCache"
    assert settings.CACHES["default"]["BACKEND"].endswith(expected)
    cache.set("probe", b"page")
    assert cache.get("probe") == b"page"


def test_the_redis_backend_builds_one_client_per_connection_pool_not_one_per_call():
    from nprz_dashboard.redis_cache import ReusingClient

    client = ReusingClient(["redis://127.0.0.1:6379/0"])  # no connection is made until a command is sent
    assert client.get_client("a") is client.get_client("b") is client.get_client("c", write=True)
    assert client.get_client().connection_pool is client._get_connection_pool(write=False)
