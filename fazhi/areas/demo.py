"""The demo township: 重庆市城口县治平乡 with 11 grids (the seed report's figure) and one account per role.

Village names and division codes below the county are illustrative.
"""

from fazhi.accounts.models import User
from fazhi.accounts.roles import Role
from fazhi.accounts.services import user_create
from fazhi.areas.models import Area, Level
from fazhi.areas.services import area_create, post_grant

DEMO_PASSWORD = "Fazhi@2026"

# village name, code, number of grids — 11 grids in all
VILLAGES = [
    ("新红村", "500229215201", 2),
    ("岚溪村", "500229215202", 2),
    ("黄河村", "500229215203", 2),
    ("燕麦村", "500229215204", 2),
    ("临河村", "500229215205", 2),
    ("治平社区", "500229215001", 1),
]

# username, display name, role, where (None = county, "township", village index, or (village, grid))
ACCOUNTS = [
    ("sysadmin", "系统管理员", Role.SYS_ADMIN, None, "信息中心"),
    ("secadmin", "安全管理员", Role.SEC_ADMIN, None, "信息中心"),
    ("auditadmin", "审计管理员", Role.AUDIT_ADMIN, None, "信息中心"),
    ("leader", "王乡长", Role.LEADER, "township", "治平乡人民政府"),
    ("fazhi", "李司法", Role.LEGAL_STAFF, "township", "治平司法所"),
    ("zongzhi", "赵综治", Role.GRID_ADMIN, "township", "治平乡综治中心"),
    ("cunganbu", "陈支书", Role.VILLAGE_CADRE, 0, "新红村村民委员会"),
    ("wanggeyuan", "刘网格", Role.GRID_MEMBER, (0, 1), "新红村"),
    ("tiaojie", "周调解", Role.MEDIATOR, "township", "小米书记工作室"),
    ("zhifa", "吴执法", Role.ENFORCER, "township", "治平乡综合行政执法办公室"),
    ("ducha", "郑督察", Role.SUPERVISOR, None, "城口县委依法治县办"),
]


def _area(parent, level, name, code="", grid_number=None) -> Area:
    existing = Area.objects.filter(parent=parent, name=name).first()
    return existing or area_create(
        actor=None, parent=parent, level=level, name=name, code=code, grid_number=grid_number
    )


def load(context: dict) -> None:
    city = _area(None, Level.CITY, "重庆市", "500000000000")
    county = _area(city, Level.COUNTY, "城口县", "500229000000")
    township = _area(county, Level.TOWNSHIP, "治平乡", "500229215000")
    villages = []
    for name, code, n_grids in VILLAGES:
        village = _area(township, Level.VILLAGE, name, code)
        grids = [_area(village, Level.GRID, f"{name}第{i}网格", grid_number=i) for i in range(1, n_grids + 1)]
        villages.append((village, grids))
    # A neighbouring township, so that county-wide roles and scope boundaries show in the demo.
    other = _area(county, Level.TOWNSHIP, "明通镇", "500229104000")
    other_village = _area(other, Level.VILLAGE, "明通社区", "500229104001")
    _area(other_village, Level.GRID, "明通社区第1网格", grid_number=1)

    logins = ["", "演示账号（密码均为 %s）：" % DEMO_PASSWORD]
    for username, display_name, role, where, unit in ACCOUNTS:
        if where is None:
            area = county
        elif where == "township":
            area = township
        elif isinstance(where, tuple):
            area = villages[where[0]][1][where[1] - 1]
        else:
            area = villages[where][0]
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                display_name=display_name,
                unit=unit,
                password=DEMO_PASSWORD,
                must_change_password=False,
            )
            post_grant(actor=None, user=user, role=role, area=area, title=display_name)
        logins.append(f"  {username:<12} {Role(role).label}（{area.name}）")
    context.update(county=county, township=township, villages=villages, logins=logins)
