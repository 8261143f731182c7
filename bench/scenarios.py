"""What the benchmark looks at: the pages a township user opens most, on the first synthetic township."""

from django.urls import NoReverseMatch, reverse


def township_pages() -> tuple[str, dict[str, str]]:
    from fazhi.areas.models import Area, Level

    township = Area.objects.filter(level=Level.TOWNSHIP, code="509900001000").get()
    from fazhi.mediation.models import Dispute

    grid = Area.objects.subtree(township).filter(level=Level.GRID).order_by("path").first()
    # The newest open dispute beyond 简易: the detail page at its heaviest (every action it offers). The generators
    # draw per area, so it is the same dispute on the one-township and the county dataset.
    in_township = Dispute.objects.filter(area__path__startswith=township.path).order_by("-received_on", "-id")
    dispute = in_township.filter(status="open").exclude(tier="simple").first() or in_township.first()
    candidates = {
        "workbench": ("core:workbench", {}, ""),
        "area list": ("areas:area_list", {}, "?q=合成1"),
        "grid page": ("grid:grid_detail", {"pk": grid.pk}, ""),
        "resident list (filter + name search)": ("people:resident_list", {}, "?q=zy&tag=left_behind_elderly"),
        "dispute detail": ("mediation:dispute_detail", {"pk": dispute.pk if dispute else 0}, ""),
        # The figures page (指标) is the township's dashboard, one report section at a time: the first section, and
        # the section with the most figures (the worst case a user can open).
        "dashboard": ("reports:metric_list", {}, "?year=2023"),
        "dashboard, largest section": ("reports:metric_list", {}, f"?year=2023&section={_largest_section(township)}"),
        # The charts page (issue 24) on its own default: the township's latest year with records.
        "charts dashboard": ("reports:township_dashboard", {}, ""),
    }
    paths = {}
    for name, (url_name, kwargs, query) in candidates.items():
        try:
            paths[name] = reverse(url_name, kwargs=kwargs) + query
        except NoReverseMatch:
            continue  # the page does not exist (yet) in this build
    return "bench_legal_staff_1", paths


def _largest_section(township) -> int:
    from fazhi.reports.selectors import metric_sections

    return max(metric_sections(township), key=lambda section: len(section.keys)).number


def county_pages() -> tuple[str, dict[str, str]]:
    """The county's 法治工作人员 (the generator posts one over every township): the same kinds of page, over the whole
    county's records."""
    from fazhi.areas.models import Area, Level
    from fazhi.mediation.models import Dispute

    county = Area.objects.get(level=Level.COUNTY, code="509900000000")
    in_county = Dispute.objects.filter(area__path__startswith=county.path, status="open").exclude(tier="simple")
    dispute = in_county.order_by("-received_on", "-id").first()
    largest = f"?year=2023&section={_largest_section(county)}"
    candidates = {
        "county: workbench": ("core:workbench", {}, ""),
        "county: resident list": ("people:resident_list", {}, ""),
        "county: matter list": ("grid:matter_list", {}, ""),
        "county: visit list": ("grid:visit_list", {}, ""),
        "county: disclosure boards": ("disclosure:board_list", {}, ""),
        "county: dispute detail": ("mediation:dispute_detail", {"pk": dispute.pk if dispute else 0}, ""),
        "county: figures, largest section": ("reports:metric_list", {}, largest),
        "county: charts dashboard": ("reports:county_dashboard", {}, ""),
    }
    paths = {name: reverse(url, kwargs=kwargs) + query for name, (url, kwargs, query) in candidates.items()}
    return "bench_county_legal_staff_1", paths


def supervisor_pages() -> tuple[str, dict[str, str]]:
    """The county's read-only 督察: the workbench is their oversight page (overdue and at-risk work by township)."""
    return "bench_county_supervisor_1", {
        "county supervisor: oversight (workbench)": reverse("core:workbench"),
        "county supervisor: charts dashboard": reverse("reports:county_dashboard"),
    }
