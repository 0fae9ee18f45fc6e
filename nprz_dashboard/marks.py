"""The marks an exported artefact carries: its title, the date of its data, its source, and "demo".

A table, chart or report that leaves the dashboard as CSV, XLSX, PNG, SVG or
PDF travels without the page around it, so without the yellow demo banner and
the data stamp. Each file says for itself what it is, how recent its figures
are, where they come from and, when any of them is synthetic, that it is a
demo. This module writes those words once; the exports (`exports.py`), the
report's chart downloads and its PDF footer all call it.

A demo value is never "voorlopig" or "definitief": those are CBS statuses of
real figures. It is a `DEMO_STATUS` wherever a status is shown.
"""

import datetime as dt
from dataclasses import dataclass

from .formatting import format_date
from .periods import Month

SOURCE = "NPRZ Werkmonitor, gemeente Rotterdam"
# A demo value has no CBS status: "voorlopig" and "definitief" are for real figures only.
DEMO_STATUS = "demowaarde"
DEMO_TEXT = "DEMO: bevat synthetische cijfers, geen echte cijfers"


def data_through(last: Month | None) -> str:
    """Return the data date of an artefact in words: 'cijfers t/m november 2026', or that it holds none."""
    return f"cijfers t/m {last.label}" if last is not None else "geen cijfers in deze selectie"


def status_label(label: str, is_demo: bool) -> str:
    """Return a figure's status as shown: its CBS status, or 'demowaarde' for a demo value."""
    return DEMO_STATUS if is_demo else label


@dataclass(frozen=True)
class Marks:
    """What an artefact says about itself; `data_date` in words, e.g. 'cijfers t/m november 2026'."""

    title: str
    data_date: str
    demo: bool = False
    source: str = SOURCE
    made_on: dt.date | None = None

    @property
    def demo_line(self) -> str:
        """Return the demo warning, or '' for an artefact without demo values."""
        return DEMO_TEXT if self.demo else ""

    @property
    def about(self) -> str:
        """Return title, data date and source on one line, as under a downloaded chart's own title."""
        return " · ".join(part for part in (self.title, self.data_date, f"Bron: {self.source}") if part)

    def lines(self) -> list[str]:
        """Return the marks as separate lines: title, data date (and when made), source, demo."""
        made = f"gemaakt op {format_date(self.made_on)}" if self.made_on is not None else ""
        date = "; ".join(part for part in (self.data_date, made) if part)
        return [line for line in (self.title, date, f"Bron: {self.source}", self.demo_line) if line]

    def line(self) -> str:
        """Return the marks on one line, as the first line of a CSV or under a chart."""
        return " · ".join(self.lines())
