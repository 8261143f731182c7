"""The server-error handler: a database that is down or a full disk gets a clear page, not a bare 500.

Django turns an exception into a response inside each middleware layer, so a middleware cannot see what the
session or authentication layers raise — and they are the first to touch the database. The 500 handler sees
every uncaught exception, from views and middleware alike, which is why this lives in `handler500`.
"""

import errno
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults

RETRY_AFTER_SECONDS = 30


def _page(*, status: int, title: str, message: str) -> HttpResponse:
    # Rendered without the request: context processors and request.user would query the database that failed.
    body = loader.get_template("503.html").render({"title": title, "message": message})
    response = HttpResponse(body, status=status)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error_view(request, template_name: str = "500.html") -> HttpResponse:
    exc = sys.exc_info()[1]
    if isinstance(exc, OperationalError | InterfaceError):
        return _page(
            status=503,
            title=_("系统暂时无法访问"),
            message=_("数据库暂时连接不上，系统正在恢复。您刚才的操作未完成，请稍候一分钟后刷新页面重试。"),
        )
    if isinstance(exc, OSError) and exc.errno in {errno.ENOSPC, errno.EDQUOT}:
        # 507 Insufficient Storage (RFC 4918): the upload could not be written; the transaction around it rolled back.
        return _page(
            status=507,
            title=_("存储空间已满"),
            message=_("服务器存储空间已满，上传的文件未能保存，本次提交没有登记。请联系系统管理员清理空间后重试。"),
        )
    return defaults.server_error(request, template_name)
