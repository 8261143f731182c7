import datetime

import pytest

from fazhi.accounts.roles import Role
from fazhi.core.management.commands.setup_platform import seed_calendar
from fazhi.enforcement.models import EnforcementCase, Officer

D = datetime.date


@pytest.fixture
def calendar(db):
    seed_calendar()


@pytest.fixture
def enforcer(world):
    return world.user(Role.ENFORCER)


@pytest.fixture
def officers(world):
    """张 valid to 2025, 李 expired 2023-03-31, 王 valid to 2026-06-30."""

    def make(name, number, until):
        return Officer.objects.create(
            area=world.township,
            name=name,
            certificate_no=number,
            certificate_issued_on=D(2019, 1, 1),
            certificate_valid_until=until,
        )

    return [
        make("张执法", "50022900001", D(2025, 12, 31)),
        make("李执法", "50022900002", D(2023, 3, 31)),
        make("王执法", "50022900003", D(2026, 6, 30)),
    ]


@pytest.fixture
def make_case(world):
    def make(*, officers=(), major=False, case_type="penalty", area=None):
        case = EnforcementCase.objects.create(
            area=area or world.township,
            title="违规占道经营",
            is_major=major,
            case_type=case_type,
            opened_on=D(2023, 5, 4),
        )
        case.officers.set(officers)
        return case

    return make
