"""How a figure's number is written in Chinese reports: exact, or with 余 as reports write rough quantities."""

from decimal import Decimal


def format_value(value, *, approx: bool = False, flagged: bool = False) -> str:
    """Exact ("12") or with 余 ("10余", "100余", "700余"): keep the leading digit, floor the rest.

    A value below 10, or one that is already round, is written exactly (余 means "more than") — unless `flagged`:
    a record counted in it was entered as a 约数 ("about 3000 copies"), and the report writes "3000余" as the
    township itself would.
    """
    number = Decimal(value)
    if number != number.to_integral_value():
        return format(number.normalize(), "f")
    n = int(number)
    if not approx or n < 10:
        return str(n)
    magnitude = 10 ** (len(str(n)) - 1)
    base = n // magnitude * magnitude
    return f"{base}余" if base != n or flagged else str(n)
