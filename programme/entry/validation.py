"""Checks on entered figures: Dutch number input (errors) and plausibility (warnings).

Errors stop a save. Warnings (a large change against last month, a value outside
the last twelve months' range, a stock–flow gap) need an explicit confirmation, in the spirit of DHIS2's min–max checks.
Thresholds are settings so the municipality can tune them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings

from monitoring.models import AreaLevel, CaseloadIndicator
from nprz_dashboard.formatting import format_number, format_percent, format_value
from nprz_dashboard.periods import Month

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


@dataclass(frozen=True)
class EntryWarning:
    """A plausibility warning; `keys` are the fields it is about."""

    keys: tuple[str, ...]
    message: str


def check_plausibility(slots, values: dict, changed: set[str], previous: dict, month: Month) -> list[EntryWarning]:
    """Return warnings for the changed values of a month.

    `values` are the month's values after the save (stored plus entered), by slot key;
    `previous` holds each slot's values of the twelve months before, by month.
    """
    # Stocks move slowly; monthly flows of small activities swing a lot, so they get more room.
    shares = settings.ENTRY_CHANGE_WARNING_SHARE
    minimum = Decimal(str(settings.ENTRY_CHANGE_WARNING_MIN))
    tolerance = Decimal(str(settings.ENTRY_RANGE_TOLERANCE))
    warnings = []
    by_key = {slot.key: slot for slot in slots}
    for key in sorted(changed, key=list(by_key).index):
        slot, value = by_key[key], values.get(key)
        if value is None:
            continue
        history = previous.get(key, {})
        last = history.get(month - 1)
        share = Decimal(str(shares.get(slot.kind, shares["flow"])))
        if last is not None and abs(value - last) >= minimum and last > 0 and abs(value - last) / last > share:
            change = (value - last) / last * 100
            warnings.append(
                EntryWarning(
                    (key,),
                    f"{slot.label}: {format_value(value, slot.unit)} is {format_percent(abs(change))} "
                    f"{'hoger' if change > 0 else 'lager'} dan vorige maand ({format_value(last, slot.unit)}).",
                )
            )
            continue
        if len(history) >= 3:
            low, high = min(history.values()), max(history.values())
            margin = max(high * tolerance, minimum)
            if value < low - margin or value > high + margin:
                warnings.append(
                    EntryWarning(
                        (key,),
                        f"{slot.label}: {format_value(value, slot.unit)} valt buiten wat de afgelopen 12 maanden "
                        f"voorkwam ({format_value(low, slot.unit)} tot {format_value(high, slot.unit)}).",
                    )
                )
    warnings.extend(_identity_gaps(slots, values, changed, previous, month))
    return warnings


def _identity_gaps(slots, values, changed, previous, month) -> list[EntryWarning]:
    """Warn when stock(t) differs much from stock(t−1) + inflow − outflow (NPRZ as a whole).

    CBS flows leave out people reaching pension age, so a small gap is normal.
    Neighbourhood stocks and flows are spread separately, so only the total is checked.
    """
    keys = {slot.indicator: slot.key for slot in slots if slot.is_caseload and slot.area_level == AreaLevel.PROGRAMME}
    if not keys or not changed & set(keys.values()):
        return []
    stock = values.get(keys.get(CaseloadIndicator.CASELOAD))
    before = previous.get(keys.get(CaseloadIndicator.CASELOAD), {}).get(month - 1)
    inflow = values.get(keys.get(CaseloadIndicator.INFLOW))
    outflow = values.get(keys.get(CaseloadIndicator.OUTFLOW))
    if None in (stock, before, inflow, outflow):
        return []
    expected = before + inflow - outflow
    share = Decimal(str(settings.ENTRY_IDENTITY_TOLERANCE))
    allowed = max(expected * share, Decimal(settings.ENTRY_IDENTITY_MIN))
    gap = stock - expected
    if abs(gap) <= allowed:
        return []
    return [
        EntryWarning(
            (keys[CaseloadIndicator.CASELOAD], keys[CaseloadIndicator.INFLOW], keys[CaseloadIndicator.OUTFLOW]),
            f"Bestand en stromen sluiten niet aan: vorige maand {format_number(before)} + instroom "
            f"{format_number(inflow)} − uitstroom {format_number(outflow)} = {format_number(expected)}, "
            f"maar ingevuld is {format_number(stock)} (verschil {format_number(gap)}; "
            f"een klein verschil door uitstroom op AOW-leeftijd is normaal).",
        )
    ]


def signature(warnings: list[EntryWarning]) -> str:
    """Return a short fingerprint of the warnings, so a confirmation only covers the warnings shown."""
    import hashlib

    text = "\n".join(w.message for w in warnings)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
