"""What the benchmark looks at: the pages a township user opens most, on the first synthetic township."""

from django.urls import NoReverseMatch, reverse


def township_pages() -> tuple[str, dict[str, str]]:
    from fazhi.areas.models import Area, Level

    township = Area.objects.filter(level=Level.TOWNSHIP, code="509900001000").get()
    from fazhi.mediation.models import Dispute

    grid = Area.objects.subtree(township).filter(level=Level.GRID).order_by("path").first()
    dispute = Dispute.objects.filter(area__path__startswith=township.path).order_by("-received_on", "-id").first()
    candidates = {
        "workbench": ("core:workbench", {}, ""),
        "area list": ("areas:area_list", {}, "?q=合成1"),
        "grid page": ("grid:grid_detail", {"pk": grid.pk}, ""),
        "resident list (filter + name search)": ("people:resident_list", {}, "?q=zs&tag=left_behind_elderly"),
        "dispute detail": ("mediation:dispute_detail", {"pk": dispute.pk if dispute else 0}, ""),
        # The figures page (指标) is the township's dashboard: every registered figure of the year.
        "dashboard": ("reports:metric_list", {}, "?year=2023"),
    }
    paths = {}
    for name, (url_name, kwargs, query) in candidates.items():
        try:
            paths[name] = reverse(url_name, kwargs=kwargs) + query
        except NoReverseMatch:
            continue  # the page does not exist (yet) in this build
    return "bench_legal_staff_1", paths
