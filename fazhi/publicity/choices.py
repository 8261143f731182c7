from django.db import models
from django.utils.translation import gettext_lazy as _


class Strand(models.TextChoices):
    """Which line of the annual report an activity counts toward (seed report 一(二), 一(三), 一(四))."""

    POPULAR = "popular", _("普法宣传活动")
    THOUGHT = "thought", _("习近平法治思想集中宣传")
    LECTURE = "lecture", _("乡贤大讲堂、身边人讲身边事等宣讲")


class MaterialMode(models.TextChoices):
    HANDED_OUT = "handed_out", _("发放")
    DISPLAYED = "displayed", _("张贴/悬挂")


class Platform(models.TextChoices):
    VIDEO = "video", _("视频号")
    WECHAT = "wechat", _("微信公众号")
    DOUYIN = "douyin", _("抖音")
    OTHER = "other", _("其他")


# 数据字典 categories (admin-editable lists; defaults below)
FORM = "publicity.form"
THEME = "publicity.theme"
AUDIENCE = "publicity.audience"
MATERIAL = "publicity.material"
KEY_DATE = "publicity.key_date"

FORM_DEFAULTS = [
    ("lecture", "讲座"),
    ("campaign", "集中宣传"),
    ("contest", "知识竞赛"),
    ("courtyard", "院坝会"),
    ("arts", "法治文艺"),
    ("case", "以案释法"),
    ("broadcast", "广播"),
    ("board", "宣传栏"),
    ("online", "线上宣传"),
]
THEME_DEFAULTS = [
    ("xi_thought", "习近平法治思想"),
    ("constitution", "宪法"),
    ("civil_code", "民法典"),
    ("anti_fraud", "反诈"),
    ("anti_cult", "防邪"),
    ("minors", "未成年人保护（莎姐守未）"),
    ("family", "婚姻家庭"),
    ("lending", "民间借贷"),
    ("labour", "劳动权益"),
    ("security", "国家安全"),
    ("drugs", "禁毒"),
    ("revitalization", "乡村振兴"),
    ("ethics", "公民道德"),
]
AUDIENCE_DEFAULTS = [
    ("elderly", "老年人"),
    ("students", "中小学生"),
    ("migrant", "外出务工人员"),
    ("women", "妇女"),
    ("village_cadres", "村两委干部"),
    ("enterprises", "企业"),
    ("new_employment", "新就业群体"),
    ("general", "普通群众"),
]
MATERIAL_DEFAULTS = [
    ("civil_code_handbook", "民法典手册"),
    ("leaflet", "宣传资料"),
    ("banner", "横幅"),
    ("poster", "海报"),
    ("other", "其他"),
]
CIVIL_CODE_HANDBOOK = "civil_code_handbook"
UNIT_CHOICES = [("本", _("本")), ("份", _("份")), ("幅", _("幅")), ("张", _("张")), ("个", _("个"))]

# Defaults are data (stored in the 数据字典 and edited there), so plain strings, not gettext proxies.
# Key dates, code "MM-DD" (a day) or "MM" (a whole month); admins edit them in the 数据字典.
KEY_DATE_DEFAULTS = [
    ("04-15", "全民国家安全教育日"),
    ("05", "民法典宣传月"),
    ("06-26", "国际禁毒日"),
    ("12-04", "国家宪法日暨宪法宣传周"),
    ("03-15", "消费者权益保护日"),
    ("11-09", "全国消防日"),
]
