from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    FINAL = "final", _("已定稿")
    SUBMITTED = "submitted", _("已报送")
    REVIEWED = "reviewed", _("已通过保密审查")
    PUBLISHED = "published", _("已公开")


class ContentKind(models.TextChoices):
    """The five contents a report must cover (法治政府建设与责任落实督察工作规定 第二十五条 — docs/law.md AR-05)."""

    MEASURES = "measures", _("上一年度推进法治政府建设的主要举措和成效")
    SHORTCOMINGS = "shortcomings", _("存在的不足和原因")
    FIRST_RESPONSIBLE = "first_responsible", _("党政主要负责人履行推进法治建设第一责任人职责情况")
    NEXT_YEAR = "next_year", _("下一年度主要安排")
    OTHER = "other", _("其他需要报告的情况")


class SectionLevel(models.IntegerChoices):
    PARAGRAPH = 0, _("正文段落")
    HEADING1 = 1, _("一级标题（一、）")
    HEADING2 = 2, _("二级标题（（一））")


class Start(models.TextChoices):
    """Where a new report's text starts (issue 22 item 2)."""

    PREVIOUS = "previous", _("沿用本单位上一年度报告的文字（数字按本年度重新统计）")
    COUNTY = "county", _("使用县里发布的报告模板（数字为本单位本年度数据）")
    DRAFT = "draft", _("根据本单位本年度工作记录生成初稿")
