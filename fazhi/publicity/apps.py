from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicityConfig(AppConfig):
    name = "fazhi.publicity"
    label = "publicity"
    verbose_name = _("普法宣传")

    def ready(self) -> None:
        from fazhi.core.registry import (
            NavItem,
            register_attachment,
            register_demo_loader,
            register_dictionary,
            register_generator,
            register_nav,
        )
        from fazhi.publicity import choices, demo, generate, metrics
        from fazhi.publicity.models import Activity

        group = _("普法与学法")
        register_nav(NavItem(_("普法活动"), "publicity:activity_list", "publicity", group, 500))
        register_nav(NavItem(_("年度普法计划"), "publicity:plan_list", "publicity", group, 501))
        register_nav(NavItem(_("新媒体"), "publicity:media", "publicity", group, 502))
        register_nav(NavItem(_("普法覆盖与短板"), "publicity:reach", "publicity", group, 503))
        register_dictionary(choices.FORM, _("普法活动形式"), choices.FORM_DEFAULTS)
        register_dictionary(choices.THEME, _("普法法律或主题"), choices.THEME_DEFAULTS)
        register_dictionary(choices.AUDIENCE, _("普法对象"), choices.AUDIENCE_DEFAULTS)
        register_dictionary(choices.MATERIAL, _("普法宣传资料种类"), choices.MATERIAL_DEFAULTS)
        register_dictionary(choices.KEY_DATE, _("普法重要时间节点（代码为 月-日 或 月）"), choices.KEY_DATE_DEFAULTS)
        metrics.register_all()
        register_demo_loader(demo.load, order=50)
        register_generator(generate.generate, order=50)
        register_attachment(Activity._meta.get_field("photo"), Activity.objects.visible_to)
