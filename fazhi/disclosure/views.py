from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, VIEW, Module
from fazhi.areas.scoping import area_in_scope, areas_visible_to, require_change
from fazhi.core.concurrency import EditConflict, conflict_response, expected_version, stale_response, submitted_version
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.pagination import paginate
from fazhi.core.uploads import safe_filename
from fazhi.disclosure import selectors, services
from fazhi.disclosure.forms import BoardFilterForm, BoardForm, OnDateForm, PostingForm


def _areas(user, action):
    return areas_visible_to(user, Module.DISCLOSURE, action).current().filter(level__in=services.BOARD_LEVELS)


@require_perm("disclosure.view")
def board_list_view(request):
    form = BoardFilterForm(request.GET or None, areas=_areas(request.user, VIEW))
    filters = form.cleaned_data if form.is_valid() else {}
    boards = selectors.board_queryset(user=request.user, area=filters.get("area"), category=filters.get("category", ""))
    # A county has thousands of boards: work out what is due for one page of them.
    page = paginate(boards, 50, request.GET.get("page"))
    page.object_list = selectors.with_due(page.object_list, timezone.localdate())
    return render_page(request, "disclosure/board_list.html", {"form": form, "page": page}, partial="results")


@require_perm("disclosure.change")
def board_create_view(request):
    form = BoardForm(request.POST or None, areas=_areas(request.user, CHANGE))
    if request.method == "POST" and form.is_valid():
        try:
            board = services.board_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("公开栏已设立。"))
            return redirect("disclosure:board_detail", pk=board.pk)
    return render_page(request, "disclosure/form.html", {"form": form, "title": _("设立公开栏")})


@require_perm("disclosure.view")
def board_detail_view(request, pk: int):
    board = selectors.board_get(user=request.user, pk=pk)
    today = timezone.localdate()
    context = {
        "board": board,
        "postings": selectors.board_posting_list(board=board),
        "next_due": services.board_next_due(board),
        "overdue": services.board_is_overdue(board, today),
        "can_change": area_in_scope(request.user, Module.DISCLOSURE, board.area, CHANGE),
        "date_form": OnDateForm(initial={"on": today}),
    }
    return render_page(request, "disclosure/board_detail.html", context)


@require_perm("disclosure.change")
def posting_create_view(request, pk: int):
    board = selectors.board_get(user=request.user, pk=pk)
    require_change(request.user, board)
    form = PostingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_create(actor=request.user, board=board, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("公开事项已登记。"))
            return redirect("disclosure:board_detail", pk=board.pk)
    title = _("登记公开事项：%(b)s") % {"b": board}
    return render_page(request, "disclosure/form.html", {"form": form, "title": title, "board": board})


@require_perm("disclosure.change")
def posting_edit_view(request, pk: int):
    posting = selectors.posting_get(user=request.user, pk=pk)
    require_change(request.user, posting.board)
    initial = {f: getattr(posting, f) for f in ("title", "text", "period_end", "posted_on")}
    form = PostingForm(request.POST or None, request.FILES or None, initial=initial)
    back = reverse("disclosure:board_detail", args=[posting.board_id])
    if request.method == "POST" and (refused := stale_response(request, posting, form=form, back_url=back)):
        return refused
    if request.method == "POST" and form.is_valid():
        try:
            with expected_version(posting, submitted_version(request.POST)):
                services.posting_update(actor=request.user, posting=posting, **form.cleaned_data)
        except EditConflict as conflict:
            return conflict_response(request, conflict, form=form, back_url=back)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("已保存。"))
            return redirect(back)
    title = _("修改公开事项：%(t)s") % {"t": posting.title}
    context = {"form": form, "title": title, "board": posting.board, "record": posting}
    return render_page(request, "disclosure/form.html", context)


def _dated_action(request, pk: int, service, done: str):
    posting = selectors.posting_get(user=request.user, pk=pk)
    form = OnDateForm(request.POST)
    back = reverse("disclosure:board_detail", args=[posting.board_id])
    if refused := stale_response(request, posting, form=form, back_url=back):
        return refused
    try:
        if not form.is_valid():
            raise ValidationError(_("请填写有效日期。"))
        with expected_version(posting, submitted_version(request.POST)):
            service(actor=request.user, posting=posting, on=form.cleaned_data["on"])
    except EditConflict as conflict:
        return conflict_response(request, conflict, form=form, back_url=back)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(back)


@require_POST
@require_perm("disclosure.change")
def posting_publish_view(request, pk: int):
    return _dated_action(request, pk, services.posting_publish, _("已在网上发布。"))


@require_POST
@require_perm("disclosure.change")
def posting_withdraw_view(request, pk: int):
    return _dated_action(request, pk, services.posting_withdraw, _("已从网上撤回。"))


@require_POST
@require_perm("disclosure.change")
def posting_remove_view(request, pk: int):
    return _dated_action(request, pk, services.posting_remove, _("已登记从公开栏撤下。"))


@require_perm("disclosure.view")
def attachment_download_view(request, pk: int):
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=safe_filename(attachment.name))
