"""集成账号 pages for the security admin: list, make (the token shown on the answer page once), revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas import service_accounts
from fazhi.areas.scoping import areas_visible_to
from fazhi.areas.service_account_forms import ServiceAccountCreateForm
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate


@require_perm("accounts.view")
def service_account_list_view(request):
    page = paginate(service_accounts.service_account_list(user=request.user), 50, request.GET.get("page"))
    return render_page(request, "areas/service_account_list.html", {"page": page})


@require_perm("accounts.change")
def service_account_create_view(request):
    areas = areas_visible_to(request.user, Module.ACCOUNTS, CHANGE).current()
    form = ServiceAccountCreateForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            account, token = service_accounts.service_account_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # Rendered, not redirected: the token must not pass through the session or a message to be shown.
            return render_page(request, "areas/service_account_token.html", {"account": account, "token": token})
    return render_page(request, "areas/service_account_create.html", {"form": form})


@require_POST
@require_perm("accounts.change")
def service_account_revoke_view(request, pk: int):
    account = service_accounts.service_account_get(user=request.user, pk=pk)
    try:
        service_accounts.service_account_revoke(actor=request.user, account=account)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已吊销集成账号“%(u)s”，其令牌即刻失效。") % {"u": account.user.username})
    return redirect("areas:service_account_list")
