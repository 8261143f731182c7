import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class PasswordPolicyValidator:
    """Length and character classes of a password.

    GB/T 22239-2019 身份鉴别 asks for complexity; the common assessment values are at least 8
    characters of three of the four classes (docs/law.md SEC-18 [C]), both configurable.
    """

    def __init__(self, min_length: int = 8, min_classes: int = 3):
        self.min_length = min_length
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        errors = []
        if len(password) < self.min_length:
            errors.append(ValidationError(_("密码至少%(n)d位。") % {"n": self.min_length}, code="password_too_short"))
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(c in string.punctuation or not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            errors.append(ValidationError(self._classes_message(), code="password_too_simple"))
        if errors:
            raise ValidationError(errors)

    def _classes_message(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、特殊符号中的至少%(n)d类。") % {"n": self.min_classes}

    def get_help_text(self) -> str:
        return _("至少%(len)d位，") % {"len": self.min_length} + self._classes_message()
