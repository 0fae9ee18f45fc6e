"""Serve single files from node_modules as static files, listed one by one in settings.VENDOR_FILES.

npm packages ship much more than the pages load, and some of it cannot be
collected: @utrecht/design-tokens has a stylesheet that points at an icon the
package doesn't contain, which stops collectstatic with the manifest storage.
Exposing only the files the templates use keeps `collectstatic` and the
deployed static folder small and working, and `make run` serves the same files.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.checks import Error
from django.core.files.storage import FileSystemStorage


class VendorFileFinder(BaseFinder):
    """A staticfiles finder for the {static name: file on disk} pairs of settings.VENDOR_FILES."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.files = {name: Path(path) for name, path in settings.VENDOR_FILES.items()}

    def check(self, **kwargs):
        return [
            Error(
                f"Vendor file {path} (static name {name}) is missing.",
                hint="Install the front-end packages with `npm ci` (or `make setup`).",
                id="nprz_dashboard.E001",
            )
            for name, path in self.files.items()
            if not path.is_file()
        ]

    def find(self, path, find_all=False):
        found = self.files.get(path)
        if found is None or not found.is_file():
            return []  # as Django's finders: finders.find() treats anything else as a match
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        """Yield (file name, storage) with the storage's prefix set, as FileSystemFinder does for prefixed dirs."""
        for name, path in self.files.items():
            if not path.is_file():
                continue
            prefix, _, _ = name.rpartition("/")
            storage = FileSystemStorage(location=path.parent)
            storage.prefix = prefix
            yield path.name, storage
