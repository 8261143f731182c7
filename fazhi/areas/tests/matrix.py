from fazhi.accounts.roles import Role
from fazhi.areas.service_accounts import service_account_create
from fazhi.areas.testing import ALL_ROLES, Case, make_user

AREA_VIEWERS = ALL_ROLES - {Role.AUDIT_ADMIN}
SYS = frozenset({Role.SYS_ADMIN})
SEC = frozenset({Role.SEC_ADMIN})


def _area(world, area):
    return {"pk": area.pk}


def _member(world, area):
    return {"pk": make_user(f"member_{area.pk}", role=Role.GRID_MEMBER, area=area).pk}


def _post(world, area):
    return {"pk": make_user(f"poster_{area.pk}", role=Role.GRID_MEMBER, area=area).posts.get().pk}


def _service_account(world, area):
    admin = make_user(f"svc_admin_{area.pk}", role=Role.SEC_ADMIN, area=area)
    account, _token = service_account_create(
        actor=admin, username=f"svc-{area.pk}", display_name="热线", purpose="工单", role=Role.GRID_MEMBER, area=area
    )
    return {"pk": account.pk}


CASES = [
    Case("areas:area_list", AREA_VIEWERS),
    Case("areas:area_detail", AREA_VIEWERS, kwargs=_area),
    Case("areas:area_retire", SYS, method="post", kwargs=_area),
    Case("areas:member_list", SEC),
    Case("areas:member_create", SEC),
    Case("areas:member_detail", SEC, kwargs=_member),
    Case("areas:post_end", SEC, method="post", kwargs=_post),
    Case("areas:service_account_list", SEC),
    Case("areas:service_account_create", SEC),
    Case("areas:service_account_revoke", SEC, method="post", kwargs=_service_account),
    # API
    Case("api:api-root", ALL_ROLES),
    Case("api:me", ALL_ROLES),
    Case("api:schema", ALL_ROLES),
    Case("api:docs", ALL_ROLES),
    # The API page's script, the same for everyone and holding no data: served like a static file.
    Case("api:docs_bundle", ALL_ROLES, anonymous_allowed=True),
    Case("api:area-list", AREA_VIEWERS),
    Case("api:area-detail", AREA_VIEWERS, kwargs=_area),
]
