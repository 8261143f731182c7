from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from fazhi.core.facts import Writing
from fazhi.figures.writing import format_value

register = template.Library()


@register.filter
def figure_text(value, unit: str = "") -> str:
    """A figure as the pages show it; an undefined one (a rate over zero, a change from no data) says so."""
    if value is None:
        return _("无法计算（无数据或分母为0）")
    number = Decimal(value).normalize()
    text = format(number.quantize(Decimal(1)) if number == number.to_integral_value() else number, "f")
    return f"{text}{unit or ''}"


@register.simple_tag
def figure_written(value, unit: str = "", writing: str = Writing.EXACT, flagged: bool = False) -> str:
    """A figure as its definition says the report writes it: 约数 with 余 ("1000余"), and "3000余" for a round
    number when a record counted was entered as a 约数 — so that a page shows what the report will say."""
    if value is None or writing not in (Writing.YU, Writing.FLAG):
        return figure_text(value, unit)
    return f"{format_value(value, approx=True, flagged=flagged and writing == Writing.FLAG)}{unit or ''}"
