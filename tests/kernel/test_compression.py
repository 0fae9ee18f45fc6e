"""HTML travels gzipped: the overview in at most 15 KB."""

import gzip


def test_the_overview_travels_gzipped_within_15_kb(viewer_client):
    for served in ("miss", "hit"):  # built, then from the page cache
        response = viewer_client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response.status_code == 200
        assert response["Server-Timing"] == f'page;desc="{served}"'
        assert response["Content-Encoding"] == "gzip"
        assert len(response.content) <= 15 * 1024
        html = gzip.decompress(response.content).decode()
        assert html.startswith("<!DOCTYPE html>")
        assert "Accept-Encoding" in response["Vary"]


def test_clients_that_do_not_accept_gzip_get_plain_html(viewer_client):
    response = viewer_client.get("/")
    assert not response.has_header("Content-Encoding")
    assert response.content.decode().startswith("<!DOCTYPE html>")
