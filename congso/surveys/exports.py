"""The rows of each dashboard table for the xlsx export."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from congso.surveys.rules import ELEMENT_NAMES, QUESTION_KEYS, SIPAS_KEYS, Index
from congso.surveys.selectors import Row, UnitDashboard

TABLES = ("xep-hang", "doi-tuong", "xu-huong", "yeu-to")


def _p(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _ranking(rows: list[Row]) -> list[list[Any]]:
    return [
        [
            r.position,
            r.name,
            r.index.n,
            _p(r.index.sipas),
            _p(r.index.smoothed),
            r.change,
            None if r.index.sipas_mean is None else round(r.index.sipas_mean, 2),
            *[_p(r.index.shares.get(k)) for k in SIPAS_KEYS],
        ]
        for r in rows
    ]


_RANK_HEADERS = [
    "Hạng",
    "Tên",
    "Số phiếu",
    "Tỷ lệ hài lòng SIPAS (%)",
    "Chỉ số làm trơn (%)",
    "Thay đổi so với kỳ trước (điểm %)",
    "Điểm trung bình (1–5)",
    *[f"{ELEMENT_NAMES[k]} (%)" for k in SIPAS_KEYS],
]


def export_rows(board: UnitDashboard, table: str) -> tuple[str, list[str], list[list[Any]]]:
    """(sheet title, headers, rows) of one table of a unit dashboard."""
    if table == "xep-hang":
        return "Xếp hạng cơ quan", _RANK_HEADERS, _ranking(board.agencies)
    if table == "doi-tuong":
        return "Quầy và cán bộ", _RANK_HEADERS, _ranking(board.targets)
    if table == "xu-huong":
        rows = [[m.strftime("%m/%Y"), i.n, _p(i.sipas)] for m, i in board.trend]
        return "Xu hướng theo tháng", ["Tháng", "Số phiếu", "Tỷ lệ hài lòng SIPAS (%)"], rows
    index: Index = board.overall
    rows = [
        [
            ELEMENT_NAMES[k],
            _p(index.shares.get(k)),
            None if index.means.get(k) is None else round(index.means[k] or 0, 2),
        ]
        for k in QUESTION_KEYS
    ]
    return "Theo yếu tố", ["Yếu tố", "Tỷ lệ hài lòng (%)", "Điểm trung bình"], rows


def _target_label(target) -> str:
    return target.counter.name if target.counter_id else target.person.full_name


def anomaly_rows(flags) -> tuple[str, list[str], list[list[Any]]]:
    rows = [
        [
            f.agency.name,
            _target_label(f.target),
            f.get_kind_display(),
            timezone.localtime(f.window_start).replace(tzinfo=None),
            timezone.localtime(f.window_end).strftime("%H:%M"),
            f.count,
            f.get_status_display(),
            f.note,
        ]
        for f in flags
    ]
    headers = ["Cơ quan", "Quầy / cán bộ", "Loại", "Từ", "Đến", "Số phiếu", "Trạng thái", "Ghi chú"]
    return "Cảnh báo bất thường", headers, rows


def comment_rows(responses) -> tuple[str, list[str], list[list[Any]]]:
    rows = [
        [
            timezone.localtime(r.created_at).replace(tzinfo=None),
            _target_label(r.target),
            r.a_overall,
            r.comment,
        ]
        for r in responses
    ]
    return "Góp ý", ["Thời gian", "Quầy / cán bộ", "Đánh giá chung", "Góp ý"], rows
