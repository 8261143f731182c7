from fazhi.areas.testing import Case
from fazhi.figures import services
from fazhi.figures.choices import FigureKind
from fazhi.reports.tests.matrix import CHANGERS, VIEWERS, _township


def _definition(world, area):
    definition = services.definition_save(
        actor=None,
        area=_township(area),
        values={"name": "测试指标", "kind": FigureKind.AGGREGATE, "record_type": "publicity.activity"},
    )
    return {"pk": definition.pk}


CASES = [
    Case("figures:definition_list", VIEWERS),
    Case("figures:definition_create", CHANGERS),
    Case("figures:definitions_export", VIEWERS),
    Case("figures:definitions_import", CHANGERS),
    Case("figures:definition_detail", VIEWERS, kwargs=_definition),
    Case("figures:definition_update", CHANGERS, kwargs=_definition),
    Case("figures:definition_copy", CHANGERS, method="post", kwargs=_definition),
    Case("figures:definition_toggle", CHANGERS, method="post", kwargs=_definition),
]
