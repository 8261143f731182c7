import datetime
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.mediation import services
from fazhi.mediation.models import Dispute, Session

from .conftest import make_dispute

D = datetime.date


def test_the_studio_registers_a_general_dispute_and_records_a_session(client, world, studio, mediator):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("mediation:dispute_create"),
        {
            "area": world.village.pk,
            "title": "务工报酬纠纷",
            "dispute_type": "wages",
            "source": "walk_in",
            "tier": "general",
            "received_on": "2023-04-03",
            "applicant": "王五",
            "respondent": "某建筑队",
            "body": studio.pk,
            "mediators": [mediator.pk],
        },
    )
    dispute = Dispute.objects.get(title="务工报酬纠纷")
    assert response.status_code == 302 and response["Location"] == reverse(
        "mediation:dispute_detail", args=[dispute.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "一般（工作室化解）" in page and "司法部《人民调解工作若干规定》第三十三条" in page
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "session"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "session-held_on": "2023-04-05",
            "session-place": "小米书记工作室",
            "session-notes": "释法明理",
        },
    )
    assert response.status_code == 302 and Session.objects.filter(dispute=dispute).count() == 1


def test_a_general_dispute_without_mediators_shows_the_reason_and_saves_nothing(client, world, studio):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("mediation:dispute_create"),
        {
            "area": world.village.pk,
            "title": "邻里纠纷",
            "dispute_type": "neighbour",
            "source": "walk_in",
            "tier": "general",
            "received_on": "2023-04-03",
            "applicant": "王五",
            "body": studio.pk,
        },
    )
    assert response.status_code == 200
    assert "一般纠纷须指定调解员。" in response.content.decode()
    assert not Dispute.objects.exists()


def test_a_session_dated_before_receipt_is_refused_with_a_chinese_message(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.MEDIATOR))
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "session"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "session-held_on": "2023-02-01",
            "session-place": "工作室",
            "session-notes": "调解",
        },
    )
    assert response.status_code == 200 and "调解日期不能早于受理日期。" in response.content.decode()
    assert not Session.objects.exists()


def test_a_web_page_renamed_as_the_session_record_is_refused_and_nothing_is_saved(
    client, world, studio, mediator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.MEDIATOR))
    page = SimpleUploadedFile("笔录.pdf", b"<!doctype html><script>fetch('/accounts/')</script>")
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "session"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "session-held_on": "2023-03-05",
            "session-place": "工作室",
            "session-notes": "调解",
            "session-file": page,
        },
    )
    assert response.status_code == 200
    assert "文件“笔录.pdf”的内容与扩展名 .pdf 不符" in response.content.decode()
    assert not Session.objects.exists() and not any(tmp_path.rglob("*.pdf"))


def test_closing_with_an_agreement_offers_the_docx(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.MEDIATOR))
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "close"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "close-status": "resolved",
            "close-on": "2023-03-08",
            "close-form": "written",
            "close-terms": "李四赔偿300元",
            "close-performance_method": "现金",
            "close-performance_due": "2023-03-15",
        },
    )
    assert response.status_code == 302
    response = client.get(reverse("mediation:agreement_docx", args=[dispute.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_an_unassigned_mediator_gets_404_on_a_dispute_in_their_township(client, world, studio, mediator):
    from fazhi.mediation import services

    other = services.mediator_create(actor=None, area=world.township, name="别人", kind="worthy")
    dispute = make_dispute(world, tier="simple", mediators=[other])
    client.force_login(world.user(Role.MEDIATOR))
    assert client.get(reverse("mediation:dispute_detail", args=[dispute.pk])).status_code == 404
    assert client.get(reverse("api:mediation-dispute-detail", args=[dispute.pk])).status_code == 404


def test_the_roster_shows_masked_phones_only(client, world, mediator):
    client.force_login(world.user(Role.LEGAL_STAFF))
    page = client.get(reverse("mediation:roster")).content.decode()
    assert "138****5678" in page and "13812345678" not in page


def test_a_matter_becomes_a_dispute_through_the_page(client, world, studio, mediator):
    from fazhi.grid import services as grid_services

    matter = grid_services.matter_create(
        actor=None,
        area=world.grid,
        category="dispute",
        description="排水沟纠纷",
        source="grid_report",
        raised_by_text="张三",
    )
    client.force_login(world.user(Role.GRID_ADMIN))
    url = reverse("mediation:dispute_create_from_matter", args=[matter.pk])
    assert "排水沟纠纷" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "area": world.grid.pk,
            "title": "排水沟纠纷",
            "dispute_type": "neighbour",
            "source": "walk_in",
            "tier": "general",
            "received_on": "2023-06-02",
            "applicant": "张三",
            "respondent": "李四",
            "body": studio.pk,
            "mediators": [mediator.pk],
        },
    )
    dispute = Dispute.objects.get(matter=matter)
    assert response.status_code == 302 and dispute.source == "matter"
    # legal staff may read matters but not hand them over (grid.change): a clear message, nothing saved
    other = grid_services.matter_create(
        actor=None,
        area=world.grid,
        category="dispute",
        description="另一纠纷",
        source="grid_report",
        raised_by_text="王五",
    )
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("mediation:dispute_create_from_matter", args=[other.pk]),
        {
            "area": world.grid.pk,
            "title": "另一纠纷",
            "dispute_type": "neighbour",
            "source": "matter",
            "tier": "general",
            "received_on": "2023-06-02",
            "applicant": "王五",
            "body": studio.pk,
            "mediators": [mediator.pk],
        },
    )
    assert response.status_code == 200 and "您无权办理该事项的转调解" in response.content.decode()
    assert not Dispute.objects.filter(matter=other).exists()


def test_the_dispute_list_query_count_does_not_grow_with_the_rows(
    client, world, studio, mediator, django_assert_max_num_queries
):
    for i in range(3):
        make_dispute(world, title=f"纠纷{i}", body=studio, mediators=[mediator])
    client.force_login(world.user(Role.MEDIATOR))
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("mediation:dispute_list")).status_code == 200
    for i in range(3, 13):
        make_dispute(world, title=f"纠纷{i}", body=studio, mediators=[mediator])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("mediation:dispute_list"))
    assert response.content.decode().count("纠纷1") >= 4


def test_assigning_a_mediator_on_the_page(client, world, studio, mediator):
    dispute = make_dispute(world, tier="simple")
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "assign"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "assign-body": studio.pk,
            "assign-mediators": [mediator.pk],
        },
    )
    assert response.status_code == 302 and list(dispute.mediators.all()) == [mediator]


def test_the_assign_and_escalate_panels_offer_the_township_s_mediators_and_refuse_one_outside(
    client, world, studio, mediator
):
    """Each panel reads its lists in one plain query (core.forms.share_choices); a post is still checked against
    the user's own list."""
    outsider = services.mediator_create(
        actor=None, area=world.other_township, name="外乡调解员", kind="first_secretary"
    )
    dispute = make_dispute(world, tier="simple")
    client.force_login(world.user(Role.LEGAL_STAFF))
    for action in ("assign", "escalate"):
        panel = _open_panel(client, dispute, action).content.decode()
        assert panel.count(f'<option value="{mediator.pk}">黄书记</option>') == 1 and "外乡调解员" not in panel
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "assign"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "assign-body": studio.pk,
            "assign-mediators": [outsider.pk],
        },
    )
    assert response.status_code == 200
    assert f"选择一个有效的选项。 {outsider.pk} 不在可用的选项中。" in response.content.decode()
    assert not dispute.mediators.exists()


def test_a_county_user_is_offered_only_what_the_dispute_s_township_may_use(client, world, studio, mediator):
    """Before, the lists came from the user's scope: a county user was offered every township's bodies and mediators,
    which the services then refused for this dispute, and no 包案领导 at all (leaders hold township posts)."""
    other_body = services.body_create(
        actor=None, area=world.other_township, name="明通镇调委会", kind="township_committee"
    )
    services.mediator_create(actor=None, area=world.other_township, name="外乡调解员", kind="first_secretary")
    county_mediator = services.mediator_create(actor=None, area=world.county, name="县调解员", kind="first_secretary")
    make_user("u_other_leader", role=Role.LEADER, area=world.other_township)
    county_staff = make_user("u_county_staff", role=Role.LEGAL_STAFF, area=world.county)
    dispute = make_dispute(world, tier="simple")
    client.force_login(county_staff)
    escalate = client.get(reverse("mediation:dispute_action", args=[dispute.pk, "escalate"])).context["forms"][
        "escalate"
    ]
    assert set(escalate.fields["body"].queryset) == {studio}
    assert other_body not in escalate.fields["body"].queryset
    assert set(escalate.fields["mediators"].queryset) == {mediator, county_mediator}
    leaders = {u.username for u in escalate.fields["leader"].queryset}
    assert leaders == {world.user(Role.LEADER).username}
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "escalate"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "escalate-reason": "案情复杂",
            "escalate-body": other_body.pk,
        },
    )
    assert "选择一个有效的选项： 该选择不在可用的选项中。" in response.content.decode()
    dispute.refresh_from_db()
    assert dispute.tier == "simple" and dispute.body_id is None


def _offered(page: str, dispute) -> set[str]:
    """The actions the page offers: a form posting to it, or a panel that fetches its form when opened."""
    from fazhi.mediation.views import ACTIONS

    urls = {name: reverse("mediation:dispute_action", args=[dispute.pk, name]) for name in ACTIONS}
    return {name for name, url in urls.items() if f'action="{url}"' in page or f'hx-get="{url}?' in page}


def _open_panel(client, dispute, action, **query):
    """What opening an action's panel fetches (htmx)."""
    url = reverse("mediation:dispute_action", args=[dispute.pk, action])
    return client.get(url, query, headers={"HX-Request": "true"})


def _busy_dispute(world, studio, mediator):
    """An open 一般 dispute between a registered resident and an outsider, with a session and two extensions, each
    by a named user."""
    from fazhi.mediation import services
    from fazhi.mediation.services import PartyInput
    from fazhi.people.services import resident_create

    staff = world.user(Role.LEGAL_STAFF)
    resident = resident_create(actor=None, area=world.grid, name="张三", id_number="500229199001011231")
    parties = [PartyInput(name="张三", role="applicant", resident=resident), PartyInput(name="李四", role="respondent")]
    dispute = make_dispute(world, body=studio, mediators=[mediator], parties=parties)
    services.session_record(actor=staff, dispute=dispute, held_on=D(2023, 3, 5), place="工作室", notes="释法明理")
    for days in (5, 10):
        dispute = services.dispute_extend(actor=staff, dispute=dispute, days=days, reason="当事人外出")
    return dispute


def test_a_view_only_user_gets_the_page_without_any_action_form(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.SUPERVISOR))
    response = client.get(reverse("mediation:dispute_detail", args=[dispute.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "相邻通行纠纷" in page and "黄书记" in page
    assert 'data-testid="session-form"' not in page and 'data-testid="close-form"' not in page
    assert _offered(page, dispute) == set()
    assert response.context["forms"] == {}


def test_an_open_dispute_offers_the_session_form_to_who_may_change_it(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.get(reverse("mediation:dispute_detail", args=[dispute.pk]))
    page = response.content.decode()
    assert 'data-testid="session-form"' in page and 'data-testid="close-form"' not in page
    assert _offered(page, dispute) == {"session", "close", "assign", "escalate", "extend"}
    # the other forms are fetched when their panel is opened: the page builds only the session form
    assert response.context["forms"].keys() == {"session"}


def test_opening_a_panel_fetches_its_form_carrying_the_version_of_the_page(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.LEGAL_STAFF))
    seen = dispute.version  # the page is open at this version
    # someone extends the deadline meanwhile; then the user opens the close panel
    assert services.dispute_extend(actor=None, dispute=dispute, days=5, reason="当事人外出").version > seen
    panel = _open_panel(client, dispute, "close", version=seen)
    fragment = panel.content.decode()
    assert panel.status_code == 200 and fragment.lstrip().startswith("<form") and "<html" not in fragment
    assert 'data-testid="close-form"' in fragment and 'name="close-status"' in fragment
    posted_version = re.search(r'name="version" value="(\d+)"', fragment).group(1)
    assert posted_version == str(seen)
    # closing from what the page showed is refused as a conflict, not applied over the change
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "close"]),
        {
            "version": posted_version,
            "close-status": "failed",
            "close-on": "2023-03-08",
            "close-form": "written",
            "close-reason": "一方拒绝",
        },
    )
    assert response.status_code == 409
    dispute.refresh_from_db()
    assert dispute.status == "open"


def test_without_javascript_a_panel_link_opens_the_page_with_that_form(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.get(reverse("mediation:dispute_action", args=[dispute.pk, "extend"]))
    page = response.content.decode()
    assert response.status_code == 200 and "<html" in page and "相邻通行纠纷" in page
    assert '<details class="card card-body mb-2" open><summary class="h6">延长期限' in page
    assert response.context["forms"].keys() == {"session", "extend"}
    assert f'name="version" value="{dispute.version}"' in page


def test_a_panel_the_dispute_does_not_offer_is_not_found(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.LEGAL_STAFF))
    # no agreement to confirm, no follow-up due, and no such action
    for action in ("confirm_apply", "follow_up", "nonsense"):
        assert _open_panel(client, dispute, action).status_code == 404
    assert Dispute.objects.get(pk=dispute.pk).version == dispute.version


def test_a_closed_dispute_offers_only_what_follows_the_agreement(client, world, studio, mediator):
    from fazhi.mediation import services

    dispute = make_dispute(world, body=studio, mediators=[mediator])
    services.dispute_close(
        actor=None,
        dispute=dispute,
        status="resolved",
        on=D(2023, 3, 8),
        agreement=services.AgreementInput(
            facts="", terms="李四赔偿300元", performance_method="现金", performance_due=D(2023, 3, 15)
        ),
    )
    client.force_login(world.user(Role.LEGAL_STAFF))
    page = client.get(reverse("mediation:dispute_detail", args=[dispute.pk])).content.decode()
    assert 'data-testid="session-form"' not in page and 'data-testid="close-form"' not in page
    assert _offered(page, dispute) == {"confirm_apply", "follow_up"}


def test_a_failed_action_comes_back_with_its_errors_beside_the_other_forms(client, world, studio, mediator):
    dispute = make_dispute(world, body=studio, mediators=[mediator])
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(
        reverse("mediation:dispute_action", args=[dispute.pk, "close"]),
        {
            "version": Dispute.objects.get(pk=dispute.pk).version,
            "close-status": "failed",
            "close-on": "2023-03-08",
            "close-form": "written",
            "close-reason": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "调解不成或终止调解须写明理由" in page
    assert _offered(page, dispute) == {"session", "close", "assign", "escalate", "extend"}
    assert response.context["forms"]["close"].is_bound and not response.context["forms"]["session"].is_bound
    # the failed form is the one left open, not the session form the page opens by default
    assert '<details class="card card-body mb-2" open><summary class="h6">结案' in page
    assert '<details class="card card-body mb-2" open><summary class="h6">记录调解' not in page


def test_the_detail_page_runs_a_fixed_number_of_queries(client, world, studio, mediator, django_assert_num_queries):
    # Both: session, user, posts; the dispute; agreement; follow-ups; mediators; parties; tier changes; extensions;
    # sessions; events. Who may change it adds the can-change check; the session form reads nothing more, and the
    # forms that offer choices (assign, escalate) are fetched only when their panel is opened.
    dispute = _busy_dispute(world, studio, mediator)
    url = reverse("mediation:dispute_detail", args=[dispute.pk])
    for role, queries in ((Role.SUPERVISOR, 12), (Role.LEGAL_STAFF, 13)):
        client.force_login(world.user(role))
        client.get(url)  # warm the session
        with django_assert_num_queries(queries):
            page = client.get(url).content.decode()
        # what the leaner queries still show: which party is registered, and who extended the deadline
        assert page.count("登记居民") == 1
        staff = world.user(Role.LEGAL_STAFF)
        assert f"+5日：当事人外出（{staff}）" in page and f"+10日：当事人外出（{staff}）" in page
