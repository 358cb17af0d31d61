"""The units a citizen may address, grouped by agency or commune, with a search without JS.

A unit below an agency or a commune ("Bộ phận một cửa", "Trạm y tế") is ambiguous alone, so
each is listed under its agency or commune (`<optgroup>`). A search (`?tim=`, diacritics
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


def unit_groups(*, query: str = "", selected: str = "") -> tuple[list[UnitGroup], int]:
    """Units that serve citizens, grouped under their agency or commune (the ancestor just
    below the province), in the tree's order; with `query`, only the matching ones. Two
    queries whatever the number of units."""
    from congso.org.models import OrgUnit

    units = list(
        OrgUnit.unscoped.filter(serves_citizens=True)
        .order_by("sort_key")
        .values("id", "name", "path", "depth", "search_key")
    )
    tops: dict[int, int] = {}
    for unit in units:
        ancestors = _ancestor_ids(unit["path"])
        # path is "/root/agency/.../self/": the agency is the second id (or the unit itself).
        tops[unit["id"]] = ancestors[1] if len(ancestors) > 1 else unit["id"]
    top_rows = OrgUnit.unscoped.filter(id__in=set(tops.values())).values_list(
        "id", "name", "kind", "sort_key"
    )
    names = {row[0]: row[1] for row in top_rows}
    # Provincial agencies first, then communes; each group's own unit first in it.
    order = {row[0]: (row[2] == "commune", row[3]) for row in top_rows}
    units.sort(key=lambda u: (order.get(tops[u["id"]], (True, "")), u["id"] != tops[u["id"]]))
    words = search_key(query).split()
    groups: dict[int, UnitGroup] = {}
    count = 0
    for unit in units:
        top = tops[unit["id"]]
        label = names.get(top, unit["name"])
        if words:
            haystack = f"{unit['search_key']} {search_key(label)}"
            if not all(word in haystack for word in words):
                continue
        group = groups.setdefault(top, UnitGroup(label))
        group.options.append(
            UnitOption(unit["id"], unit["name"], selected=str(unit["id"]) == str(selected))
        )
        count += 1
    if count == 1 and not selected:
        next(iter(groups.values())).options[0].selected = True
    return list(groups.values()), count
