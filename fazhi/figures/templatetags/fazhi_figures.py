from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def figure_text(value, unit: str = "") -> str:
    """A figure as the pages show it; an undefined one (a rate over zero, a change from no data) says so."""
    if value is None:
        return _("无法计算（无数据或分母为0）")
    number = Decimal(value).normalize()
    text = format(number.quantize(Decimal(1)) if number == number.to_integral_value() else number, "f")
    return f"{text}{unit or ''}"
