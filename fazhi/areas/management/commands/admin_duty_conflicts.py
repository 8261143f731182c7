from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from fazhi.areas.selectors import duty_conflict_list


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse cannot take a lazy string; translated when the parser is built
        return _("列出违反三员分立的账号（管理员岗位与其他管理员岗位或业务岗位同时在任），只报告，不修改任何岗位。")

    def handle(self, *args, **options):
        conflicts = duty_conflict_list()
        for conflict in conflicts:
            self.stdout.write(str(conflict))
        if conflicts:
            # A non-zero exit lets a deployment script or monitoring notice; nothing is changed here.
            raise CommandError(
                _("%(n)d 处违反三员分立，请安全管理员在“用户与岗位”中结束多余的岗位。") % {"n": len(conflicts)}
            )
        self.stdout.write(_("未发现违反三员分立的账号。"))
