import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.areas.testing import make_user
from fazhi.core.dictionaries import dictionary_seed
from fazhi.mediation import services
from fazhi.mediation.choices import BodyKind, DisputeSource, PartyRole, Tier
from fazhi.mediation.services import PartyInput

D = datetime.date


@pytest.fixture
def dictionaries(db):
    dictionary_seed()


@pytest.fixture
def studio(world, dictionaries):
    return services.body_create(actor=None, area=world.township, name="小米书记工作室", kind=BodyKind.STUDIO)


@pytest.fixture
def village_body(world, dictionaries):
    return services.body_create(
        actor=None, area=world.village, name="新红村人民调解委员会", kind=BodyKind.VILLAGE_COMMITTEE
    )


@pytest.fixture
def mediator(world, studio):
    """The world's mediator account, on the studio's roster."""
    return services.mediator_create(
        actor=None,
        area=world.township,
        name="黄书记",
        kind="first_secretary",
        body=studio,
        user=world.user(Role.MEDIATOR),
        phone="13812345678",
        valid_from=D(2022, 1, 1),
    )


@pytest.fixture
def second_leader(world):
    return make_user("u_leader2", role=Role.LEADER, area=world.township)


def make_dispute(world, *, tier=Tier.GENERAL, area=None, body=None, mediators=(), leader=None, actor=None, **kw):
    defaults = {
        "title": "相邻通行纠纷",
        "dispute_type": "neighbour",
        "source": DisputeSource.WALK_IN,
        "received_on": D(2023, 3, 1),
        "parties": [
            PartyInput(name="张三", role=PartyRole.APPLICANT),
            PartyInput(name="李四", role=PartyRole.RESPONDENT),
        ],
    }
    defaults.update(kw)
    return services.dispute_create(
        actor=actor,
        area=area or world.village,
        tier=tier,
        body=body,
        mediators=list(mediators),
        leader=leader,
        **defaults,
    )
