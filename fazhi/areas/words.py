"""Words that depend on what kind of place an area is (ARCHITECTURE rule 11): a 乡, a 镇 and a 街道 share one level
of the tree, but a report speaks of 全乡/全镇/全街道, of 乡党委/镇党委/街道党工委, and is issued by a 乡人民政府,
a 镇人民政府 or a 街道办事处 (街道 are the 区 or 县 government's 派出机关, with a 党工委, not a 党委)."""

from dataclasses import dataclass

from fazhi.areas.models import Area, Level


@dataclass(frozen=True)
class PlaceWords:
    unit: str  # 乡, 镇, 街道, 县, 区
    whole: str  # 全乡
    we: str  # 我乡
    party: str  # 乡党委
    government: str  # 乡政府
    organ: str  # the issuing organ: 治平乡人民政府, 南坪街道办事处

    def replace_in(self, text: str) -> str:
        """{全}{我}{党委}{政府} in a template, in this place's words."""
        for slot, word in (
            ("{全}", self.whole),
            ("{我}", self.we),
            ("{党委}", self.party),
            ("{政府}", self.government),
        ):
            text = text.replace(slot, word)
        return text


def unit_of(area: Area) -> str:
    name = area.name
    if area.level == Level.TOWNSHIP:
        for unit in ("街道", "镇", "乡"):
            if name.endswith(unit):
                return unit
        return "乡"  # an ethnic township (民族乡) or an unusual name: the rural default
    if area.level == Level.COUNTY:
        return "区" if name.endswith("区") else "县"
    return "村" if area.level == Level.VILLAGE else ""


def place_words(area: Area) -> PlaceWords:
    unit = unit_of(area)
    if unit == "街道":
        return PlaceWords(unit, "全街道", "我街道", "街道党工委", "街道办事处", f"{area.name}办事处")
    party = "区委" if unit == "区" else "县委" if unit == "县" else f"{unit}党委"
    return PlaceWords(unit, f"全{unit}", f"我{unit}", party, f"{unit}政府", f"{area.name}人民政府")
