"""The workbench says each item's kind once: the badge names it, the title does not repeat it
(a list read "信访 信访 XF2026-00001")."""

import datetime
import re

from django.urls import reverse

from fazhi.accounts.roles import Role
from fazhi.core.dictionaries import dictionary_seed
from fazhi.petitions.models import Petition
from fazhi.petitions.services import PetitionerInput, petition_register
from fazhi.portal.choices import RequestKind
from fazhi.portal.models import PublicRequest


def _items_text(html: str, testid: str = "work-items") -> list[str]:
    block = html.split(f'data-testid="{testid}"', 1)[1].split("</ul>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", li.split(">", 1)[1]).split()) for li in block.split("<li")[1:]]


def test_workbench_items_name_their_kind_once(world, client, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    dictionary_seed()
    call_command("setup_platform", stdout=open("/dev/null", "w"))
    petition = petition_register(
        actor=None,
        area=world.township,
        channel="visit",
        kind="appeal",
        request="要求修路",
        petitioners=[PetitionerInput(name="孙八")],
        received_on=datetime.date.today(),
    )
    Petition.objects.filter(pk=petition.pk).update(due_date=datetime.date.today())
    PublicRequest.objects.create(area=world.village, code="ACDEFGHJKM", kind=RequestKind.MATTER, description="路灯坏了")
    client.force_login(world.user(Role.LEADER))
    texts = _items_text(client.get(reverse("core:workbench")).content.decode())
    assert any(t.startswith(f"信访 {petition.number}") for t in texts), texts
    client.force_login(world.user(Role.GRID_ADMIN))
    grid_texts = _items_text(client.get(reverse("core:workbench")).content.decode(), "arrived-items")
    assert any(t.startswith("网上群众诉求 ACDEFGHJKM 待答复") for t in grid_texts), grid_texts
    texts += grid_texts
    for text in texts:
        words = text.split()
        assert words[0] not in words[1], text  # the badge's word is not the title's first word again
