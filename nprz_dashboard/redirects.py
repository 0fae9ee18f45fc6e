"""Redirect targets built from a request stay on this site.

A path like `//evil.example/` (or `/\\evil.example/`, or `/%2Fevil.example/`, which the
server decodes to the former) is a path to Django but a host to a browser: put in a
Location header as it is, it sends the user to another site.
"""

from django.utils.encoding import escape_uri_path


def same_site_path(path: str) -> str:
    """Return `path` with one leading slash and percent-encoded, so a browser reads it as a path on this site."""
    # Browsers read a backslash as a slash; escaping keeps a tab or newline from being dropped into "//".
    return "/" + escape_uri_path(path.lstrip("/\\"))
