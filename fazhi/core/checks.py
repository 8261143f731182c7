"""System checks for the security baseline (`manage.py check --deploy`): development keys never reach production.

Registered on import; fazhi/core/audit.py imports this module (it is loaded with core's models).
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

DEV_DEFAULTS = {
    "BACKUP_KEY": ("dev-only-backup-key", "FAZHI_BACKUP_KEY"),
    "FIELD_ENCRYPTION_KEYS": ("dev1:ZGV2LW9ubHktZmllbGQta2V5LTMyLWJ5dGVzLS0tLS0=", "FAZHI_FIELD_KEYS"),
    "FIELD_HASH_KEY": ("dev-only-blind-index-key", "FAZHI_FIELD_HASH_KEY"),
    "AUDIT_KEYS": ("dev1:dev-only-audit-chain-key", "FAZHI_AUDIT_KEY"),
}


@register(Tags.security, deploy=True)
def check_production_keys(app_configs=None, **kwargs):
    errors = []
    for n, (name, (default, env)) in enumerate(DEV_DEFAULTS.items(), start=1):
        if getattr(settings, name, None) == default:
            errors.append(
                Error(
                    f"{name} is the development default.",
                    hint=f"Set the environment variable {env} to a secret of its own.",
                    id=f"fazhi.E00{n}",
                )
            )
    return errors


@register(Tags.security, deploy=True)
def check_password_hashing(app_configs=None, **kwargs):
    # GB/T 22239-2019 8.1.4.1 身份鉴别: stored passwords hashed with a memory-hard function (Argon2id).
    from django.contrib.auth.hashers import Argon2PasswordHasher, get_hashers

    hashers = getattr(settings, "PASSWORD_HASHERS", [])
    # Django's or a subclass with chosen parameters (fazhi.accounts.hashers.Argon2idHasher).
    if not hashers or not isinstance(get_hashers()[0], Argon2PasswordHasher):
        return [Error("Passwords are not hashed with Argon2.", hint="Put Argon2PasswordHasher first.", id="fazhi.E010")]
    return []


@register(Tags.security, deploy=True)
def check_content_security_policy(app_configs=None, **kwargs):
    errors = []
    if "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE:
        errors.append(Error("No Content-Security-Policy middleware.", id="fazhi.E011"))
    directives = getattr(settings, "CONTENT_SECURITY_POLICY", {}).get("DIRECTIVES", {})
    script_src = directives.get("script-src", directives.get("default-src", []))
    if not script_src or "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        errors.append(Error("The Content-Security-Policy allows inline or eval'd scripts.", id="fazhi.E012"))
    return errors


@register()
def check_audit_hash_algorithm(app_configs=None, **kwargs):
    from fazhi.core.audit import ALGORITHMS

    name = str(getattr(settings, "AUDIT_HASH_ALGORITHM", "SM3")).upper().replace("-", "")
    if name not in ALGORITHMS:
        return [Error(f"AUDIT_HASH_ALGORITHM must be one of {sorted(ALGORITHMS)}.", id="fazhi.E013")]
    from fazhi.core.audit import audit_keys

    try:
        audit_keys()
    except ValueError as exc:
        return [Error(str(exc), id="fazhi.E014")]
    return []
