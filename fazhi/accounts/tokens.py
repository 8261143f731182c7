"""API sign-in for service accounts: `Authorization: Bearer fz_…`, a per-account rate, and one audit entry per call.

The browser session stays the first authentication class, so a person's API use is unchanged (and an anonymous call
still answers 403); a bearer token is tried only when there is no session.
"""

from auditlog.context import auditlog_value
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import SimpleRateThrottle

from fazhi.accounts.service_accounts import ServiceAccount, token_digest
from fazhi.core.models import AuditEntry

KEYWORD = b"bearer"


class ServiceTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD:
            return None
        if len(parts) != 2:
            raise AuthenticationFailed(_("令牌格式不正确：请以“Authorization: Bearer 令牌”发送。"))
        token = parts[1].decode("latin-1")
        account = ServiceAccount.objects.select_related("user").filter(token_hash=token_digest(token)).first()
        # A wrong token and a revoked one answer alike, so the answer tells nothing about which tokens exist.
        if account is None or account.is_revoked or not account.user.is_active:
            raise AuthenticationFailed(_("令牌无效或已吊销。"))
        _audit_as(account, request)
        return account.user, account

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


def _audit_as(account: ServiceAccount, request) -> None:
    """Every call leaves an entry naming the account, and whatever the call writes is audited as that account:
    auditlog's middleware ran before DRF knew the caller, so its context learns the actor here."""
    try:
        auditlog_value.get()["actor"] = account.user
    except LookupError:
        pass
    now = timezone.now()
    ServiceAccount.objects.filter(pk=account.pk).update(last_used_at=now)
    AuditEntry(
        content_type=ContentType.objects.get_for_model(ServiceAccount),
        object_pk=str(account.pk),
        object_id=account.pk,
        object_repr=f"api:{account.user.username}",
        action=AuditEntry.Action.ACCESS,
        changes_text="",
        actor=account.user,
        additional_data={"method": request.method, "path": request.path[:500]},
    ).save()


class ServiceAccountRateThrottle(SimpleRateThrottle):
    """Each service account's own requests-per-minute (set when it is made); people's use is not throttled here."""

    scope = "service_account"

    def get_rate(self):
        return None  # per account, read in allow_request

    def allow_request(self, request, view) -> bool:
        account = request.auth
        if not isinstance(account, ServiceAccount):
            return True
        self.rate = f"{account.rate_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class ServiceTokenScheme(OpenApiAuthenticationExtension):
    """Names the bearer token in the OpenAPI schema, beside the session cookie."""

    target_class = "fazhi.accounts.tokens.ServiceTokenAuthentication"
    name = "serviceAccountToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "集成账号令牌（fz_…）"}
