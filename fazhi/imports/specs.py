"""What each importable record type declares: its form, its create service, its row key.

The importer knows no record type: it reads the columns from the type's own form (the page's validation, labels
and choices), binds one form per row with the querysets the page would give it (the user's areas in scope), and
writes through the same service the page calls. A spec adds only what a spreadsheet needs beyond the page:
fields left out (files, long pickers of people), a parent picked by name where the page has it in the URL (the
adviser of an opinion, the board of a posting), and the row key that makes re-importing a file create nothing
twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from fazhi.accounts.roles import CHANGE, Module
from fazhi.areas.models import Level, subtree_q
from fazhi.areas.scoping import area_in_scope, areas_visible_to


@dataclass(frozen=True)
class ImportSpec:
    kind: str  # the record type's key in core.facts ("publicity.activity", "ledger.t12")
    label: str
    module: str
    form_class: type[forms.Form]
    form_kwargs: Callable[[object], dict]  # (user) -> the querysets the page gives the form
    create: Callable[[object, forms.Form], Model]  # (actor, valid form) -> the record, through the service
    model: type[Model]
    key: tuple[str, ...]  # form fields naming one record: a row whose key exists is not imported again
    key_filter: dict = field(default_factory=dict)  # fixed lookups of the key (a ledger entry's type)
    exclude: tuple[str, ...] = ()
    example: dict[str, str] = field(default_factory=dict)
    list_url: tuple = ()  # (url name, *args) of the list page the import returns to

    def key_of(self, cleaned: dict) -> tuple:
        return tuple(_key_part(cleaned.get(name)) for name in self.key)

    def keys_under(self, first) -> set[tuple]:
        """The keys of the records already there that share the key's first part (an area, an adviser): one query
        per area or parent of a file rather than one per row."""
        rows = self.model._default_manager.filter(**self.key_filter, **{self.key[0]: first}).values_list(*self.key)
        return {tuple(_key_part(v) for v in row) for row in rows}


def _key_part(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, str):
        return value.strip()
    return value


def _areas(user, module: str, levels):
    return areas_visible_to(user, module, CHANGE).current().filter(level__in=levels).order_by("path")


def _changeable(queryset, user, module: str):
    """Records in view whose area the user may change (the parent a row is added to)."""
    visible = list(queryset.select_related("area"))
    return queryset.filter(pk__in=[o.pk for o in visible if area_in_scope(user, module, o.area, CHANGE)])


def _training_session() -> ImportSpec:
    from fazhi.training import services
    from fazhi.training.forms import SessionForm
    from fazhi.training.models import Cadre, Session

    return ImportSpec(
        kind="training.session",
        label=str(_("学法培训")),
        module=Module.TRAINING,
        form_class=SessionForm,
        # attendance comes as 参加人次; naming each cadre stays on the session's page
        form_kwargs=lambda user: {
            "areas": _areas(user, Module.TRAINING, [Level.COUNTY, Level.TOWNSHIP]),
            "cadres": Cadre.objects.none(),
        },
        create=lambda actor, form: services.session_create(actor=actor, **form.cleaned_data),
        model=Session,
        key=("area", "held_on", "topic"),
        exclude=("cadres",),
        example={"held_on": "2024-03-05", "topic": "学习宪法", "hours": "2", "participants": "25"},
        list_url=("training:session_list",),
    )


def _publicity_activity() -> ImportSpec:
    from fazhi.publicity import selectors, services
    from fazhi.publicity.forms import ActivityForm
    from fazhi.publicity.models import Activity

    def create(actor, form):
        cleaned = {k: v for k, v in form.cleaned_data.items() if k not in form.audience_fields}
        return services.activity_create(actor=actor, audiences=form.audiences(), **cleaned)

    return ImportSpec(
        kind="publicity.activity",
        label=str(_("普法活动")),
        module=Module.PUBLICITY,
        form_class=ActivityForm,
        form_kwargs=lambda user: {
            "areas": _areas(user, Module.PUBLICITY, [Level.TOWNSHIP, Level.VILLAGE]),
            "plan_items": selectors.plan_item_choices(user=user),
        },
        create=create,
        model=Activity,
        key=("area", "held_on", "title"),
        exclude=("photo",),
        example={"held_on": "2024-03-05", "title": "宪法宣传周集中宣传", "place": "场镇广场", "participants": "120"},
        list_url=("publicity:activity_list",),
    )


def _publicity_post() -> ImportSpec:
    from fazhi.publicity import selectors, services
    from fazhi.publicity.forms import PostForm
    from fazhi.publicity.models import MediaPost

    def kwargs(user):
        accounts = _changeable(selectors.account_list(user=user), user, Module.PUBLICITY)
        return {"accounts": accounts, "series": selectors.series_list(user=user).filter(account__in=accounts)}

    return ImportSpec(
        kind="publicity.post",
        label=str(_("新媒体推送")),
        module=Module.PUBLICITY,
        form_class=PostForm,
        form_kwargs=kwargs,
        create=lambda actor, form: services.post_create(actor=actor, **form.cleaned_data),
        model=MediaPost,
        key=("account", "published_on", "title"),
        example={"published_on": "2024-03-05", "title": "一图读懂民法典", "views": "356"},
        list_url=("publicity:media",),
    )


def _counsel_consultation() -> ImportSpec:
    from fazhi.counsel import services
    from fazhi.counsel.forms import ConsultationForm
    from fazhi.counsel.models import Adviser, Consultation

    return ImportSpec(
        kind="counsel.consultation",
        label=str(_("法律咨询")),
        module=Module.COUNSEL,
        form_class=ConsultationForm,
        form_kwargs=lambda user: {
            "areas": _areas(user, Module.COUNSEL, [Level.TOWNSHIP, Level.VILLAGE]),
            "advisers": Adviser.objects.visible_to(user).order_by("name"),
        },
        create=lambda actor, form: services.consultation_create(actor=actor, **form.cleaned_data),
        model=Consultation,
        key=("area", "received_on", "person", "topic"),
        example={"received_on": "2024-03-05", "person": "王某", "topic": "土地承包经营权流转", "headcount": "1"},
        list_url=("counsel:home",),
    )


def _counsel_opinion() -> ImportSpec:
    from fazhi.counsel import services
    from fazhi.counsel.forms import OpinionForm
    from fazhi.counsel.models import Adviser, Opinion

    class OpinionRowForm(OpinionForm):
        adviser = forms.ModelChoiceField(label=_("法律顾问"), queryset=None)
        field_order = ["adviser"]

        def __init__(self, *args, advisers, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["adviser"].queryset = advisers

    return ImportSpec(
        kind="counsel.opinion",
        label=str(_("法律顾问意见")),
        module=Module.COUNSEL,
        form_class=OpinionRowForm,
        form_kwargs=lambda user: {
            "advisers": _changeable(Adviser.objects.visible_to(user).order_by("name"), user, Module.COUNSEL)
        },
        create=lambda actor, form: services.opinion_add(actor=actor, **form.cleaned_data),
        model=Opinion,
        key=("adviser", "issued_on", "subject"),
        example={"issued_on": "2024-03-05", "subject": "关于场镇改造项目的法律意见"},
        list_url=("counsel:home",),
    )


def _counsel_contract_review() -> ImportSpec:
    from fazhi.counsel import services
    from fazhi.counsel.forms import ContractForm, ContractReviewForm
    from fazhi.counsel.models import Adviser, ContractReview

    review = ContractReviewForm.base_fields

    class ContractReviewRowForm(ContractForm):
        """A contract and its review in one row: the page records them one after the other."""

        reviewer, reviewed_on = review["reviewer"], review["reviewed_on"]
        conclusion, opinion = review["conclusion"], review["opinion"]

        def __init__(self, *args, advisers, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["reviewer"].queryset = advisers

    def create(actor, form):
        d = dict(form.cleaned_data)
        verdict = {name: d.pop(name) for name in ("reviewer", "reviewed_on", "conclusion", "opinion")}
        contract = services.contract_create(actor=actor, **d)
        return services.contract_review(actor=actor, contract=contract, **verdict)

    return ImportSpec(
        kind="counsel.contract_review",
        label=str(_("合同合法性审查")),
        module=Module.COUNSEL,
        form_class=ContractReviewRowForm,
        form_kwargs=lambda user: {
            "areas": _areas(user, Module.COUNSEL, [Level.TOWNSHIP, Level.VILLAGE]),
            "advisers": Adviser.objects.visible_to(user).order_by("name"),
        },
        create=create,
        model=ContractReview,
        key=("area", "submitted_on", "title"),
        example={
            "title": "场镇污水管网建设施工合同",
            "counterparty": "某建设工程有限公司",
            "submitted_on": "2024-03-01",
            "reviewed_on": "2024-03-05",
        },
        list_url=("counsel:contract_list",),
    )


def _enforcement_inspection() -> ImportSpec:
    from fazhi.enforcement import services
    from fazhi.enforcement.forms import InspectionForm
    from fazhi.enforcement.models import Inspection

    return ImportSpec(
        kind="enforcement.inspection",
        label=str(_("执法检查")),
        module=Module.ENFORCEMENT,
        form_class=InspectionForm,
        form_kwargs=lambda user: {"areas": _areas(user, Module.ENFORCEMENT, [Level.COUNTY, Level.TOWNSHIP])},
        create=lambda actor, form: services.inspection_create(actor=actor, **form.cleaned_data),
        model=Inspection,
        key=("area", "held_on", "scope"),
        example={"held_on": "2024-03-05", "scope": "场镇食品经营户", "inspector": "综合行政执法办公室"},
        list_url=("enforcement:inspection_list",),
    )


def _disclosure_posting() -> ImportSpec:
    from fazhi.disclosure import services
    from fazhi.disclosure.forms import PostingForm
    from fazhi.disclosure.models import Board, Posting

    class PostingRowForm(PostingForm):
        board = forms.ModelChoiceField(label=_("公开栏"), queryset=None)
        field_order = ["board"]

        def __init__(self, *args, boards, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["board"].queryset = boards

    return ImportSpec(
        kind="disclosure.posting",
        label=str(_("公开事项")),
        module=Module.DISCLOSURE,
        form_class=PostingRowForm,
        form_kwargs=lambda user: {"boards": _changeable(Board.objects.visible_to(user), user, Module.DISCLOSURE)},
        create=lambda actor, form: services.posting_create(actor=actor, **form.cleaned_data),
        model=Posting,
        key=("board", "posted_on", "title"),
        exclude=("attachments",),
        example={"title": "2024年第一季度村务公开", "period_end": "2024-03-31", "posted_on": "2024-04-05"},
        list_url=("disclosure:board_list",),
    )


def _grid_matter() -> ImportSpec:
    from fazhi.grid import services
    from fazhi.grid.forms import MatterForm
    from fazhi.grid.models import Matter

    return ImportSpec(
        kind="grid.matter",
        label=str(_("群众说事")),
        module=Module.GRID,
        form_class=MatterForm,
        # a registered resident is picked by search on the page; a sheet names the person in 反映人（未登记时填写）
        form_kwargs=lambda user: {
            "grids": areas_visible_to(user, Module.GRID, CHANGE).filter(level=Level.GRID).current().order_by("path")
        },
        create=lambda actor, form: services.matter_create(actor=actor, **form.cleaned_data),
        model=Matter,
        key=("area", "happened_on", "description"),
        exclude=("resident", "attachments", "idempotency_key"),
        example={"description": "村道路灯损坏，夜间出行不便", "raised_by_text": "李某", "happened_on": "2024-03-05"},
        list_url=("grid:matter_list",),
    )


def _grid_visit() -> ImportSpec:
    from fazhi.grid import selectors, services
    from fazhi.grid.forms import VisitForm
    from fazhi.grid.models import Visit

    class VisitRowForm(VisitForm):
        """The page finds the household by search; a sheet names it by its grid and 户编号."""

        grid = forms.ModelChoiceField(label=_("网格"), queryset=None)
        household_number = forms.CharField(label=_("户编号"), max_length=30)
        field_order = ["grid", "household_number"]

        def __init__(self, *args, grids, households, **kwargs):
            super().__init__(*args, households=households, **kwargs)
            self.fields["grid"].queryset = grids
            self.fields.pop("household")
            self._households, self._by_number = households, None

        def clean(self):
            data = super().clean()
            grid, number = data.get("grid"), (data.get("household_number") or "").strip()
            if grid and number:
                if self._by_number is None:  # read once for a file, on its first row
                    self._by_number = {(h.area_id, h.number): h for h in self._households}
                data["household"] = self._by_number.get((grid.pk, number))
                if data["household"] is None:
                    self.add_error("household_number", _("该网格没有户编号为“%(n)s”的户。") % {"n": number})
            return data

    def create(actor, form):
        d = form.cleaned_data
        facts = {k: d[k] for k in ("address", "member_count") if d.get(k) not in (None, "")}
        matter = None
        if d.get("matter_category"):
            matter = {"category": d["matter_category"], "description": d["matter_description"], "attachments": []}
        return services.visit_record(
            actor=actor,
            household=d["household"],
            visited_on=d["visited_on"],
            notes=d["notes"],
            household_facts=facts or None,
            matter=matter,
        )

    return ImportSpec(
        kind="grid.visit",
        label=str(_("网格走访")),
        module=Module.GRID,
        form_class=VisitRowForm,
        form_kwargs=lambda user: {
            "grids": areas_visible_to(user, Module.GRID, CHANGE).filter(level=Level.GRID).current().order_by("path"),
            "households": selectors.visit_household_choices(user=user),
        },
        create=create,
        model=Visit,
        key=("household", "visited_on"),
        exclude=("attachments", "idempotency_key"),
        example={"household_number": "0001", "visited_on": "2024-03-05", "notes": "了解家庭近况，宣传防诈骗知识"},
        list_url=("grid:visit_list",),
    )


def _dispute() -> ImportSpec:
    from fazhi.areas.selectors import leaders_over
    from fazhi.mediation import selectors, services
    from fazhi.mediation.choices import PartyRole
    from fazhi.mediation.forms import DisputeForm
    from fazhi.mediation.models import Dispute
    from fazhi.people.models import Resident

    def kwargs(user):
        areas = areas_visible_to(user, Module.MEDIATION, CHANGE).current()
        first = areas.order_by("path").first()
        return {
            "areas": areas,
            "bodies": selectors.body_list(user=user).filter(is_active=True),
            "mediators": selectors.mediator_list(user=user),
            "leaders": leaders_over(first) if first else areas.none(),
            "residents": Resident.objects.none(),
        }

    def create(actor, form):
        d = dict(form.cleaned_data)
        parties = [services.PartyInput(name=d.pop("applicant"), role=PartyRole.APPLICANT)]
        respondent = d.pop("respondent", "")
        if respondent:
            parties.append(services.PartyInput(name=respondent, role=PartyRole.RESPONDENT))
        return services.dispute_create(actor=actor, parties=parties, **d)

    return ImportSpec(
        kind="mediation.dispute",
        label=str(_("矛盾纠纷")),
        module=Module.MEDIATION,
        form_class=DisputeForm,
        form_kwargs=kwargs,
        create=create,
        model=Dispute,
        key=("area", "received_on", "title"),
        # a party who is a registered resident is found by search on the dispute's page
        exclude=("applicant_resident", "respondent_resident"),
        example={"title": "相邻宅基地滴水纠纷", "received_on": "2024-03-05", "applicant": "张某", "respondent": "李某"},
        list_url=("mediation:dispute_list",),
    )


def _petition() -> ImportSpec:
    from fazhi.petitions import services
    from fazhi.petitions.forms import PetitionForm
    from fazhi.petitions.models import Petition

    def create(actor, form):
        data = dict(form.cleaned_data)
        petitioners = [
            services.PetitionerInput(
                name=line.strip().rstrip("*").strip(), is_representative=line.strip().endswith("*")
            )
            for line in data.pop("petitioners").replace("、", "\n").splitlines()
            if line.strip()
        ]
        return services.petition_register(actor=actor, petitioners=petitioners, **data)

    return ImportSpec(
        kind="petitions.petition",
        label=str(_("信访事项")),
        module=Module.PETITIONS,
        form_class=PetitionForm,
        form_kwargs=lambda user: {"areas": areas_visible_to(user, Module.PETITIONS, CHANGE).current()},
        create=create,
        model=Petition,
        key=("area", "received_on", "request"),
        example={"received_on": "2024-03-05", "petitioners": "张某", "request": "请求解决宅基地边界争议"},
        list_url=("petitions:petition_list",),
    )


def _ledger_entry(pk: int, user) -> ImportSpec:
    from fazhi.ledger import selectors, services
    from fazhi.ledger.forms import EntryForm
    from fazhi.ledger.models import Entry

    record_type = selectors.record_type_get(user=user, pk=pk)  # another township's type: 404

    def kwargs(user):
        return {
            "areas": areas_visible_to(user, Module.LEDGER, CHANGE)
            .current()
            .filter(subtree_q(record_type.area.path, "path"), level__in=[Level.TOWNSHIP, Level.VILLAGE])
            .order_by("path"),
            "measures": list(record_type.measures.all()),
            "field_defs": selectors.fields_of(record_type=record_type),
        }

    return ImportSpec(
        kind=f"ledger.t{record_type.pk}",
        label=record_type.name,
        module=Module.LEDGER,
        form_class=EntryForm,
        form_kwargs=kwargs,
        create=lambda actor, form: services.entry_create(actor=actor, record_type=record_type, **form.service_kwargs()),
        model=Entry,
        # a ledger keeps no title: an entry is its area, its day and its note
        key=("area", "occurred_on", "note"),
        key_filter={"record_type": record_type},
        exclude=("attachment",),
        example={"occurred_on": "2024-03-05"},
        list_url=("ledger:type_detail", record_type.pk),
    )


BUILDERS: dict[str, Callable[[], ImportSpec]] = {
    "training.session": _training_session,
    "publicity.activity": _publicity_activity,
    "publicity.post": _publicity_post,
    "counsel.consultation": _counsel_consultation,
    "counsel.opinion": _counsel_opinion,
    "counsel.contract_review": _counsel_contract_review,
    "enforcement.inspection": _enforcement_inspection,
    "disclosure.posting": _disclosure_posting,
    "grid.matter": _grid_matter,
    "grid.visit": _grid_visit,
    "petitions.petition": _petition,
    "mediation.dispute": _dispute,
}
LEDGER_PREFIX = "ledger.t"
MODULES = (Module.TRAINING, Module.PUBLICITY, Module.COUNSEL, Module.ENFORCEMENT, Module.DISCLOSURE, Module.GRID,
           Module.MEDIATION, Module.PETITIONS, Module.LEDGER)  # fmt: skip


def spec_get(kind: str, *, user) -> ImportSpec:
    """The spec of `kind` as `user` may use it; an unknown kind, or a ledger type out of view, is 404."""
    if kind.startswith(LEDGER_PREFIX) and kind.removeprefix(LEDGER_PREFIX).isdigit():
        return _ledger_entry(int(kind.removeprefix(LEDGER_PREFIX)), user)
    if kind not in BUILDERS:
        raise Http404
    return BUILDERS[kind]()
