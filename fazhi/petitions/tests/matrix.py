import datetime

from fazhi.accounts.roles import Role
from fazhi.areas.testing import Case

D = datetime.date
# Grid members and village cadres have no petitions rights (roles table); mediators neither.
VIEWERS = frozenset({Role.LEADER, Role.LEGAL_STAFF, Role.GRID_ADMIN, Role.SUPERVISOR})
CHANGERS = VIEWERS - {Role.SUPERVISOR}


def _petition(world, area):
    from fazhi.petitions import services

    petition = services.petition_register(
        actor=None,
        area=area,
        channel="letter",
        kind="appeal",
        request="诉求",
        petitioners=[services.PetitionerInput(name="张三")],
        received_on=D(2023, 5, 4),
    )
    return {"pk": petition.pk}


def _accept(world, area):
    return {**_petition(world, area), "action": "accept"}


def _key(world, area):
    from fazhi.petitions import services

    kp = services.key_petitioner_create(actor=None, area=area, name="冉某", since=D(2023, 1, 1))
    return {"pk": kp.pk}


CASES = [
    Case("petitions:petition_list", VIEWERS),
    Case("petitions:petition_create", CHANGERS),
    Case("petitions:petition_create", CHANGERS, method="post"),
    Case("petitions:petition_detail", VIEWERS, kwargs=_petition),
    Case("petitions:petition_action", CHANGERS, method="post", kwargs=_accept, data={"accept-on": "2023-05-05"}),
    Case("petitions:key_petitioner_list", VIEWERS),
    Case("petitions:key_petitioner_list", CHANGERS, method="post"),
    Case("petitions:key_petitioner_detail", VIEWERS, kwargs=_key),
    Case("petitions:key_petitioner_detail", CHANGERS, method="post", kwargs=_key, data={"which": "visit"}),
    Case("api:petitions-petition-list", VIEWERS),
    Case("api:petitions-petition-detail", VIEWERS, kwargs=_petition),
]
