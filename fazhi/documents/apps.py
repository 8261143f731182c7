from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    label = "documents"
    verbose_name = _("规范性文件")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_attachment,
            register_deadline_rule,
            register_demo_loader,
            register_generator,
            register_nav,
            register_workbench,
        )
        from fazhi.documents import demo, generate, metrics, workbench
        from fazhi.documents.models import NormativeDocument

        register_nav(NavItem(_("规范性文件"), "documents:document_list", "documents", _("依法行政"), 600))
        register_nav(NavItem(_("文件清理"), "documents:campaign_list", "documents", _("依法行政"), 601))
        register_workbench(workbench.items)
        register_demo_loader(demo.load, order=60)
        register_generator(generate.generate, order=72)
        metrics.register_all()
        register_attachment(NormativeDocument._meta.get_field("draft_file"), NormativeDocument.objects.visible_to)
        # 备案期限各地不一 (docs/law.md ND-15, [M]): default 15 natural days, admin-editable via core.DeadlineRule.
        register_deadline_rule(
            key="documents.filing",
            label="规范性文件报送备案期限",
            days=15,
            unit="natural",
            source="国办发〔2018〕37号；地方备案规定（docs/law.md ND-15，期限为本地配置）",
            certainty="M",
        )
        # 涉及群众切身利益的征求意见不少于7个工作日 (示范指标 ind.24, docs/law.md ND-07, [V2]).
        register_deadline_rule(
            key="documents.consultation",
            label="规范性文件公开征求意见最短期限",
            days=7,
            unit="working",
            source="法治政府建设示范指标体系 第24项（docs/law.md ND-07）",
            certainty="V2",
        )
        # 合法性审核一般不少于5个工作日 (docs/law.md ND-09, 国办发〔2018〕115号, [M]).
        register_deadline_rule(
            key="documents.legality_review",
            label="规范性文件合法性审核最短期限",
            days=5,
            unit="working",
            source="国办发〔2018〕115号（docs/law.md ND-09）",
            certainty="M",
        )
