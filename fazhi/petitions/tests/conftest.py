import datetime

import pytest

from fazhi.core.dictionaries import dictionary_seed
from fazhi.core.management.commands.setup_platform import seed_calendar
from fazhi.petitions import services
from fazhi.petitions.services import PetitionerInput

D = datetime.date


@pytest.fixture
def calendar(db):
    """The State Council holiday schedule (Spring Festival, National Day, 调休 workdays)."""
    seed_calendar()
    dictionary_seed()


def make_petition(world, *, area=None, actor=None, names=("张三",), **kw):
    data = {
        "channel": "visit",
        "kind": "appeal",
        "request": "要求解决宅基地纠纷",
        "received_on": D(2023, 9, 20),
        "petitioners": [PetitionerInput(name=n) for n in names],
    }
    data.update(kw)
    return services.petition_register(actor=actor, area=area or world.village, **data)
