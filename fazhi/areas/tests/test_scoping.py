import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from fazhi.accounts.roles import CHANGE, Module, Role
from fazhi.areas.models import Area
from fazhi.areas.scoping import areas_visible_to, require_area_writable, scope_paths
from fazhi.areas.selectors import area_get, leaders_over
from fazhi.areas.services import post_end, post_grant
from fazhi.areas.testing import make_user


def _names(qs):
    return set(qs.values_list("name", flat=True))


def test_grid_member_sees_only_their_grid(world):
    assert _names(areas_visible_to(world.user(Role.GRID_MEMBER), Module.AREAS)) == {"新红村第1网格"}


def test_village_cadre_sees_their_village(world):
    assert _names(areas_visible_to(world.user(Role.VILLAGE_CADRE), Module.AREAS)) == {
        "新红村",
        "新红村第1网格",
        "新红村第2网格",
    }


def test_township_staff_see_their_township_only(world):
    names = _names(areas_visible_to(world.user(Role.LEGAL_STAFF), Module.AREAS))
    assert "治平乡" in names and "明通镇" not in names and "宁厂社区第1网格" not in names


def test_county_supervisor_sees_every_township_of_the_county_read_only(world):
    user = world.user(Role.SUPERVISOR)
    names = _names(areas_visible_to(user, Module.AREAS))
    assert {"治平乡", "明通镇"} <= names and "宁厂镇" not in names
    assert user.has_perm("mediation.view") and not user.has_perm("mediation.change")
    with pytest.raises(PermissionDenied):
        require_area_writable(user, Module.MEDIATION, world.township)


def test_other_area_detail_is_not_found_rather_than_forbidden(world):
    with pytest.raises(Http404):
        area_get(user=world.user(Role.GRID_MEMBER), pk=world.sibling_grid.pk)


def test_each_post_counts_only_in_its_own_modules(world):
    # A grid member of grid 1 who is also the township's mediator: mediation reaches the township,
    # grid work and changes to residents stay within grid 1.
    user = world.user(Role.GRID_MEMBER)
    post_grant(actor=None, user=user, role=Role.MEDIATOR, area=world.township)
    user = type(user).objects.get(pk=user.pk)
    assert scope_paths(user, Module.MEDIATION) == [world.township.path]
    assert scope_paths(user, Module.GRID) == [world.grid.path]
    assert scope_paths(user, Module.PEOPLE, CHANGE) == [world.grid.path]
    assert scope_paths(user, Module.PETITIONS) == []


def test_ended_posts_give_no_access(world):
    user = world.user(Role.LEGAL_STAFF)
    post_end(actor=None, post=user.posts.get(), on=datetime.date(2021, 1, 1))
    user = type(user).objects.get(pk=user.pk)
    assert not areas_visible_to(user, Module.AREAS).exists()
    assert not user.has_perm("documents.view")


def test_covered_paths_are_not_repeated(world):
    user = make_user("double", role=Role.LEGAL_STAFF, area=world.township)
    post_grant(actor=None, user=user, role=Role.LEGAL_STAFF, area=world.village)
    user = type(user).objects.get(pk=user.pk)
    assert scope_paths(user, Module.DOCUMENTS) == [world.township.path]
    assert Area.objects.filter(pk=world.grid.pk).exists()


def test_leaders_over_an_area_are_the_current_leaders_above_it(world):
    own = make_user("镇长", role=Role.LEADER, area=world.township)
    gone = make_user("前任", role=Role.LEADER, area=world.township)
    post_end(actor=None, post=gone.posts.get(), on=datetime.date(2023, 1, 1))
    make_user("邻镇领导", role=Role.LEADER, area=world.other_township)
    make_user("法治员", role=Role.LEGAL_STAFF, area=world.township)
    names = {"镇长", world.user(Role.LEADER).username}  # the world's own leader sits at the township too
    assert set(_usernames(leaders_over(world.grid))) == set(_usernames(leaders_over(world.township))) == names
    assert _usernames(leaders_over(world.other_township)) == ["邻镇领导"]
    assert own in leaders_over(world.village)


def _usernames(users) -> list[str]:
    return [u.username for u in users]
