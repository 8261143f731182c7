"""Open311 GeoReport v2 intake (https://wiki.open311.org/GeoReport_v2), JSON only, so other apps and the city's
platforms can submit residents' matters and follow them without a custom integration.

- GET  services.json                  — services = the grid app's matter categories (+ "mediation": 申请调解)
- GET  services/<code>.json           — service definition (no extra attributes)
- POST requests.json                  — create; `address_id` is the 12-digit division code (or id) of the village
- GET  requests.json                  — always an empty list: residents' requests are never listed publicly
- GET  requests/<service_request_id>.json?phone_last4=1234 — status, status_notes (the latest public reply)

The service_request_id is the resident's tracking code; a request sent with a phone number needs the extension
parameter `phone_last4`, exactly like the tracking page. No `api_key` is required: submissions and failed look-ups
are rate-limited per address instead, as on the web form. Location (lat/long) is not collected.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.portal import limits, selectors, services, sources
from fazhi.portal.choices import RequestKind

MEDIATION_SERVICE = "mediation"


def _services() -> list[dict]:
    rows = [
        {"service_code": code, "service_name": label, "group": str(_("群众说事"))}
        for code, label in sources.matter_categories()
    ]
    rows.append({"service_code": MEDIATION_SERVICE, "service_name": str(_("申请调解")), "group": str(_("矛盾纠纷"))})
    for row in rows:
        row.update({"description": row["service_name"], "metadata": False, "type": "realtime", "keywords": ""})
    return rows


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse([{"code": status, "description": message}], status=status, safe=False)


@require_GET
def service_list_view(request):
    return JsonResponse(_services(), safe=False, json_dumps_params={"ensure_ascii": False})


@require_GET
def service_definition_view(request, service_code: str):
    if service_code not in {s["service_code"] for s in _services()}:
        return _error(404, _("没有这个服务。"))
    return JsonResponse({"service_code": service_code, "attributes": []}, json_dumps_params={"ensure_ascii": False})


@csrf_exempt  # a machine API without cookie sessions: there is no session to forge a request with
@require_http_methods(["GET", "POST"])
def request_list_view(request):
    if request.method == "GET":
        return JsonResponse([], safe=False)
    if limits.hit(request, "submit", limits.SUBMIT_RATE):
        return _error(429, _("提交太频繁了，请过一分钟再试。"))
    data = request.POST
    service_code = data.get("service_code", "")
    if service_code not in {s["service_code"] for s in _services()}:
        return _error(400, _("service_code 无效：请先查询 services.json。"))
    address = data.get("address_id", "").strip()
    area = (
        selectors.public_areas().filter(Q(code=address) | Q(pk=int(address) if address.isdigit() else None)).first()
        if address
        else None
    )
    name = f"{data.get('last_name', '')}{data.get('first_name', '')}".strip()
    try:
        created = services.public_request_submit(
            area=area,
            kind=RequestKind.MEDIATION if service_code == MEDIATION_SERVICE else RequestKind.MATTER,
            category="" if service_code == MEDIATION_SERVICE else service_code,
            description=data.get("description", ""),
            contact_name=name,
            phone=data.get("phone", ""),
        )
    except ValidationError as exc:
        return _error(400, "；".join(exc.messages))
    body = [
        {
            "service_request_id": created.code,
            "service_notice": str(_("已收到，请保存查询码。")),
            "account_id": None,
        }
    ]
    return JsonResponse(body, safe=False, json_dumps_params={"ensure_ascii": False})


@require_GET
def request_detail_view(request, code: str):
    if limits.exhausted(request, "lookup", limits.LOOKUP_RATE):
        return _error(429, _("查询次数太多了，请过一分钟再试。"))
    found = services.public_request_lookup(code=code, last4=request.GET.get("phone_last4", ""))
    if found is None:
        limits.hit(request, "lookup", limits.LOOKUP_RATE)
        return _error(404, _("没有查到：请核对查询码和电话后四位。"))
    view = selectors.tracking_view(found)
    notes = [text for _at, text in view.replies]
    body = [
        {
            "service_request_id": found.code,
            "status": "closed" if view.closed else "open",
            "status_notes": notes[-1] if notes else view.status_label,
            "service_name": str(found.get_kind_display()),
            "service_code": MEDIATION_SERVICE if found.kind == RequestKind.MEDIATION else (found.category or "other"),
            "agency_responsible": found.area.name,
            "requested_datetime": found.created_at.isoformat(),
            "updated_datetime": found.updated_at.isoformat(),
        }
    ]
    return JsonResponse(body, safe=False, json_dumps_params={"ensure_ascii": False})
