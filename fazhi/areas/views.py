from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas import selectors, services
from fazhi.areas.forms import (
    AreaCreateForm,
    AreaFilterForm,
    AreaRetireForm,
    MemberCreateForm,
    MemberFilterForm,
    PostEndForm,
    PostGrantForm,
)
from fazhi.areas.models import Post
from fazhi.areas.scoping import area_in_scope, areas_visible_to, scope_q
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate


@require_perm("areas.view")
def area_list_view(request):
    form = AreaFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.area_list(user=request.user, filters=filters), 50, request.GET.get("page"))
    return render_page(request, "areas/area_list.html", {"form": form, "page": page}, partial="results")


@require_perm("areas.view")
def area_detail_view(request, pk: int):
    area = selectors.area_get(user=request.user, pk=pk)
    can_change = area_in_scope(request.user, Module.AREAS, area, CHANGE)
    create_form = AreaCreateForm(request.POST or None, initial={"level": min(area.level + 1, 5)})
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if create_form.is_valid():
            try:
                child = services.area_create(actor=request.user, parent=area, **create_form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(create_form, exc)
            else:
                messages.success(request, _("已新增“%(name)s”。") % {"name": child.name})
                return redirect("areas:area_detail", pk=area.pk)
    context = {
        "area": area,
        "ancestors": area.ancestors(),
        "children": selectors.area_children(area=area),
        "can_change": can_change,
        "create_form": create_form,
        "retire_form": AreaRetireForm(initial={"valid_to": timezone.localdate()}),
    }
    return render_page(request, "areas/area_detail.html", context)


@require_POST
@require_perm("areas.change")
def area_retire_view(request, pk: int):
    area = selectors.area_get(user=request.user, pk=pk)
    form = AreaRetireForm(request.POST)
    if form.is_valid():
        try:
            services.area_retire(actor=request.user, area=area, on=form.cleaned_data["valid_to"])
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("“%(name)s”及其下级区划已停用。") % {"name": area.name})
    else:
        messages.error(request, _("请填写有效的停用日期。"))
    return redirect("areas:area_detail", pk=area.pk)


@require_perm("accounts.view")
def member_list_view(request):
    form = MemberFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(selectors.member_list(user=request.user, filters=filters), 50, request.GET.get("page"))
    return render_page(request, "areas/member_list.html", {"form": form, "page": page}, partial="results")


@require_perm("accounts.change")
def member_create_view(request):
    areas = areas_visible_to(request.user, Module.ACCOUNTS, CHANGE).current()
    form = MemberCreateForm(request.POST or None, areas=areas)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.member_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已创建账号“%(u)s”，首次登录须修改密码。") % {"u": post.user.username})
            return redirect("areas:member_detail", pk=post.user_id)
    return render_page(request, "areas/member_create.html", {"form": form})


@require_perm("accounts.view")
def member_detail_view(request, pk: int):
    member = selectors.member_get(user=request.user, pk=pk)
    areas = areas_visible_to(request.user, Module.ACCOUNTS, CHANGE).current()
    form = PostGrantForm(request.POST or None, areas=areas)
    if request.method == "POST":
        if not request.user.has_perm("accounts.change"):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.post_grant(actor=request.user, user=member, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已授予岗位。"))
                return redirect("areas:member_detail", pk=member.pk)
    posts = member.posts.select_related("area").order_by("-valid_from", "-id")
    context = {"member": member, "posts": posts, "form": form, "end_form": PostEndForm(), "today": timezone.localdate()}
    return render_page(request, "areas/member_detail.html", context)


@require_POST
@require_perm("accounts.change")
def post_end_view(request, pk: int):
    post = Post.objects.filter(scope_q(request.user, Module.ACCOUNTS), pk=pk).select_related("area").first()
    if post is None:
        raise Http404
    form = PostEndForm(request.POST)
    if form.is_valid():
        try:
            services.post_end(actor=request.user, post=post, on=form.cleaned_data["valid_to"])
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("岗位已结束。"))
    else:
        messages.error(request, _("请填写有效的截止日期。"))
    return redirect("areas:member_detail", pk=post.user_id)
