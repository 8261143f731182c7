from django.contrib.auth.backends import ModelBackend

from fazhi.accounts.permissions import has_module_perm


class PostBackend(ModelBackend):
    """Password login as Django does it; permissions only from the user's active posts.

    `user.has_perm("<module>.<view|change>")` works everywhere, core included, and nothing grants
    rights outside the post model — not even is_superuser. Area scope is decided in areas.scoping.
    """

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        if not user_obj.is_active or "." not in perm:
            return False
        module, action = perm.split(".", 1)
        return has_module_perm(user_obj, module, action)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        return has_module_perm(user_obj, app_label, "view")

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        return set()
