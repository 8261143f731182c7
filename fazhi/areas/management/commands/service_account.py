from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fazhi.accounts.models import User
from fazhi.accounts.service_accounts import DEFAULT_RATE_PER_MINUTE, ServiceAccount
from fazhi.areas.models import Area
from fazhi.areas.service_accounts import service_account_create, service_account_list, service_account_revoke


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse cannot take a lazy string; translated when the parser is built
        return _(
            "以安全管理员身份（--by）创建、吊销或列出集成账号，与“集成账号”页面相同的权限检查和审计；"
            "令牌只在创建时显示一次。"
        )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["create", "revoke", "list"])
        parser.add_argument("--by", required=True, help=_("执行操作的安全管理员用户名"))
        parser.add_argument("--username", default="")
        parser.add_argument("--name", default="", help=_("集成账号名称，如“12345热线”"))
        parser.add_argument("--purpose", default="")
        parser.add_argument("--role", default="")
        parser.add_argument("--area", default="", help=_("区划的12位代码或编号（网格用编号）"))
        parser.add_argument("--rate", type=int, default=DEFAULT_RATE_PER_MINUTE, help=_("每分钟请求上限"))

    def handle(self, *args, **options):
        actor = User.objects.filter(username=options["by"], is_active=True).first()
        if actor is None or not actor.has_perm("accounts.change"):
            raise CommandError(_("“%(u)s”不是在岗的安全管理员。") % {"u": options["by"]})
        try:
            getattr(self, f"_{options['action']}")(actor, options)
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc) or _("无权执行此操作。")]
            raise CommandError("；".join(messages)) from None

    def _create(self, actor, options):
        raw = options["area"].strip()
        area = Area.objects.filter(code=raw).first() or (Area.objects.filter(pk=raw).first() if raw.isdigit() else None)
        if area is None:
            raise CommandError(_("没有区划“%(a)s”。") % {"a": raw})
        account, token = service_account_create(
            actor=actor,
            username=options["username"],
            display_name=options["name"],
            purpose=options["purpose"],
            role=options["role"],
            area=area,
            rate_per_minute=options["rate"],
        )
        self.stdout.write(_("已创建集成账号“%(u)s”。令牌只显示这一次：") % {"u": account.user.username})
        self.stdout.write(token)

    def _revoke(self, actor, options):
        account = service_account_list(user=actor).filter(user__username=options["username"]).first()
        if account is None:
            raise CommandError(_("没有集成账号“%(u)s”。") % {"u": options["username"]})
        service_account_revoke(actor=actor, account=account)
        self.stdout.write(_("已吊销集成账号“%(u)s”。") % {"u": account.user.username})

    def _list(self, actor, options):
        account: ServiceAccount
        for account in service_account_list(user=actor):
            state = _("已吊销") if account.is_revoked else _("正常")
            self.stdout.write(f"{account.user.username}\t{account.token_hint}\t{state}\t{account.purpose}")
