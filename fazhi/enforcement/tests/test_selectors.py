import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.metrics import Period, refresh
from fazhi.enforcement import selectors, services
from fazhi.enforcement.choices import InspectionKind
from fazhi.enforcement.models import Inspection, Officer, Problem, Publication, TrainingRecord

pytestmark = pytest.mark.django_db
D = datetime.date


def _publication(case, *, published_on=None, withdrawn_on=None, revoked_on=None, title="公示"):
    return Publication.objects.create(
        case=case,
        kind="decision",
        title=title,
        text="责令改正",
        due_on=D(2023, 5, 17),
        published_on=published_on,
        revoked_on=revoked_on,
        withdrawn_on=withdrawn_on,
    )


def test_public_list_shows_only_published_not_withdrawn_in_the_subtree_newest_first(world, make_case):
    case = make_case()
    _publication(case, published_on=D(2023, 5, 10), title="旧")
    _publication(case, published_on=D(2023, 6, 10), title="新")
    _publication(case, title="未公示")
    _publication(case, published_on=D(2023, 5, 1), revoked_on=D(2023, 6, 1), withdrawn_on=D(2023, 6, 2), title="已撤下")
    _publication(make_case(area=world.other_township), published_on=D(2023, 7, 1), title="明通镇")
    items = list(selectors.publication_list(area=world.township))
    assert [(p.title, p.published_on, p.text) for p in items] == [
        ("新", D(2023, 6, 10), "责令改正"),
        ("旧", D(2023, 5, 10), "责令改正"),
    ]
    assert [p.title for p in selectors.publication_list(area=world.county)] == ["明通镇", "新", "旧"]


def test_portal_source_reads_the_enforcement_publications(world, make_case):
    from fazhi.portal.sources import enforcement_publications

    _publication(make_case(), published_on=D(2023, 5, 10), title="处罚决定公示")
    assert [(i.title, i.date) for i in enforcement_publications(world.township)] == [("处罚决定公示", D(2023, 5, 10))]


def test_officer_flags_uncertified_expiring_several_posts_and_short_hours(world, enforcer):
    today = D(2023, 6, 1)

    def officer(name, until, posts="", hours=60):
        o = Officer.objects.create(
            area=world.township,
            name=name,
            certificate_no=name,
            certificate_issued_on=D(2019, 1, 1),
            certificate_valid_until=until,
            other_posts=posts,
        )
        TrainingRecord.objects.create(officer=o, on=D(2023, 3, 1), hours=Decimal(hours), topic="培训")
        TrainingRecord.objects.create(officer=o, on=D(2022, 3, 1), hours=Decimal(100), topic="去年")
        return o

    officer("无证", D(2023, 5, 31))
    officer("将到期", D(2023, 7, 31))
    officer("多岗", D(2030, 1, 1), posts="应急办\n安监员")
    officer("学时少", D(2030, 1, 1), hours=59.5)
    officer("正常", D(2023, 8, 1))  # 61 days away: not yet warned
    flags = {o.name: selectors.officer_flags(o, today=today) for o in selectors.officer_list(user=enforcer, year=2023)}
    assert flags == {
        "无证": ["uncertified"],
        "将到期": ["expiring"],
        "多岗": ["several_posts"],
        "学时少": ["short_hours"],
        "正常": [],
    }


def test_officer_list_is_scoped(world, enforcer):
    Officer.objects.create(
        area=world.foreign_grid,
        name="外县",
        certificate_no="F1",
        certificate_issued_on=D(2019, 1, 1),
        certificate_valid_until=D(2030, 1, 1),
    )
    Officer.objects.create(
        area=world.township,
        name="本乡",
        certificate_no="H1",
        certificate_issued_on=D(2019, 1, 1),
        certificate_valid_until=D(2030, 1, 1),
    )
    assert [o.name for o in selectors.officer_list(user=enforcer, year=2023)] == ["本乡"]


def test_metrics_count_their_records(world, officers, make_case):
    period = Period.year(2023)
    make_case(case_type="penalty")
    make_case(case_type="inspection")
    make_case(area=world.foreign_grid)
    inspection = Inspection.objects.create(
        area=world.township, kind="file_review", held_on=D(2023, 11, 1), scope="案卷", inspector="司法局"
    )
    Problem.objects.create(inspection=inspection, description="a", due_on=D(2023, 12, 1))
    Problem.objects.create(
        inspection=inspection, description="b", due_on=D(2023, 12, 1), rectification="改", rectified_on=D(2023, 11, 20)
    )
    metrics = refresh()

    def value(key):
        return metrics[key].value(area=world.township, period=period)

    # 持证率 2/3: 李执法's certificate expired in 2023, 张 and 王 are valid on 2023-12-31.
    assert (value("enforcement.certified_officers"), value("enforcement.officers")) == (2, 3)
    assert (value("enforcement.cases"), value("enforcement.cases.penalty"), value("enforcement.cases.inspection")) == (
        2,
        1,
        1,
    )
    assert (
        value("enforcement.inspections"),
        value("enforcement.problems"),
        value("enforcement.problems_rectified"),
    ) == (
        1,
        2,
        1,
    )


def test_an_officer_certified_after_the_year_does_not_count_as_certified_in_it(world, officers):
    Officer.objects.create(
        area=world.township,
        name="新执法",
        certificate_no="N3",
        certificate_issued_on=D(2024, 3, 1),
        certificate_valid_until=D(2029, 2, 28),
    )
    certified = refresh()["enforcement.certified_officers"].evidence(area=world.township, period=Period.year(2023))
    assert sorted(o.name for o in certified) == ["张执法", "王执法"]


def test_workbench_warns_of_overdue_publication_expiring_certificate_and_late_rectification(
    world, officers, make_case, enforcer, calendar
):
    from fazhi.enforcement.workbench import items

    today = timezone.localdate()
    case = services.case_decide(
        actor=None,
        case=make_case(officers=[officers[0], officers[2]]),
        on=D(2023, 5, 8),
        conclusion="警告",
    )
    Officer.objects.filter(pk=officers[0].pk).update(certificate_valid_until=today + datetime.timedelta(days=59))
    Officer.objects.filter(pk=officers[2].pk).update(certificate_valid_until=today + datetime.timedelta(days=61))
    inspection = Inspection.objects.create(
        area=world.township, kind="file_review", held_on=D(2023, 11, 1), scope="案卷", inspector="司法局"
    )
    Problem.objects.create(inspection=inspection, description="缺签名", due_on=D(2023, 12, 1))
    found = {i.title: i for i in items(enforcer)}
    assert found["执法决定待公示：违规占道经营"].overdue
    assert found["执法决定待公示：违规占道经营"].url == f"/enforcement/cases/{case.pk}/"
    assert not found["执法证即将到期：张执法"].overdue and found["执法证已过期：李执法"].overdue
    assert "执法证即将到期：王执法" not in found
    assert found["评查问题整改逾期：缺签名"].overdue
    assert items(world.user("mediator")) == []


def test_workbench_hides_other_counties(world, make_case, enforcer):
    from fazhi.enforcement.workbench import items

    Officer.objects.create(
        area=world.foreign_grid,
        name="外县",
        certificate_no="F1",
        certificate_issued_on=D(2019, 1, 1),
        certificate_valid_until=D(2020, 1, 1),
    )
    _publication(make_case(area=world.foreign_grid))
    assert items(enforcer) == []


def test_demo_is_idempotent_and_shows_the_seeds_problems(world, calendar):
    from fazhi.enforcement import demo

    demo.load({"township": world.township})
    demo.load({"township": world.township})
    today = timezone.localdate()
    officers = {o.name: o for o in Officer.objects.all()}
    assert len(officers) == 3 and officers["刘执法"].several_posts
    assert officers["陈执法"].expiring_soon(today)
    assert Publication.objects.filter(published_on__isnull=False).count() == 3
    licensing = Publication.objects.get(case__title="农村村民住宅建设许可")
    assert licensing.due_on == D(2023, 10, 12)
    assert Inspection.objects.get(kind=InspectionKind.FILE_REVIEW).problems.count() == 2
    assert sorted(Inspection.objects.values_list("kind", flat=True)) == ["file_review", "routine", "special"]
    assert officers["陈执法"].certificate_issued_on.year == 2023 and not officers["陈执法"].certified_on(D(2023, 5, 1))
    assert TrainingRecord.objects.filter(on__year=2023).count() == 8
