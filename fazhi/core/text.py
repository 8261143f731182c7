"""Text that every store and every export can hold: control characters are refused where text comes in.

GB/T 22239-2019 8.1.4.4 入侵防范 e): 应提供数据有效性检验功能，保证通过人机接口输入或通过通信接口输入的内容符合
系统设定要求. One anonymous submission holding ``\\x01`` (or ``\\x00`` through Open311) made the matter export fail for
every user of its area: openpyxl refuses such characters, and XML 1.0 (the format of .xlsx and .docx) cannot carry
them at all.

The check sits on the model fields, because every write path ends there: forms (a ModelForm validates its instance,
a plain form hands its data to a service), the API (a ModelSerializer copies its model fields' validators) and the
Open311 intake (it posts straight to a service) all reach ``full_clean()`` in a service. ``install()`` (called by
core's ``ready()``) gives every CharField and TextField of every model the same validator, without touching the
fields' declarations, so no migration records it. Tab, line feed and carriage return stay allowed: they are the
whitespace of multi-line text, and Excel and XML hold them.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Every character of Unicode category Cc but tab, LF and CR: C0 controls, DEL and the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(value: object) -> bool:
    return isinstance(value, str) and CONTROL_CHARACTERS.search(value) is not None


def strip_control_characters(value: str) -> str:
    """The text without the characters ``has_control_characters`` looks for (for output of older records)."""
    return CONTROL_CHARACTERS.sub("", value)


@deconstructible
class NoControlCharactersValidator:
    message = _("不能包含控制字符（不可见的特殊字符），请删除后重新提交。")
    code = "control_characters"

    def __call__(self, value: object) -> None:
        if has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoControlCharactersValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_no_control_characters = NoControlCharactersValidator()


def install() -> None:
    """Give every text field of every installed model the validator (once). The validator goes into the field's
    computed ``validators`` list, not into its declared ``_validators``: migrations stay as they are."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, models.CharField | models.TextField) and not any(
                isinstance(v, NoControlCharactersValidator) for v in field.validators
            ):
                field.validators.append(validate_no_control_characters)
