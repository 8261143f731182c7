"""The 治平乡 2023 report draft: the township's own text (the seed report) over the demo records."""

from fazhi.reports import services
from fazhi.reports.models import Report
from fazhi.reports.seed_text import SEED_SECTIONS


def load(context: dict) -> None:
    township = context["township"]
    if not Report.objects.filter(area=township, year=2023).exists():
        services.report_create(actor=None, area=township, year=2023, template=SEED_SECTIONS)
