"""The 治平乡 2023 report draft, built from the default (seed) template over the demo records."""

from fazhi.reports import services
from fazhi.reports.models import Report


def load(context: dict) -> None:
    township = context["township"]
    if not Report.objects.filter(area=township, year=2023).exists():
        services.report_create(actor=None, area=township, year=2023)
