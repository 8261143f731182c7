import getpass
import os
import secrets
import string
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fazhi.areas.models import Level
from fazhi.areas.services import security_admin_bootstrap

PASSWORD_ENV = "FAZHI_ADMIN_PASSWORD"
LEVELS = {"city": Level.CITY, "county": Level.COUNTY}


def generated_password(length: int = 16) -> str:
    # One of each class, so the password policy (≥ 3 classes) always passes; the rest from all of them.
    classes = [string.ascii_uppercase, string.ascii_lowercase, string.digits, "@#%+=-_"]
    chars = [secrets.choice(c) for c in classes]
    chars += [secrets.choice("".join(classes)) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse cannot take a lazy string; translated when the parser is built
        return _(
            "在新部署上创建第一个安全管理员账号（首次登录须修改密码并绑定动态口令）。"
            "密码取自环境变量 FAZHI_ADMIN_PASSWORD，或交互输入，或用 --generate-password 生成并只显示一次。"
        )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--display-name", default="")
        parser.add_argument("--unit", default="")
        parser.add_argument("--area-code", required=True, help=_("顶级区划的12位统计用区划代码"))
        parser.add_argument("--area-name", default="", help=_("区划尚不存在时，以此名称创建顶级区划"))
        parser.add_argument("--area-level", choices=sorted(LEVELS), default="county")
        parser.add_argument("--generate-password", action="store_true")

    def handle(self, *args, **options):
        if not options["username"].strip():
            raise CommandError(_("请用 --username 给出用户名。"))
        password, generated = self._password(options)
        try:
            post = security_admin_bootstrap(
                username=options["username"].strip(),
                display_name=options["display_name"].strip() or str(_("安全管理员")),
                unit=options["unit"].strip(),
                password=password,
                area_code=options["area_code"],
                area_name=options["area_name"],
                area_level=LEVELS[options["area_level"]],
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(
            _("已创建安全管理员“%(u)s”（%(area)s）。首次登录须修改密码，再绑定手机动态口令。")
            % {"u": post.user.username, "area": post.area.name}
        )
        if generated:
            self.stdout.write(_("初始密码（只显示这一次）：%(p)s") % {"p": password})

    def _password(self, options) -> tuple[str, bool]:
        from_env = os.environ.get(PASSWORD_ENV, "")
        if from_env:
            return from_env, False
        if options["generate_password"]:
            return generated_password(), True
        if not sys.stdin.isatty():
            raise CommandError(
                _("请设置环境变量 %(env)s、在终端中运行以输入密码，或加 --generate-password 生成密码。")
                % {"env": PASSWORD_ENV}
            )
        first = getpass.getpass(_("初始密码："))
        if first != getpass.getpass(_("再输入一次：")):
            raise CommandError(_("两次输入的密码不一致。"))
        return first, False
