"""Checks on entered figures: Dutch number input, each with its Dutch error.

The consistency rules between figures (and the plausibility warnings) are in rules.py.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from nprz_dashboard.formatting import format_number

# ASCII digits only: Python's \d would also take Arabic-Indic (١٢٣), full-width (１２３) or
# mathematical (𝟏𝟐) digits, which nobody types on purpose into a Dutch form.
GROUPED = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?")  # 1.086 or 12.794,50
PLAIN = re.compile(r"[0-9]+(,[0-9]+)?")  # 1086 or 12,5
POINT_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")  # 12.5: English decimals, ambiguous in Dutch
NUMBER_CHARACTERS = set("0123456789.,")
VISIBLE = {"\n": "⏎", "\r": "⏎", "\t": "⇥", "\u00a0": " ", "\u202f": " "}


# Revisions count saves of a month or a report section; a value above the database's
# integer range can only come from a forged form, so it is refused before any query.
MAX_REVISION = 2_147_483_647
REVISION_ERRORS = {
    "invalid": "Dit formulier is ongeldig of verouderd; laad de pagina opnieuw.",
    "min_value": "Dit formulier is ongeldig of verouderd; laad de pagina opnieuw.",
    "max_value": "Dit formulier is ongeldig of verouderd; laad de pagina opnieuw.",
    "required": "Dit formulier is onvolledig; laad de pagina opnieuw.",
}


class NumberError(ValueError):
    """A value that cannot be stored, with the Dutch message to show next to the field."""


def parse_number(raw, *, allows_decimals: bool, max_value: Decimal) -> Decimal:
    """Return the value of Dutch input ('1.086', '1086', '12,5', or a spreadsheet number); raise NumberError.

    Text is ASCII digits with Dutch separators only: a space or line break inside a
    number, or a digit from another script, is refused with what was read, never guessed.
    """
    # A spreadsheet's true/false (a bool is an int) or date is no number: Decimal refuses its text.
    value = _from_number(raw) if isinstance(raw, int | float | Decimal) else _from_text(str(raw))
    return _checked(value, allows_decimals=allows_decimals, max_value=max_value)


def _from_number(raw) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise NumberError("Vul een getal in, bijvoorbeeld 1.086.") from None
    if not value.is_finite():
        raise NumberError("Vul een getal in, bijvoorbeeld 1.086.")
    return value


def _shown(text: str) -> str:
    """Return input as read, with line breaks, tabs and other invisible characters made visible."""
    shown = "".join(VISIBLE.get(c, c if c.isprintable() else f"\\u{ord(c):04x}") for c in text[:40])
    return shown + ("…" if len(text) > 40 else "")


def _from_text(raw: str) -> Decimal:
    text = raw.strip()
    if text.isascii() and text.isdigit() and len(text) <= 24:  # the common case, e.g. 1086: a history file has 500.000
        return Decimal(text)
    if text.startswith("="):
        raise NumberError("Formules worden niet uitgevoerd: vul de waarde zelf in.")
    body = text.removeprefix("€").lstrip().replace("\u2212", "-")
    negative = body.startswith("-")
    body = body.removeprefix("-")
    if any(c.isspace() for c in body):
        raise NumberError(
            f"Gelezen is ‘{_shown(text)}’: een getal mag geen spaties of regelovergangen bevatten. "
            "Schrijf het aaneen, bijvoorbeeld 1.234."
        )
    if any(c not in NUMBER_CHARACTERS for c in body):
        if any(c.isdigit() or c.isnumeric() for c in body if c not in NUMBER_CHARACTERS):
            raise NumberError(f"Gelezen is ‘{_shown(text)}’: gebruik de cijfers 0 tot en met 9, bijvoorbeeld 1.086.")
        if any(c in NUMBER_CHARACTERS for c in body):  # digits with something else: show what was read
            raise NumberError(f"Vul een getal in, bijvoorbeeld 1.086 (gelezen is ‘{_shown(text)}’).")
        raise NumberError("Vul een getal in, bijvoorbeeld 1.086.")
    if len(body) > 24:
        raise NumberError("Vul een getal in, bijvoorbeeld 1.086.")
    if GROUPED.fullmatch(body):
        body = body.replace(".", "")
    elif POINT_DECIMAL.fullmatch(body):
        raise NumberError(
            f"‘{raw.strip()}’ is geen Nederlands getal: de punt scheidt duizendtallen (1.086), "
            "de komma decimalen (12,5)."
        )
    elif not PLAIN.fullmatch(body):
        raise NumberError("Vul een getal in, bijvoorbeeld 1.086.")
    if negative:
        raise NumberError("Een negatieve waarde kan niet.")
    return Decimal(body.replace(",", "."))


def _checked(value: Decimal, *, allows_decimals: bool, max_value: Decimal) -> Decimal:
    if value < 0:
        raise NumberError("Een negatieve waarde kan niet.")
    if not allows_decimals and value != value.to_integral_value():
        raise NumberError("Vul een heel getal in: dit cijfer telt hele aantallen.")
    if allows_decimals and value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise NumberError("Gebruik hoogstens twee decimalen.")
    if value > max_value:
        raise NumberError(f"Deze waarde is onwaarschijnlijk hoog: het hoogst toegestane is {format_number(max_value)}.")
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.quantize(Decimal("0.01"))


def as_input(value: Decimal | None, allows_decimals: bool) -> str:
    """Return a stored value as the Dutch text an input shows: 1.086 or 1.250,50."""
    if value is None:
        return ""
    decimals = 2 if allows_decimals and value != value.to_integral_value() else 0
    return format_number(value, decimals)
