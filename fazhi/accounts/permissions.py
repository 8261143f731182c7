"""Module-level permission checks. Area scope is decided in areas.scoping."""

from fazhi.accounts.roles import role_allows


def active_roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = user.__dict__.get("_active_roles")
    if cached is None:
        # Reverse relation of areas.Post; accounts does not import areas (dependency direction).
        cached = set(user.posts.active().values_list("role", flat=True))
        user.__dict__["_active_roles"] = cached
    return cached


def has_module_perm(user, module: str, action: str) -> bool:
    return any(role_allows(role, module, action) for role in active_roles(user))
