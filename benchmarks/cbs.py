"""Reading CBS StatLine's OData feed through cbsodata, at the address in CBS_ODATA_URL.

cbsodata keeps its catalog address and scheme as module-wide options; `fetch`
sets them for one download and puts them back. Proxies come from the
environment for that address (no_proxy honoured), never for a local test server.
"""

from __future__ import annotations

from contextlib import contextmanager
from urllib.parse import urlsplit

import cbsodata
import requests
from django.conf import settings
from requests.utils import get_environ_proxies


class CbsUnavailable(Exception):
    """CBS could not be read; the message is Dutch and names the table."""


@contextmanager
def _catalog(url: str):
    parts = urlsplit(url)
    old = (cbsodata.options.catalog_url, cbsodata.options.use_https)
    cbsodata.options.catalog_url = parts.netloc + parts.path
    cbsodata.options.use_https = parts.scheme == "https"
    try:
        yield
    finally:
        cbsodata.options.catalog_url, cbsodata.options.use_https = old


def fetch(table_id: str, filters: str | None = None, select: list[str] | None = None) -> dict[str, list[dict]]:
    """Return a table's metadata tables and its TypedDataSet, keys untranslated (e.g. 'GM0599    ')."""
    url = settings.CBS_ODATA_URL
    try:
        with _catalog(url):
            # cbsodata's typed=False downloads the TypedDataSet (numbers as numbers, None for an empty cell).
            return cbsodata.download_data(
                table_id,
                typed=False,
                filters=filters,
                select=select,
                timeout=settings.CBS_TIMEOUT_SECONDS,
                proxies=get_environ_proxies(url),
            )
    except (requests.RequestException, ValueError, KeyError) as error:
        raise CbsUnavailable(f"CBS-tabel {table_id} kon niet worden gelezen van {url}: {error}") from error
