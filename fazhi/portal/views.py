"""The public site (no login) and the small staff page that answers residents' requests.

Public pages read other apps only through fazhi/portal/sources.py and write to them only through handoff.py.
"""

import io

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.uploads import safe_filename
from fazhi.portal import handoff, limits, selectors, services, sources
from fazhi.portal.choices import RequestStatus
from fazhi.portal.forms import CommentForm, RateForm, ReplyForm, SubmitForm, TrackForm

PDF_CACHE_SECONDS = 24 * 3600
# Postings and enforcement decisions pile up year after year: the area page shows the newest, search finds the rest,
# and the page stays light on a phone.
AREA_LIST_ITEMS = 30
SESSION_TRACKED = "portal_tracked"
SESSION_NEW_CODE = "portal_new_code"


# --- landing pages ----------------------------------------------------------------------------------------------


def index_view(request):
    return render(request, "portal/index.html", {"townships": selectors.townships()})


def area_view(request, pk: int):
    area = selectors.public_area_get(pk)
    if area is None:
        raise Http404
    township = area if area.level == Level.TOWNSHIP else area.parent
    q = request.GET.get("q", "").strip()[:50]
    boards = sources.posting_boards()
    board = request.GET.get("board", "")
    board = board if board in dict(boards) else ""
    try:
        year = int(request.GET.get("year", "")) or None
    except ValueError:
        year = None
    context = {
        "area": area,
        "township": township,
        "villages": area.children.current().filter(level=Level.VILLAGE) if area.level == Level.TOWNSHIP else [],
        "q": q,
        "year": year,
        "boards": boards,
        "board": board,
        "postings": sources.published_postings(area, q=q, board=board, limit=AREA_LIST_ITEMS),
        "consultations": sources.open_consultations(township),
        "decisions": sources.decision_catalogue(township, year),
        "documents": sources.published_documents(township),
        "enforcement": sources.enforcement_publications(township, limit=AREA_LIST_ITEMS),
        "list_items": AREA_LIST_ITEMS,
        "reports": sources.published_reports(township),
    }
    return render(request, "portal/area.html", context)


def report_view(request, pk: int):
    report = sources.published_report_text(pk)
    if report is None:
        raise Http404
    return render(request, "portal/report.html", {"report": report, "pk": pk})


def report_pdf_view(request, pk: int):
    # Converting runs LibreOffice: one conversion per report and day is shared by every visitor, and a single
    # address cannot make the server convert over and over.
    key = f"portal.report_pdf.{pk}"
    result = cache.get(key)
    if result is None:
        if limits.hit(request, "pdf", limits.PDF_RATE):
            messages.error(request, _("请求太频繁了，请稍后再下载。"))
            return redirect("portal:report", pk=pk)
        try:
            result = sources.published_report_pdf(pk)
        except sources.PdfNotAvailable:
            messages.error(request, _("PDF版本暂时无法生成，请阅读网页版。"))
            return redirect("portal:report", pk=pk)
        if result is None:
            raise Http404
        cache.set(key, result, PDF_CACHE_SECONDS)
    filename, data = result
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type="application/pdf")


@never_cache
def posting_view(request, pk: int):
    """A 公开栏 posting as the village posted it: its text, tables and attachments, while it is published."""
    posting = sources.public_posting(pk)
    if posting is None:
        raise Http404
    return render(request, "portal/posting.html", {"p": posting})


def posting_attachment_view(request, pk: int, file: int):
    """One attachment of a published posting, always downloaded (never shown as a page of ours)."""
    posting = sources.public_posting(pk, attachment=file)
    if posting is None or posting.file is None:
        raise Http404
    try:
        handle = posting.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = next(a.name for a in posting.attachments if a.url.endswith(f"/{file}/"))
    return FileResponse(handle, as_attachment=True, filename=safe_filename(name))


def decision_view(request, pk: int):
    """A catalogued decision: its draft by paragraph, the approved comments, the comment form while the period is
    open, and afterwards how the comments were handled (重大行政决策程序暂行条例 第十四、十五、十八条)."""
    consultation = sources.public_consultation(pk)
    if consultation is None:
        raise Http404
    n = len(consultation.paragraphs)
    if request.method != "POST":
        paragraph = request.GET.get("paragraph", "")
        form = CommentForm(initial={"paragraph": paragraph}, paragraphs=n)
        return render(request, "portal/decision.html", {"c": consultation, "form": form})
    form = CommentForm(request.POST, paragraphs=n)
    refusal, status = "", 400
    if limits.hit(request, "comment", limits.SUBMIT_RATE):
        form.errors.clear()
        refusal, status = _("您提交得太频繁了，请过一分钟再试。"), 429
    elif form.is_valid():
        data = form.cleaned_data
        if data["website"]:
            refusal = _("提交未成功：请不要填写“请勿填写此项”一栏，清空后重新提交。")
        else:
            try:
                handoff.decision_comment(pk=pk, text=data["text"], name=data["name"], paragraph=data["paragraph"])
            except handoff.CommentsUnavailable:
                refusal = _("暂时无法提交意见，请稍后再试。")
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("您的意见已提交，经审核后公开。谢谢您的参与！"))
                return redirect(reverse("portal:decision", kwargs={"pk": pk}) + "#comments")
    context = {"c": consultation, "form": form, "refusal": refusal}
    return render(request, "portal/decision.html", context, status=status)


def help_view(request):
    return render(request, "portal/help.html", {})


# --- raise a matter / ask for mediation -------------------------------------------------------------------------


@never_cache
def submit_view(request):
    areas = selectors.public_areas().select_related("parent")
    if request.method != "POST":
        initial = {"kind": request.GET.get("kind", "matter")}
        if (area_id := request.GET.get("area", "")).isdigit():
            initial["area"] = area_id
        form = SubmitForm(initial=initial, areas=areas)
        return render(request, "portal/submit.html", {"form": form})
    form = SubmitForm(request.POST, request.FILES, areas=areas)
    if limits.hit(request, "submit", limits.SUBMIT_RATE):
        form.errors.clear()
        return render(
            request,
            "portal/submit.html",
            {"form": form, "refusal": _("您提交得太频繁了，请过一分钟再试。如情况紧急，请直接拨打乡镇值班电话。")},
            status=429,
        )
    if form.is_valid():
        if form.cleaned_data["website"]:
            # A robot filled the hidden field: refuse, save nothing, and say so plainly in case it was a person.
            return render(
                request,
                "portal/submit.html",
                {"form": form, "refusal": _("提交未成功：请不要填写“请勿填写此项”一栏，清空后重新提交。")},
                status=400,
            )
        data = form.cleaned_data
        try:
            public_request = services.public_request_submit(
                area=data["area"],
                kind=data["kind"],
                description=data["description"],
                contact_name=data["contact_name"],
                phone=data["phone"],
                photos=data["photos"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session[SESSION_NEW_CODE] = public_request.code
            _remember(request, public_request.code)
            return redirect("portal:submit_done")
    return render(request, "portal/submit.html", {"form": form}, status=400)


@never_cache
def submit_done_view(request):
    code = request.session.get(SESSION_NEW_CODE)
    if not code:
        return redirect("portal:track")
    public_request = services.public_request_lookup(code=code, last4="")
    has_phone = public_request is None  # found by code alone means no phone was given
    return render(request, "portal/submit_done.html", {"code": code, "has_phone": has_phone})


# --- follow it with the tracking code ---------------------------------------------------------------------------


def _remember(request, code: str) -> None:
    tracked = [c for c in request.session.get(SESSION_TRACKED, []) if c != code]
    request.session[SESSION_TRACKED] = [*tracked[-4:], code]


@never_cache
def track_view(request):
    if request.method != "POST":
        return render(request, "portal/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    if limits.exhausted(request, "lookup", limits.LOOKUP_RATE):
        return render(
            request,
            "portal/track.html",
            {"form": TrackForm(), "refusal": _("查询次数太多了，请过一分钟再试。")},
            status=429,
        )
    if form.is_valid():
        found = services.public_request_lookup(code=form.cleaned_data["code"], last4=form.cleaned_data["last4"])
        if found is not None:
            _remember(request, found.code)
            return redirect("portal:track_detail", code=found.code)
        limits.hit(request, "lookup", limits.LOOKUP_RATE)
        form.add_error(None, _("没有查到：请核对查询码和电话后四位。"))
    return render(request, "portal/track.html", {"form": form}, status=400)


def _tracked(request, code: str):
    code = services.normalise_code(code)
    if code not in request.session.get(SESSION_TRACKED, []):
        return None
    return selectors.PublicRequest.objects.select_related("area").filter(code=code).first()


@never_cache
def track_detail_view(request, code: str):
    public_request = _tracked(request, code)
    if public_request is None:
        return redirect("portal:track")
    view = selectors.tracking_view(public_request)
    form = RateForm() if view.closed and not view.rating_label else None
    return render(request, "portal/track_detail.html", {"view": view, "form": form})


@require_POST
def track_rate_view(request, code: str):
    public_request = _tracked(request, code)
    if public_request is None:
        return redirect("portal:track")
    view = selectors.tracking_view(public_request)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.public_request_rate(
                request=public_request,
                closed=view.closed,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["rating_comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("感谢您的评价！"))
            return redirect("portal:track_detail", code=public_request.code)
    return render(request, "portal/track_detail.html", {"view": view, "form": form}, status=400)


# --- staff: residents' requests waiting for an answer -----------------------------------------------------------


@require_perm("grid.view")
def request_list_view(request):
    status = request.GET.get("status", "open")
    items = selectors.public_request_list(user=request.user, status=status)[:200]
    return render(
        request,
        "portal/request_list.html",
        {"items": items, "status": status, "statuses": RequestStatus.choices},
    )


@require_perm("grid.view")
def request_detail_view(request, pk: int):
    public_request = selectors.public_request_get(user=request.user, pk=pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.public_reply_add(actor=request.user, request=public_request, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("已保存。"))
                return redirect(reverse("portal:request_detail", kwargs={"pk": pk}))
    context = {
        "item": public_request,
        "form": form,
        "view": selectors.tracking_view(public_request),
        "can_change": area_in_scope(request.user, Module.GRID, public_request.area, CHANGE),
        "photos": selectors.photo_data_urls(public_request),
    }
    return render(request, "portal/request_detail.html", context, status=400 if form.errors else 200)
