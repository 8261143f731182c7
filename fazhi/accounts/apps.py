from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "fazhi.accounts"
    label = "accounts"
    verbose_name = _("账号")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from fazhi.accounts.middleware import IdleSessionMiddleware

        user_logged_in.connect(IdleSessionMiddleware.stamp, dispatch_uid="fazhi_idle_session_stamp")
