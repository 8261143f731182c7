"""The project's file fields, named app.Model.field: what the upload and media tests hold every one of to account."""

from django.apps import apps
from django.db import models


def label(field: models.FileField) -> str:
    return f"{field.model._meta.app_label}.{field.model.__name__}.{field.name}"


def project_file_fields() -> dict[str, models.FileField]:
    return {
        label(field): field
        for model in apps.get_models()
        if model.__module__.startswith("fazhi.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
