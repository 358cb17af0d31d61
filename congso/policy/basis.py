"""Legal citations, in Vietnamese, as they appear in the `basis` of every reason.

A paraphrase of public law for building the software, not legal advice (policy.md, domain.md
§4–§6). Article numbers of NĐ 335/2025 follow the project's domain notes (N1).
"""

from __future__ import annotations

import functools
from typing import Final

ND335: Final = "NĐ 335/2025/NĐ-CP"
ND90: Final = "NĐ 90/2020/NĐ-CP"
ND48: Final = "NĐ 48/2023/NĐ-CP"
ND172: Final = "NĐ 172/2025/NĐ-CP"
ND112: Final = "NĐ 112/2020/NĐ-CP"  # discipline before NĐ 172/2025 (discipline.py)
ND152: Final = "NĐ 152/2025/NĐ-CP"
ND91: Final = "NĐ 91/2017/NĐ-CP"
LAW_TDKT: Final = "Luật Thi đua, khen thưởng 06/2022/QH15"
QD14_LAO_CAI: Final = "QĐ 14/2024/QĐ-UBND tỉnh Lào Cai"
TT01_BNV: Final = "TT 01/2024/TT-BNV"
QD366: Final = "Quy định 366-QĐ/TW"
DIRECTIVE: Final = (
    "Chỉ thị của Ban Thường vụ Tỉnh ủy Lào Cai về phong trào “Cán bộ, công chức, viên chức "
    "thi đua thực hiện văn hóa công sở” (2019), điểm 3; QĐ 733/QĐ-TTg"
)

# R1
REGIME_ND335: Final = f"{ND335} (ký ngày 21/12/2025, hiệu lực từ 01/01/2026)"
REGIME_ND90: Final = f"{ND90}, sửa đổi, bổ sung bởi {ND48} (hiệu lực từ 15/9/2023)"
# R2, R3, R10
ND335_BANDS: Final = f"{ND335}, Điều 20 khoản 1–4"
ND335_HTXSNV: Final = f"{ND335}, Điều 20 khoản 1"
ND335_HTTNV: Final = f"{ND335}, Điều 20 khoản 2"
ND335_HTNV: Final = f"{ND335}, Điều 20 khoản 3"
ND335_KHTNV_POINTS: Final = f"{ND335}, Điều 20 khoản 4 điểm a"
ND335_KHTNV_DEGRADATION: Final = f"{ND335}, Điều 20 khoản 4 điểm b"
ND335_KHTNV_DISCIPLINE: Final = f"{ND335}, Điều 20 khoản 4 điểm c; {ND172}"
ND335_KHTNV_CORRUPTION: Final = f"{ND335}, Điều 20 khoản 4 điểm d"
ND335_QUOTA: Final = f"{ND335}, Điều 20 khoản 5"
# R7
COUNT_ONCE: Final = f"{ND48} (sửa đổi {ND90}): vi phạm chỉ tính một lần"
# R8
ND90_TIME: Final = f"{ND90}, Điều 2 khoản 3"
# R11
ND90_QUOTA: Final = f"{ND48} (tỷ lệ HTXSNV không vượt tỷ lệ đảng viên HTXSNV); {QD366}"
# R12–R15
LDTT: Final = f"{LAW_TDKT}, Điều 24"
LDTT_FINE: Final = f"{QD14_LAO_CAI}"
LDTT_DISCIPLINE: Final = f"{ND152}; {ND91}"
LDTT_NEW_RECRUIT: Final = f"{ND91} (người mới tuyển dụng dưới 10 tháng)"
LDTT_MATERNITY: Final = f"{TT01_BNV} (thời gian nghỉ thai sản được tính)"
CSTDCS: Final = f"{LAW_TDKT}, Điều 23; Điều 3 khoản 4"
CSTDCS_CAP: Final = f"{ND91} (Chiến sĩ thi đua cơ sở không quá 15 % số Lao động tiên tiến)"
FREEZE: Final = f"{ND152} (chưa xét khen thưởng khi đang xem xét, xử lý)"
TTLDTT: Final = f"{LAW_TDKT}, Điều 28"
TTLDXS: Final = f"{LAW_TDKT}, Điều 27"

# NĐ 90 articles per category: (HTXSNV, HTTNV, HTNV, KHTNV).
ND90_ARTICLES: Final[dict[str, tuple[int, int, int, int]]] = {
    "can_bo": (4, 5, 6, 7),
    "cong_chuc": (8, 9, 10, 11),
    "vien_chuc": (12, 13, 14, 15),
}


def _nd90_level_text(category: str, index: int, leader: bool) -> str:
    article = ND90_ARTICLES[category][index]
    if category == "can_bo":
        return f"{ND90}, Điều {article}"
    return f"{ND90}, Điều {article} khoản {2 if leader else 1}"


_ND90_LEVEL: Final = {
    (category, index, leader): _nd90_level_text(category, index, leader)
    for category in ND90_ARTICLES
    for index in range(4)
    for leader in (False, True)
}
_ND90_KHTNV: Final = {
    category: f"{ND90}, Điều {articles[3]} (sửa đổi bởi {ND48})"
    for category, articles in ND90_ARTICLES.items()
}


def nd90_level(category: str, index: int, leader: bool) -> str:
    """The NĐ 90 article for a level (0 = HTXSNV … 3 = KHTNV), with the clause for the role.

    Cán bộ have one list of criteria per level; công chức and viên chức have clause 1 for
    staff and clause 2 for those who lead or manage.
    """
    return _ND90_LEVEL[category, index, leader]


def nd90_khtnv(category: str) -> str:
    return _ND90_KHTNV[category]


@functools.cache
def nd335_time(article: str) -> str:
    return f"{ND90}, Điều 2 khoản 3; {ND335}, {article} khoản 3"
