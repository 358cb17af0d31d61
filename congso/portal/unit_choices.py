"""The units a citizen may address, grouped by agency or commune, with a search without JS.

A unit below an agency or a commune ("Phòng Đất đai", "Trạm Y tế") is ambiguous alone, so
each is listed under its parent (`<optgroup>`); the group's name is not repeated in the
option ("Trạm Y tế xã Y Tý" under "Xã Y Tý" reads "Trạm Y tế"). A search (`?tim=`, diacritics
optional: `khanh yen` finds `Khánh Yên`) keeps the units whose name or whose group's name
contains every word typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from congso.common.text import search_key


@dataclass
class UnitOption:
    id: int
    name: str
    selected: bool = False


@dataclass
class UnitGroup:
    label: str
    options: list[UnitOption] = field(default_factory=list)


def _ancestor_ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def _short(name: str, group: str) -> str:
    """ "Trạm Y tế xã Y Tý" under "Xã Y Tý" reads "Trạm Y tế": the group says the rest."""
    if name != group and name.lower().endswith(" " + group.lower()):
        return name[: -len(group) - 1]
    return name


def unit_groups(*, query: str = "", selected: str = "") -> tuple[list[UnitGroup], int]:
    """Units that serve citizens, each under its parent (a unit just below the province heads
    its own group), in Vietnamese order: provincial bodies first, then communes. With `query`,
    only the units whose name or group's name has every word typed. Two queries whatever the
    number of units."""
    from congso.org.models import OrgUnit

    units = list(
        OrgUnit.unscoped.filter(serves_citizens=True)
        .order_by("sort_key")
        .values("id", "name", "path", "search_key")
    )
    heads: dict[int, int] = {}
    for unit in units:
        ancestors = _ancestor_ids(unit["path"])
        heads[unit["id"]] = ancestors[-2] if len(ancestors) > 2 else unit["id"]
    head_rows = OrgUnit.unscoped.filter(id__in=set(heads.values())).values_list(
        "id", "name", "kind", "sort_key"
    )
    names = {row[0]: row[1] for row in head_rows}
    # Provincial bodies' groups before communes', each in Vietnamese order; the head first.
    order = {row[0]: (row[2] == "commune", row[3]) for row in head_rows}
    units.sort(key=lambda u: (order[heads[u["id"]]], u["id"] != heads[u["id"]]))
    words = search_key(query).split()
    groups: dict[int, UnitGroup] = {}
    count = 0
    for unit in units:
        head = heads[unit["id"]]
        label = names[head]
        if words:
            haystack = f"{unit['search_key']} {search_key(label)}"
            if not all(word in haystack for word in words):
                continue
        group = groups.setdefault(head, UnitGroup(label))
        group.options.append(
            UnitOption(
                unit["id"],
                _short(unit["name"], label),
                selected=str(unit["id"]) == str(selected),
            )
        )
        count += 1
    if count == 1 and not selected:
        next(iter(groups.values())).options[0].selected = True
    return list(groups.values()), count
