"""Roles (角色) and what each may do, module by module.

A post (岗位) is one role at one area; its grants apply in the modules listed here and nowhere else,
so a village cadre who is also a mediator never gets mediation rights over the whole village
(GB/T 22239-2019 访问控制: least privilege, separated admin duties — docs/law.md SEC-15).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

VIEW = "view"
CHANGE = "change"


class Role(models.TextChoices):
    SYS_ADMIN = "sys_admin", _("系统管理员")
    SEC_ADMIN = "sec_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("审计管理员")
    LEADER = "leader", _("乡镇领导")
    LEGAL_STAFF = "legal_staff", _("法治工作人员")
    GRID_ADMIN = "grid_admin", _("综治网格管理员")
    VILLAGE_CADRE = "village_cadre", _("村干部")
    GRID_MEMBER = "grid_member", _("网格员")
    MEDIATOR = "mediator", _("调解员")
    ENFORCER = "enforcer", _("执法人员")
    SUPERVISOR = "supervisor", _("督察员")


class Module(models.TextChoices):
    SYSTEM = "system", _("系统设置")
    ACCOUNTS = "accounts", _("用户与岗位")
    AUDIT = "audit", _("审计日志")
    AREAS = "areas", _("行政区划")
    PEOPLE = "people", _("居民")
    GRID = "grid", _("网格治理")
    MEDIATION = "mediation", _("矛盾纠纷调解")
    PETITIONS = "petitions", _("信访")
    PUBLICITY = "publicity", _("普法宣传")
    TRAINING = "training", _("学法培训")
    COUNSEL = "counsel", _("法律服务")
    DOCUMENTS = "documents", _("规范性文件")
    DECISIONS = "decisions", _("重大行政决策")
    ENFORCEMENT = "enforcement", _("行政执法")
    DISCLOSURE = "disclosure", _("公开栏")
    LEADERSHIP = "leadership", _("组织领导")
    LEDGER = "ledger", _("工作台账")
    REPORTS = "reports", _("年度报告")


DOMAIN_MODULES = [
    Module.PEOPLE,
    Module.GRID,
    Module.MEDIATION,
    Module.PETITIONS,
    Module.PUBLICITY,
    Module.TRAINING,
    Module.COUNSEL,
    Module.DOCUMENTS,
    Module.DECISIONS,
    Module.ENFORCEMENT,
    Module.DISCLOSURE,
    Module.LEADERSHIP,
    Module.LEDGER,
    Module.REPORTS,
]


def _all(action: str, modules=DOMAIN_MODULES) -> dict[str, str]:
    return {m: action for m in modules}


# module -> highest action granted ("change" implies "view").
GRANTS: dict[str, dict[str, str]] = {
    # The three separated admin duties (三员分立): none of them reads domain records.
    Role.SYS_ADMIN: {Module.SYSTEM: CHANGE, Module.AREAS: CHANGE},
    Role.SEC_ADMIN: {Module.ACCOUNTS: CHANGE, Module.AREAS: VIEW},
    Role.AUDIT_ADMIN: {Module.AUDIT: VIEW},
    Role.LEADER: {
        **_all(VIEW),
        Module.AREAS: VIEW,
        Module.MEDIATION: CHANGE,  # 领导包案: leaders take the difficult disputes
        Module.PETITIONS: CHANGE,
        Module.DECISIONS: CHANGE,
        Module.LEADERSHIP: CHANGE,
        Module.REPORTS: CHANGE,
    },
    Role.LEGAL_STAFF: {
        **_all(CHANGE),
        Module.AREAS: VIEW,
        Module.PEOPLE: VIEW,
        Module.GRID: VIEW,
    },
    Role.GRID_ADMIN: {
        Module.AREAS: VIEW,
        Module.PEOPLE: CHANGE,
        Module.GRID: CHANGE,
        Module.MEDIATION: CHANGE,
        Module.PETITIONS: CHANGE,
        Module.LEDGER: VIEW,
    },
    Role.VILLAGE_CADRE: {
        Module.AREAS: VIEW,
        Module.PEOPLE: CHANGE,
        Module.GRID: CHANGE,
        Module.MEDIATION: CHANGE,
        Module.DISCLOSURE: CHANGE,
        Module.PUBLICITY: CHANGE,  # village cadres record their village's 普法 activities
    },
    Role.GRID_MEMBER: {Module.AREAS: VIEW, Module.PEOPLE: CHANGE, Module.GRID: CHANGE},
    Role.MEDIATOR: {Module.AREAS: VIEW, Module.MEDIATION: CHANGE, Module.PEOPLE: VIEW},
    Role.ENFORCER: {Module.AREAS: VIEW, Module.ENFORCEMENT: CHANGE, Module.DOCUMENTS: VIEW},
    # County supervisors read every township of their county and change nothing.
    Role.SUPERVISOR: {**_all(VIEW), Module.AREAS: VIEW},
}


def role_allows(role: str, module: str, action: str) -> bool:
    granted = GRANTS.get(role, {}).get(module)
    if granted is None:
        return False
    return action == VIEW or granted == CHANGE


# 三员: 系统管理员, 安全管理员, 审计管理员 — the accounts that must pass a second factor (SEC-14 d, SEC-18).
ADMIN_ROLES = frozenset({Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN})

# One account holds one of the 三员 duties and nothing else: each admin role is a duty of its own, every other role
# belongs to the one domain duty, and an account's posts in force together must all share a duty.
# GB/T 22239-2019 8.1.4.2 访问控制 d) (管理用户最小权限、权限分离) and 8.1.5.1–8.1.5.3 安全管理中心
# (系统管理员、审计管理员、安全管理员 each through their own account).
DOMAIN_DUTY = "domain"


def duty_of(role: str) -> str:
    return role if role in ADMIN_ROLES else DOMAIN_DUTY
