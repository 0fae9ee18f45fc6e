"""What the import page must do with one file of the corpus."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024

REFUSED = "refused"
PREVIEW = "preview"


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    expect: str  # REFUSED or PREVIEW
    message: str = ""  # part of the refusal (REFUSED)
    rows: tuple[str, ...] = ()  # per row "ok" or a part of its error (PREVIEW)
