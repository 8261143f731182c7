"""The API's write path, shared by the apps' api.py files.

The serializer checks the shape of the input; the app's service writes it, with the same validation, scope re-check
and audit as the page (never `serializer.save()` straight to the model). A service's Chinese field messages answer
400 and nothing is written (services are atomic); its scope refusals answer 403, or 404 for a record out of view.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from fazhi.accounts.roles import CHANGE, VIEW
from fazhi.areas.models import Area


class ModulePermission(BasePermission):
    """Read with `<module>.view`, write with `<module>.change`: the rights the pages ask for."""

    module = ""

    def has_permission(self, request, view) -> bool:
        action = VIEW if request.method in SAFE_METHODS else CHANGE
        return request.user.has_perm(f"{self.module}.{action}")


def module_permission(module: str) -> type[ModulePermission]:
    return type(f"{module.title()}Permission", (ModulePermission,), {"module": str(module)})


def service_errors(exc: DjangoValidationError) -> dict:
    return exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}


def call_service(service, **kwargs):
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        raise ValidationError(service_errors(exc)) from exc
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc
    except Http404 as exc:
        raise NotFound() from exc


class AreaField(serializers.PrimaryKeyRelatedField):
    """Any existing area by id: whether the caller may write there is the service's scope check (403), as on the
    pages, so an area out of reach never reads as a validation slip."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Area.objects.all(), **kwargs)


class VisibleField(serializers.PrimaryKeyRelatedField):
    """A related record the caller may see; an id from elsewhere reads as "does not exist" and never links."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.context["request"].user)


class ServiceCreateMixin:
    """POST: the input is checked by `create_serializer_class` (or the viewset's own serializer), `create_record`
    calls the app's service, and the answer is the record read back as the list reads it — with the list's
    annotations and nothing the caller could not read there. A viewset with a separate input serializer declares
    both in the schema with `create_schema(Input, Output)`."""

    create_serializer_class = None

    def get_serializer_class(self):
        if self.action == "create" and self.create_serializer_class is not None:
            return self.create_serializer_class
        return super().get_serializer_class()

    def create_record(self, *, actor, **data):
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        given = self.get_serializer(data=request.data)
        given.is_valid(raise_exception=True)
        record = call_service(self.create_record, actor=request.user, **given.validated_data)
        record = self.get_queryset().filter(pk=record.pk).first() or record
        answer = self.serializer_class(record, context=self.get_serializer_context())
        return Response(answer.data, status=status.HTTP_201_CREATED)


def create_schema(given, answer):
    return extend_schema_view(create=extend_schema(request=given, responses={201: answer}))
