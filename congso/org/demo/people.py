"""Synthetic staff for the demo province: names drawn with the weights of
data/vietnamese-names.csv and staffing profiles (category mix, sex, Party share, titles)."""

from __future__ import annotations

import csv
import itertools
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from congso.org.models import OrgUnit, Person
from congso.org.services import person_prepare

DATA = Path(__file__).resolve().parents[1] / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Profile:
    """How staff of one kind of unit are drawn: category mix, sex ratio, Party share, titles."""

    categories: tuple[tuple[str, float], ...]
    female: float
    party: float
    leader: float
    titles: tuple[str, ...]
    leader_titles: tuple[str, ...]
    serves_citizens: bool = False

    @property
    def category_names(self) -> tuple[str, ...]:
        return tuple(name for name, _share in self.categories)

    @property
    def category_cum(self) -> tuple[float, ...]:
        return tuple(itertools.accumulate(share for _name, share in self.categories))


@cache
def profiles() -> dict[str, Profile]:
    """Staffing profiles from data/demo-profiles.csv (category mix as `cat:share;...`)."""
    result = {}
    for row in read_csv("demo-profiles.csv"):
        mix = tuple(
            (cat, float(share))
            for cat, share in (item.split(":") for item in row["categories"].split(";"))
        )
        result[row["profile"]] = Profile(
            categories=mix,
            female=float(row["female"]),
            party=float(row["party"]),
            leader=float(row["leader"]),
            titles=tuple(row["titles"].split("|")),
            leader_titles=tuple(row["leader_titles"].split("|")),
            serves_citizens=row["serves_citizens"] == "yes",
        )
    return result


NON_STAFF_TITLES = ("Lái xe", "Bảo vệ", "Nhân viên phục vụ", "Nhân viên kỹ thuật")


@dataclass(frozen=True)
class _Pool:
    values: tuple[str, ...]
    cum_weights: tuple[float, ...]

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum_weights)[0]


def _pool(rows: list[dict[str, str]], *, kinh_factor: float = 1.0) -> _Pool:
    total, values, cums = 0.0, [], []
    for row in rows:
        weight = float(row["weight"])
        if "kinh" in row["groups"].split(";"):
            weight *= kinh_factor
        total += weight
        values.append(row["value"])
        cums.append(total)
    return _Pool(tuple(values), tuple(cums))


# Public-agency staff are more often Kinh than residents are (data/README.md §3).
KINH_FACTOR_STAFF = 2.5


@cache
def name_pools() -> dict[str, _Pool]:
    rows = read_csv("vietnamese-names.csv")
    parts = ("surname", "middle_male", "middle_female", "given_male", "given_female")
    return {
        part: _pool(
            [r for r in rows if r["part"] == part],
            kinh_factor=KINH_FACTOR_STAFF if part == "surname" else 1.0,
        )
        for part in parts
    }


def draw_name(rng: random.Random, sex: str) -> str:
    """A full name: surname, one middle element (two, now and then), a given name by sex."""
    pools = name_pools()
    suffix = "male" if sex == "M" else "female"
    middle = pools[f"middle_{suffix}"].draw(rng)
    if rng.random() < 0.12:
        second = pools[f"middle_{suffix}"].draw(rng)
        if second != middle and second not in ("Văn", "Thị"):
            middle = f"{middle} {second}"
    return f"{pools['surname'].draw(rng)} {middle} {pools[f'given_{suffix}'].draw(rng)}"


def allocate(total: int, weights: list[float]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder), so the sum is exact."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def draw_person(rng: random.Random, profile: Profile, unit: OrgUnit, code: str) -> Person:
    sex = "F" if rng.random() < profile.female else "M"
    category = rng.choices(profile.category_names, cum_weights=profile.category_cum)[0]
    leader = category != "nguoi_lao_dong" and rng.random() < profile.leader
    if leader:
        position, birth_year = rng.choice(profile.leader_titles), rng.randint(1965, 1988)
    elif category == "nguoi_lao_dong":
        position, birth_year = rng.choice(NON_STAFF_TITLES), rng.randint(1965, 2002)
    else:
        position, birth_year = rng.choice(profile.titles), rng.randint(1965, 2002)
    return person_prepare(
        Person(
            unit=unit,
            staff_code=code,
            full_name=draw_name(rng, sex),
            sex=sex,
            birth_year=birth_year,
            category=category,
            is_party_member=rng.random() < (0.97 if leader else profile.party),
            position=position,
            is_leader=leader,
            serves_citizens=profile.serves_citizens,
        )
    )
