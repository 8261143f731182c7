"""Generating a report an area already has for the year answers with a link to that report, not a dead end."""

from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.reports import services
from fazhi.reports.models import Report

TEMPLATE = [(1, "一、工作开展情况", "正文", "")]


def test_creating_a_report_that_exists_links_to_it_and_saves_nothing(world, client):
    report = services.report_create(actor=None, area=world.township, year=2023, template=TEMPLATE)
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(reverse("reports:report_create"), {"area": world.township.pk, "year": 2023})
    html = response.content.decode()
    assert response.status_code == 200
    assert "治平乡2023年度的报告已存在" in html
    assert f'href="{reverse("reports:report_detail", args=[report.pk])}"' in html
    assert Report.objects.count() == 1


def test_a_fresh_year_has_no_such_link(world, client):
    client.force_login(world.user(Role.LEGAL_STAFF))
    response = client.post(reverse("reports:report_create"), {"area": world.township.pk, "year": 1999})
    assert 'data-testid="existing"' not in response.content.decode()
