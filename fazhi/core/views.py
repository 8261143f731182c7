import datetime
import mimetypes
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import deadlines, dictionaries, services, workbench
from fazhi.core.decorators import require_perm
from fazhi.core.forms import AuditFilterForm, CalendarDayForm, DeadlineRuleReviseForm, DictionaryEntryForm
from fazhi.core.htmx import render_page
from fazhi.core.models import CalendarDay, DeadlineRule, DictionaryEntry
from fazhi.core.pagination import paginate
from fazhi.core.registry import registry
from fazhi.core.selectors import audit_entry_list, login_event_list


def _require_change_on_post(request) -> None:
    if request.method == "POST" and not request.user.has_perm("system.change"):
        raise PermissionDenied


# Shown in the browser; anything else (HTML, SVG, office files) downloads, so an upload cannot run as a page of ours.
INLINE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"}


@login_required
def media_view(request, path: str):
    """An uploaded file, to a user who may read the record it belongs to (访问控制, docs/law.md SEC-15, SEC-17): 403
    without the module, 404 out of scope, as for the record's page. Only a name some registered record holds is
    opened, so no path can reach outside the uploads."""
    for attachment in registry.attachments:
        if not path.startswith(attachment.prefix):
            continue
        if not request.user.has_perm(f"{attachment.file_field.model._meta.app_label}.view"):
            raise PermissionDenied
        if attachment.visible(request.user).filter(**{attachment.file_field.name: path}).exists():
            try:
                handle = attachment.file_field.storage.open(path)
            except FileNotFoundError as exc:
                raise Http404 from exc
            inline = mimetypes.guess_type(path)[0] in INLINE_TYPES
            return FileResponse(handle, as_attachment=not inline, filename=PurePosixPath(path).name)
    raise Http404


@login_required
def workbench_view(request):
    if registry.oversight is not None:
        response = registry.oversight(request)  # the read-only county 督察's page, for them only
        if response is not None:
            return response
    today = timezone.localdate()
    # Roles through the posts' reverse relation: core does not import accounts (dependency direction).
    roles = {post.role for post in request.user.posts.active()}
    bench = workbench.build(request.user, on=today, roles=roles)
    return render_page(request, "core/workbench.html", {"bench": bench, "today": today})


@require_perm("system.view")
def calendar_list_view(request):
    try:
        year = int(request.GET.get("year", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    form = CalendarDayForm(request.POST or None)
    _require_change_on_post(request)
    if request.method == "POST" and form.is_valid():
        services.calendar_day_set(actor=request.user, **form.cleaned_data)
        messages.success(request, _("已保存 %(date)s。") % {"date": form.cleaned_data["date"]})
        return redirect(f"{request.path}?year={form.cleaned_data['date'].year}")
    days = list(CalendarDay.objects.filter(date__year=year))
    provisional = any(day.provisional for day in days)
    return render_page(
        request, "core/calendar_list.html", {"days": days, "year": year, "form": form, "provisional": provisional}
    )


@require_POST
@require_perm("system.change")
def calendar_day_clear_view(request, date: str):
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        day = None
    if day:
        services.calendar_day_clear(actor=request.user, date=day)
        messages.success(request, _("%(date)s 已恢复为默认（周一至周五上班）。") % {"date": day})
    year = day.year if day else timezone.localdate().year
    return redirect(f"{reverse('core:calendar_list')}?year={year}")


@require_POST
@require_perm("system.change")
def calendar_year_confirm_view(request, year: int):
    """The admin has entered the year's holiday notice: its remaining provisional days stand (docs/law.md T-06)."""
    count = services.calendar_year_confirm(actor=request.user, year=year)
    messages.success(request, _("%(year)s年工作日历已按国务院通知确认（%(n)s天）。") % {"year": year, "n": count})
    return redirect(f"{reverse('core:calendar_list')}?year={year}")


@require_perm("system.view")
def dictionary_list_view(request):
    form = DictionaryEntryForm(request.POST or None)
    _require_change_on_post(request)
    if request.method == "POST" and form.is_valid():
        try:
            dictionaries.dictionary_entry_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("字典项已保存。"))
            return redirect("core:dictionary_list")
    by_category: dict[str, list[DictionaryEntry]] = {}
    for entry in DictionaryEntry.objects.all():  # one query for every category
        by_category.setdefault(entry.category, []).append(entry)
    categories = [
        {"code": code, "label": label, "entries": by_category.get(code, [])}
        for code, (label, _defaults) in sorted(registry.dictionaries.items())
    ]
    return render_page(request, "core/dictionary_list.html", {"categories": categories, "form": form})


@require_perm("system.view")
def deadline_rule_list_view(request):
    form = DeadlineRuleReviseForm(request.POST or None)
    _require_change_on_post(request)
    if request.method == "POST" and form.is_valid():
        try:
            deadlines.deadline_rule_revise(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已新增规则版本；进行中的期限仍按原版本计算。"))
            return redirect("core:deadline_rule_list")
    rules = DeadlineRule.objects.all()
    return render_page(request, "core/deadline_rule_list.html", {"rules": rules, "form": form})


@require_perm("audit.view")
def audit_list_view(request):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(audit_entry_list(filters=filters), 50, request.GET.get("page"))
    context = {"form": form, "page": page, "logins": login_event_list() if request.GET.get("tab") == "logins" else None}
    return render_page(request, "core/audit_list.html", context, partial="results")
