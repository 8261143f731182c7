"""Module-level permission checks. Area scope is decided in areas.scoping."""

from django.utils.functional import LazyObject, empty

from fazhi.accounts.roles import role_allows


def unwrapped_user(user):
    """The User behind request.user: auth's and django-otp's lazy wrappers each keep a __dict__ of their own, so a
    cache kept on a wrapper would be read (and queried) once per wrapper."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def active_posts(user) -> list:
    """The user's posts in force today, with their areas: one query per user object, i.e. per request."""
    if not user.is_authenticated:
        return []
    real = unwrapped_user(user)
    cached = real.__dict__.get("_active_posts")
    if cached is None:
        # Reverse relation of areas.Post; accounts does not import areas (dependency direction).
        cached = list(real.posts.active().select_related("area"))
        real.__dict__["_active_posts"] = cached
    return cached


def active_roles(user) -> set[str]:
    return {post.role for post in active_posts(user)}


def has_module_perm(user, module: str, action: str) -> bool:
    return any(role_allows(role, module, action) for role in active_roles(user))
