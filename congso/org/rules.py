"""Pure rules about the org tree and staff records (no ORM)."""

from __future__ import annotations

import re
from datetime import date

# QĐ 20/2020/QĐ-TTg art. 4 (structure per QCVN 102:2016/BTTTT): the electronic identifier of an
# agency has four groups "cấp 4.cấp 3.cấp 2.cấp 1": three digits, then two groups of two digits,
# then a letter (the level-1 group: G = ministries and central bodies, H = provinces) with two
# digits, e.g. 000.00.00.H38 (the provincial People's Committee), 000.00.12.H38, 001.01.12.H38.
AGENCY_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


def agency_code_is_valid(code: str) -> bool:
    """True for a well-formed mã định danh điện tử (QĐ 20/2020/QĐ-TTg, QCVN 102:2016)."""
    return bool(AGENCY_CODE_RE.match(code or ""))


def is_valid_on(day: date, valid_from: date | None, valid_to: date | None) -> bool:
    """A unit (or assignment) is in force on `day` when valid_from <= day < valid_to.

    `valid_to` is exclusive: a unit merged on 01/7/2025 has valid_to = 2025-07-01 and its
    successor valid_from = 2025-07-01, so no day belongs to both.
    """
    if valid_from and day < valid_from:
        return False
    return not (valid_to and day >= valid_to)


def subtree_path(parent_path: str, unit_id: int) -> str:
    """Materialised path of a child: '/1/5/' + 23 → '/1/5/23/'."""
    return f"{parent_path or '/'}{unit_id}/"


# Titles of a unit's head (người đứng đầu), most senior first: the head of a unit is its
# leader whose position starts with the first of these (a deputy, "Phó …", never is).
HEAD_TITLES = (
    "Bí thư",
    "Chủ tịch",
    "Giám đốc",
    "Chánh",
    "Trưởng ban",
    "Chi cục trưởng",
    "Viện trưởng",
    "Hiệu trưởng",
    "Trưởng phòng",
    "Trưởng",
)


def head_rank(position: str) -> int | None:
    """The seniority of a head's title (0 most senior), or None for anyone else (deputies,
    staff, a blank position)."""
    text = " ".join((position or "").split())
    if text.lower().startswith("phó"):
        return None
    for rank, title in enumerate(HEAD_TITLES):
        if text.lower().startswith(title.lower()):
            return rank
    return None
