import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level
from fazhi.areas.scoping import area_in_scope, areas_visible_to
from fazhi.core.concurrency import EditConflict, conflict_response, submitted_version
from fazhi.core.decorators import require_perm
from fazhi.core.forms import add_service_errors
from fazhi.core.htmx import render_page
from fazhi.core.metrics import METRICS, refresh
from fazhi.figures.selectors import assessed_keys
from fazhi.reports import county_template, dashboards, document, editor, exports, selectors, services, workflow
from fazhi.reports.choices import ReportStatus
from fazhi.reports.draft import draft_aside
from fazhi.reports.forms import (
    AddresseeForm,
    AreaYearForm,
    CountyTemplateForm,
    RectificationCloseForm,
    RectificationForm,
    ReportCreateForm,
    SectionAddForm,
    SectionForm,
    SectionMoveForm,
    SuggestionForm,
    TransitionForm,
)
from fazhi.reports.models import ReportPdf
from fazhi.reports.pdf import PdfUnavailable
from fazhi.reports.rendering import compose, missing_contents, to_html
from fazhi.reports.suggestions import suggest

EVIDENCE_PAGE_SIZE = 200


def _default_year() -> int:
    return timezone.localdate().year - 1  # reports are written early in the year about the last one


def _require_module_view(user, key: str) -> None:
    """Evidence lists another app's records: the viewer needs the view right of every module it counts."""
    metric = refresh().get(key)
    modules = getattr(metric, "modules", ()) or (key.split(".")[0],)
    if not all(user.has_perm(f"{module}.view") for module in modules):
        raise PermissionDenied


def _page(request, items):
    return Paginator(items, EVIDENCE_PAGE_SIZE).get_page(request.GET.get("page"))


@require_perm("reports.view")
def report_list_view(request):
    today = timezone.localdate()
    reports = list(selectors.report_list(user=request.user))
    for r in reports:
        r.late_submit = r.status in (ReportStatus.DRAFT, ReportStatus.FINAL) and r.submit_late(today)
        r.late_publish = r.status != ReportStatus.PUBLISHED and r.publish_late(today)
    return render_page(request, "reports/report_list.html", {"reports": reports})


@require_perm("reports.change")
def report_create_view(request):
    areas = (
        areas_visible_to(request.user, Module.REPORTS, CHANGE)
        .current()
        .filter(level__in=[Level.COUNTY, Level.TOWNSHIP])
    )
    initial = {"year": _default_year()}
    if areas.count() == 1:  # the usual township user: say where the text will start from
        initial["start"] = services.default_start(area=areas.first(), year=initial["year"])
    form = ReportCreateForm(request.POST or None, areas=areas, initial=initial)
    existing = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            report = services.report_create(actor=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            # the one report an area has for a year: offer it instead of a dead end
            existing = selectors.report_list(user=request.user, year=data["year"]).filter(area=data["area"]).first()
        else:
            messages.success(request, _("已按默认模板生成报告草稿。"))
            return redirect("reports:report_detail", pk=report.pk)
    return render_page(request, "reports/report_create.html", {"form": form, "existing": existing})


def _detail_context(request, report, *, editing=None) -> dict:
    """The report page; `editing` is (section, bound form) of a save that failed, re-shown open with the text as
    the author typed it."""
    sections = list(report.sections.all())
    composed = compose(report, sections)
    can_change = area_in_scope(request.user, Module.REPORTS, report.area, CHANGE)
    editable = can_change and not report.is_frozen
    today = timezone.localdate()
    texts = [s.heading for s in sections] + [s.body for s in sections]
    names = editor.names_for(texts, registry=METRICS) if editable else None  # compose() has just refreshed it
    by_section: dict = {}
    for block in composed.blocks:
        by_section.setdefault(block.section_id, []).append(block)
    rows = []
    for i, s in enumerate(sections):
        row = {
            "section": s,
            "preview": to_html(report, type(composed)(title="", blocks=by_section.get(s.pk, []), figures={})),
            "first": i == 0,
            "last": i == len(sections) - 1 or editor.is_closing(sections[i + 1]) or editor.is_closing(s),
            "closing": editor.is_closing(s),
        }
        if editing is not None and editing[0].pk == s.pk:
            row.update(form=editing[1], open=True, editor=_editor(report, s, editing[1], names, sections))
        elif editable:
            initial = {
                "heading": editor.to_display(s.heading, names),
                "body": editor.to_display(s.body, names),
                "version": s.version,
            }
            row["form"] = SectionForm(initial=initial, prefix=f"s{s.pk}")
        rows.append(row)
    return {
        "report": report,
        "rows": rows,
        "figures": list(composed.figures.values()),
        "missing_contents": missing_contents(sections),
        "suggestions": suggest(area=report.area, year=report.year) if editable else [],
        "aside": draft_aside(report=report, keys=set(composed.figures)) if editable else None,
        "transitions": workflow.available(report.status) if can_change else [],
        "transition_form": TransitionForm(),
        "add_form": SectionAddForm(),
        "parts": document.parts(report),
        "addressee_form": AddresseeForm(initial={"addressee": document.addressee(report)}),
        "rectification_form": RectificationForm(),
        "close_form": RectificationCloseForm(initial={"closed_on": today}),
        "rectifications": report.rectifications.all(),
        "events": report.events.select_related("actor"),
        "can_change": can_change,
        "editable": editable,
        "today": today,
        "submit_late": report.status in (ReportStatus.DRAFT, ReportStatus.FINAL) and report.submit_late(today),
        "publish_late": report.status != ReportStatus.PUBLISHED and report.publish_late(today),
    }


def _typed(form) -> tuple[str, str]:
    """The heading and body as typed, valid or not: what a failed save shows again and the preview renders."""
    prefix = form.prefix
    return form.data.get(f"{prefix}-heading", ""), form.data.get(f"{prefix}-body", "")


def _editor(report, section, form, names, sections) -> dict:
    """The live preview (figures as chips) and the warnings of the text in `form`, stored form computed here."""
    heading, body = (editor.to_stored(text, names) for text in _typed(form))
    figures = editor.figures_of(report, [heading, body])
    return {
        "section": section,
        "preview": editor.preview(report, heading=heading, body=body, figures=figures, names=names),
        "warnings": editor.section_warnings(
            report=report,
            section=section,
            heading=heading,
            body=body,
            figures=figures,
            names=names,
            others=[s for s in sections if s.pk != section.pk],
        ),
    }


@require_perm("reports.view")
def report_detail_view(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    return render_page(request, "reports/report_detail.html", _detail_context(request, report))


@require_perm("reports.view")
def report_html_view(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    composed = compose(report)
    return render_page(
        request,
        "reports/report_html.html",
        {"report": report, "title_lines": composed.title.split("\n"), "body": to_html(report, composed)},
    )


@require_perm("reports.view")
def report_figure_view(request, pk: int, key: str):
    report = selectors.report_get(user=request.user, pk=pk)
    _require_module_view(request.user, key)
    snapshot = report.figures.filter(key=key).first() if report.is_frozen else None
    if report.is_frozen and snapshot is None:
        raise Http404
    items = snapshot.evidence if snapshot else selectors.metric_evidence(key=key, area=report.area, year=report.year)
    context = {
        "report": report,
        "key": key,
        "metric": METRICS.get(key),
        "snapshot": snapshot,
        "page": _page(request, items),
        "total": len(items) if snapshot else items.count(),
        "area": report.area,
        "year": report.year,
    }
    return render_page(request, "reports/evidence.html", context)


@require_perm("reports.view")
def report_download_view(request, pk: int, fmt: str):
    report = selectors.report_get(user=request.user, pk=pk)
    if fmt not in exports.FORMATS:
        raise Http404
    if fmt == "pdf":
        # LibreOffice takes seconds: the PDF is made once in the background and kept; meanwhile a progress page.
        pdf = services.report_pdf_request(report=report)
        if pdf.status == ReportPdf.Status.DONE:
            return FileResponse(
                pdf.file.open("rb"),
                as_attachment=True,
                filename=f"{report.title}.pdf",
                content_type=exports.FORMATS[fmt],
            )
        return render_page(request, "reports/report_pdf.html", {"report": report, "pdf": pdf})
    try:
        data = exports.export(report, fmt=fmt)
    except PdfUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("reports:report_detail", pk=report.pk)
    return FileResponse(
        io.BytesIO(data), as_attachment=True, filename=f"{report.title}.{fmt}", content_type=exports.FORMATS[fmt]
    )


@require_perm("reports.view")
def report_pdf_view(request, pk: int, job: int):
    """The progress of one background PDF, polled by htmx; once made, the browser is sent to the download."""
    report = selectors.report_get(user=request.user, pk=pk)
    pdf = report.pdfs.filter(pk=job).first()
    if pdf is None:
        raise Http404
    response = render_page(request, "reports/report_pdf.html", {"report": report, "pdf": pdf}, partial="progress")
    if pdf.status == ReportPdf.Status.DONE and getattr(request, "htmx", False):
        response["HX-Redirect"] = reverse("reports:report_download", args=[report.pk, "pdf"])
    return response


def _report_for_change(request, pk: int):
    report = selectors.report_get(user=request.user, pk=pk)
    if not area_in_scope(request.user, Module.REPORTS, report.area, CHANGE):
        raise PermissionDenied
    return report


def _anchor(section) -> str:
    return f"{reverse('reports:report_detail', args=[section.report_id])}#section-{section.pk}"


def _errors(request, exc: ValidationError) -> None:
    messages.error(request, "；".join(exc.messages))


def _section_for_change(request, pk: int):
    section = selectors.section_get(user=request.user, pk=pk)
    if not area_in_scope(request.user, Module.REPORTS, section.report.area, CHANGE):
        raise PermissionDenied
    return section


def _texts(section) -> list[str]:
    return [s for other in section.report.sections.all() for s in (other.heading, other.body)]


@require_POST
@require_perm("reports.change")
def section_update_view(request, pk: int):
    """Save a section typed with figures by name (【普法宣传活动】); a failed save shows the page again with the
    section open and its text as typed, never a redirect that would lose it."""
    section = _section_for_change(request, pk)
    form = SectionForm(request.POST, prefix=f"s{section.pk}")
    if form.is_valid():
        names = editor.names_for(_texts(section))
        version = submitted_version(request.POST)
        try:
            services.section_update(
                actor=request.user,
                section=section,
                heading=editor.to_stored(form.cleaned_data["heading"], names),
                body=editor.to_stored(form.cleaned_data["body"], names),
                version=version,
            )
        except EditConflict as conflict:
            # Both texts side by side, the author's as typed: nothing they wrote is lost. The newer one reads as the
            # editor shows it (figures by name, never keys); the values kept for the warnings are not text.
            current = conflict.current
            current.heading = editor.to_display(current.heading, names)
            current.body = editor.to_display(current.body, names)
            current.figure_values = ""
            return conflict_response(request, conflict, form=form, back_url=_anchor(section))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("段落已保存。"))
            return redirect(_anchor(section))
    messages.error(request, _("段落未保存，请按提示修改后再保存；您输入的内容仍在编辑框中。"))
    report = section.report
    context = _detail_context(request, report, editing=(section, form))
    return render_page(request, "reports/report_detail.html", context, status=400)


@require_POST
@require_perm("reports.change")
def section_preview_view(request, pk: int):
    """The editor's live preview and warnings of the text being typed (htmx, on input): nothing is saved."""
    section = _section_for_change(request, pk)
    form = SectionForm(request.POST, prefix=f"s{section.pk}")
    sections = list(section.report.sections.all())
    names = editor.names_for([t for s in sections for t in (s.heading, s.body)])
    context = {"ed": _editor(section.report, section, form, names, sections), "report": section.report}
    return render(request, "reports/report_detail.html#editor-preview", context)


@require_perm("reports.change")
def figure_picker_view(request, pk: int):
    """The area's figures whose name holds ?q=, with this year's and last year's values (htmx, as one types)."""
    report = _report_for_change(request, pk)
    query = request.GET.get("q", "")
    names = editor.names_for()
    choices, total = editor.figure_choices(area=report.area, year=report.year, query=query, names=names)
    context = {"choices": choices, "total": total, "query": query.strip(), "target": request.GET.get("target", "")}
    context["more"] = total - len(choices)
    context["report"] = report
    return render(request, "reports/report_detail.html#picker-results", context)


@require_POST
@require_perm("reports.change")
def section_move_view(request, pk: int):
    section = _section_for_change(request, pk)
    form = SectionMoveForm(request.POST)
    if form.is_valid():
        try:
            services.section_move(actor=request.user, section=section, up=form.cleaned_data["direction"] == "up")
        except ValidationError as exc:
            _errors(request, exc)
    else:
        messages.error(request, _("请选择上移或下移。"))
    return redirect(_anchor(section))


@require_POST
@require_perm("reports.change")
def section_insert_view(request, pk: int):
    """A new empty paragraph right after this section, opened for writing."""
    section = _section_for_change(request, pk)
    try:
        new = services.section_add(
            actor=request.user, report=section.report, level=0, heading="", body="", after=section
        )
    except ValidationError as exc:
        _errors(request, exc)
        return redirect(_anchor(section))
    messages.success(request, _("已在下方插入空白段落，请填写正文。"))
    return redirect(_anchor(new))


@require_POST
@require_perm("reports.change")
def section_delete_view(request, pk: int):
    """Remove one section of the report; posted by the report so that a second click on a section already gone
    says so instead of a 404."""
    report = _report_for_change(request, pk)
    section = (
        report.sections.filter(pk=request.POST.get("section") or 0).first()
        if request.POST.get("section", "").isdigit()
        else None
    )
    if section is None:
        messages.error(request, _("段落已被删除，请刷新页面。"))
        return redirect("reports:report_detail", pk=report.pk)
    try:
        services.section_delete(actor=request.user, section=section)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, _("段落已删除。"))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
@require_perm("reports.change")
def report_addressee_view(request, pk: int):
    report = _report_for_change(request, pk)
    form = AddresseeForm(request.POST)
    if form.is_valid():
        try:
            services.report_addressee_update(
                actor=request.user, report=report, addressee=form.cleaned_data["addressee"]
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("主送机关已保存。"))
    else:
        messages.error(request, _("主送机关填写有误，未保存。"))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
@require_perm("reports.change")
def section_add_view(request, pk: int):
    report = _report_for_change(request, pk)
    form = SectionAddForm(request.POST)
    if form.is_valid():
        try:
            services.section_add(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已添加段落。"))
    else:
        messages.error(request, _("请选择段落层级。"))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
@require_perm("reports.change")
def report_transition_view(request, pk: int):
    report = _report_for_change(request, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_transition(
                actor=request.user,
                report=report,
                action=data["action"],
                on=data["on"],
                reviewer=data["reviewer"],
                url=data["url"],
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("报告状态已更新为“%(s)s”。") % {"s": report.get_status_display()})
    else:
        messages.error(request, _("请填写有效的日期和网址。"))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
@require_perm("reports.change")
def suggestion_accept_view(request, pk: int):
    report = _report_for_change(request, pk)
    form = SuggestionForm(request.POST)
    if form.is_valid():
        try:
            section = services.suggestion_accept(actor=request.user, report=report, text=form.cleaned_data["text"])
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已加入“存在的问题”，可继续修改措辞。"))
            return redirect(_anchor(section))
    else:
        messages.error(request, _("问题表述不能为空。"))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
@require_perm("reports.change")
def rectification_add_view(request, pk: int):
    report = _report_for_change(request, pk)
    form = RectificationForm(request.POST)
    if form.is_valid():
        try:
            services.rectification_add(actor=request.user, report=report, **form.cleaned_data)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已登记整改问题。"))
    else:
        messages.error(request, _("请填写问题、整改措施和整改期限。"))
    return redirect("reports:report_detail", pk=report.pk)


@require_POST
@require_perm("reports.change")
def rectification_close_view(request, pk: int):
    item = selectors.rectification_get(user=request.user, pk=pk)
    form = RectificationCloseForm(request.POST)
    if form.is_valid():
        try:
            services.rectification_close(actor=request.user, item=item, on=form.cleaned_data["closed_on"])
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, _("已销号。"))
    else:
        messages.error(request, _("请填写有效的销号日期。"))
    return redirect("reports:report_detail", pk=item.report_id)


def _area_year(request):
    areas = selectors.area_choices(user=request.user)
    form = AreaYearForm(request.GET or None, areas=areas, initial={"area": areas.first(), "year": _default_year()})
    if form.is_valid():
        return form, form.cleaned_data["area"], form.cleaned_data["year"]
    return form, areas.first(), _default_year()


@require_perm("reports.view")
def metric_list_view(request):
    """The figures of one report section at a time (?section=n), so a page's work stays bounded however many
    figures are registered; the section tabs cost only the registry's refresh (core.metrics.refresh)."""
    form, area, year = _area_year(request)
    sections = selectors.metric_sections(area) if area else []
    number = request.GET.get("section", "")
    section = next((s for s in sections if str(s.number) == number), sections[0] if sections else None)
    figures = selectors.metric_table(area=area, year=year, keys=section.keys) if area and section else []
    return render_page(
        request,
        "reports/metric_list.html",
        {"form": form, "area": area, "year": year, "figures": figures, "sections": sections, "section": section},
        partial="results",
    )


@require_perm("reports.view")
def metric_evidence_view(request, key: str):
    _require_module_view(request.user, key)
    _form, area, year = _area_year(request)
    if area is None:
        raise Http404
    records = selectors.metric_evidence(key=key, area=area, year=year)  # Http404 for a key no figure has
    context = {
        "key": key,
        "metric": METRICS[key],
        "measure_label": getattr(METRICS[key], "measure_label", ""),
        "parts": bool(METRICS[key].parts),
        "page": _page(request, records),
        "total": records.count(),
        "area": area,
        "year": year,
        "snapshot": None,
        "report": None,
    }
    return render_page(request, "reports/evidence.html", context)


@require_perm("reports.view")
def county_rollup_view(request):
    counties = selectors.area_choices(user=request.user).filter(level=Level.COUNTY)
    county = counties.first()
    # Opens on the report year, or the latest year before it that has records (never on an empty year).
    years = dashboards.years_with_data(user=request.user, area=county) if county else []
    year = dashboards.latest_year(years, up_to=_default_year())
    form = AreaYearForm(request.GET or None, areas=counties, initial={"area": county, "year": year})
    if form.is_valid():
        county, year = form.cleaned_data["area"], form.cleaned_data["year"]
    rollup = (
        selectors.county_rollup(county=county, year=year, keys=selectors.DEFAULT_KEYS, today=timezone.localdate())
        if county
        else None
    )
    return render_page(
        request,
        "reports/county_rollup.html",
        {"form": form, "county": county, "year": year, "rollup": rollup, "keys": selectors.DEFAULT_KEYS},
    )


def _template_county_year(request, counties):
    """The county and year the template page is about: ?county=&year=, else the user's first county and the
    year reports are being written for."""
    form = AreaYearForm({"area": request.GET.get("county"), "year": request.GET.get("year")}, areas=counties)
    if form.is_valid():
        return form.cleaned_data["area"], form.cleaned_data["year"]
    return counties.first(), _default_year()


@require_perm("reports.change")
def county_template_view(request):
    """A county's template for its townships' reports of a year: its versions, and a new one to publish."""
    counties = selectors.template_counties(user=request.user)
    county, year = _template_county_year(request, counties)
    names = editor.names_for()
    current = selectors.county_template_current(county=county, year=year) if county else None
    form = CountyTemplateForm(request.POST or None, counties=counties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        county, year = data["county"], data["year"]
        try:
            template = services.county_template_publish(
                actor=request.user,
                county=county,
                year=year,
                sections=county_template.parse_outline(data["outline"], names),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("已发布%(year)s年度报告模板第%(n)s版。") % {"year": template.year, "n": template.number}
            )
            return redirect(f"{reverse('reports:county_template')}?county={county.pk}&year={year}")
    elif request.method != "POST" and county is not None:
        rows = (
            current.sections
            if current
            else county_template.default_rows(county=county, assessed=assessed_keys(county=county))
        )
        form = CountyTemplateForm(
            initial={"county": county, "year": year, "outline": county_template.to_outline(rows, names)},
            counties=counties,
        )
    context = {
        "form": form,
        "county": county,
        "year": year,
        "current": current,
        "versions": selectors.county_template_versions(user=request.user, county=county, year=year) if county else [],
    }
    status = 400 if request.method == "POST" else 200
    return render_page(request, "reports/county_template.html", context, status=status)


@require_POST
@require_perm("reports.change")
def county_template_withdraw_view(request):
    counties = selectors.template_counties(user=request.user)
    form = AreaYearForm(request.POST, areas=counties)
    if not form.is_valid():
        messages.error(request, _("请选择您可以发布模板的县和年度。"))
        return redirect("reports:county_template")
    county, year = form.cleaned_data["area"], form.cleaned_data["year"]
    try:
        template = services.county_template_withdraw(actor=request.user, county=county, year=year)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(
            request,
            _("已撤回%(year)s年度报告模板第%(n)s版，新建的报告不再使用它。") % {"year": year, "n": template.number},
        )
    return redirect(f"{reverse('reports:county_template')}?county={county.pk}&year={year}")
