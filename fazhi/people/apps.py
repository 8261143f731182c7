from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "fazhi.people"
    label = "people"
    verbose_name = _("居民")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from fazhi.core.registry import NavItem, register_dictionary, register_generator, register_nav
        from fazhi.people import choices, generate, metrics
        from fazhi.people.models import Resident

        # The audit trail must never hold a full 身份证号, phone number or birth date (the 出生日期码 the mask
        # hides): it records the masked and hashed columns and the birth year instead (个人信息保护法 第五十一条).
        auditlog.unregister(Resident)
        auditlog.register(Resident, exclude_fields=["id_number", "phone", "birth_date"])

        group = _("网格治理")
        register_nav(NavItem(_("居民"), "people:resident_list", "people", group, 210))
        register_nav(NavItem(_("户"), "people:household_list", "people", group, 211))
        register_dictionary(
            choices.TAG, _("人员标签（重点人员等）"), [(c, str(label)) for c, label in choices.TAG_DEFAULTS]
        )
        metrics.register_all()
        register_generator(generate.generate, order=10)
