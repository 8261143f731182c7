"""The report's calendar. The dates are law, verified (docs/law.md AR-01, AR-04 [V]); a local 依法治办 may set an
earlier internal date, so each can be overridden in settings (FAZHI_REPORT_SUBMIT_BY / FAZHI_REPORT_PUBLISH_BY as
(month, day))."""

import datetime

from django.conf import settings

# 法治政府建设与责任落实督察工作规定 第二十三条第二款: "每年3月1日之前" report to the county (AR-01).
SUBMIT_BY = (3, 1)
SUBMIT_SOURCE = "法治政府建设与责任落实督察工作规定 第二十三条"
# 同规定 第二十四条: publish "每年4月1日之前" (AR-04), after a 保密审查 (AR-08).
PUBLISH_BY = (4, 1)
PUBLISH_SOURCE = "法治政府建设与责任落实督察工作规定 第二十四条"


def submit_due(year: int) -> datetime.date:
    month, day = getattr(settings, "FAZHI_REPORT_SUBMIT_BY", SUBMIT_BY)
    return datetime.date(year + 1, month, day)


def publish_due(year: int) -> datetime.date:
    month, day = getattr(settings, "FAZHI_REPORT_PUBLISH_BY", PUBLISH_BY)
    return datetime.date(year + 1, month, day)
