"""Static files as deployed: only the vendor files the pages use, found in node_modules, and a favicon."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from nprz_dashboard.vendor_files import VendorFileFinder

STATIC_TAG = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]\s*%}""")


def template_static_names() -> set[str]:
    """Every name a template passes to {% static %}."""
    names = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        names.update(STATIC_TAG.findall(template.read_text()))
    return names


def test_every_static_file_a_template_names_is_found():
    missing = [name for name in sorted(template_static_names()) if not finders.find(name)]
    assert missing == []


def test_only_vendor_files_the_templates_load_are_exposed():
    # Whole npm dist/ folders broke collectstatic with the manifest storage. A source map is exposed only
    # beside the file that names it (the manifest storage follows its sourceMappingURL).
    loaded = {name for name in settings.VENDOR_FILES if not name.endswith(".map")}
    assert loaded <= template_static_names()
    assert {name.removesuffix(".map") for name in settings.VENDOR_FILES if name.endswith(".map")} <= loaded
    listed = {f"{storage.prefix}/{path}" for path, storage in VendorFileFinder().list(None)}
    assert listed == set(settings.VENDOR_FILES)


def test_names_no_finder_knows_are_not_found():
    # The PDF renderer falls back to the collected (hashed) files when no finder knows a name.
    assert finders.find("vendor/plotly/plotly-basic.min.1a2b3c4d5e6f.js") is None
    assert finders.find("vendor/plotly/plotly-basic.min.js").endswith("plotly-basic.min.js")


def test_a_missing_vendor_file_stops_the_checks_with_how_to_install_it(settings, tmp_path):
    settings.VENDOR_FILES = {"vendor/plotly/plotly-basic.min.js": tmp_path / "absent.js"}
    errors = VendorFileFinder().check()
    assert [e.id for e in errors] == ["nprz_dashboard.E001"]
    assert "npm ci" in errors[0].hint


def test_pages_link_the_favicon(viewer_client):
    html = viewer_client.get("/").content.decode()
    assert f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">' in html
    assert Path(finders.find("favicon.svg")).read_text().startswith("<svg")


def test_favicon_ico_leads_to_the_icon_without_login(client, db):
    # Chromium asks /favicon.ico on pages without our <link rel=icon> (the admin); a 404 is a console error.
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.svg")
    assert "max-age=86400" in response["Cache-Control"]
