"""What the benchmark looks at: the pages a township user opens most, on the first synthetic township."""

from django.urls import NoReverseMatch, reverse


def township_pages() -> tuple[str, dict[str, str]]:
    from fazhi.areas.models import Area, Level

    township = Area.objects.filter(level=Level.TOWNSHIP, code="509900001000").get()
    grid = Area.objects.subtree(township).filter(level=Level.GRID).order_by("path").first()
    candidates = {
        "workbench": ("core:workbench", {}, ""),
        "area list": ("areas:area_list", {}, "?q=合成1"),
        "grid page": ("grid:grid_detail", {"pk": grid.pk}, ""),
        "resident list (filter + name search)": ("people:resident_list", {}, "?q=zs"),
        "dashboard": ("reports:dashboard", {}, ""),
    }
    paths = {}
    for name, (url_name, kwargs, query) in candidates.items():
        try:
            paths[name] = reverse(url_name, kwargs=kwargs) + query
        except NoReverseMatch:
            continue  # the page does not exist (yet) in this build
    return "bench_legal_staff_1", paths
