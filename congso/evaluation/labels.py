"""Display labels of levels and reasons (translated), shared by pages and documents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LEVEL_LABELS = {
    "HTXSNV": _("Hoàn thành xuất sắc nhiệm vụ"),
    "HTTNV": _("Hoàn thành tốt nhiệm vụ"),
    "HTNV": _("Hoàn thành nhiệm vụ"),
    "KHTNV": _("Không hoàn thành nhiệm vụ"),
    "not_rated": _("Không xếp loại (công tác dưới 6 tháng)"),
    "incomplete": _("Chưa đủ dữ liệu"),
}


def level_label(code: str) -> str:
    return str(LEVEL_LABELS.get(code, code))


def reason_rows(reasons) -> list[dict]:
    """Reasons as stored (code, Vietnamese text, article): policy/ writes them in Vietnamese
    for every reader (docs/evaluation.md); the page shows them as they are."""
    return [
        {"code": r.get("code", ""), "text": r.get("text_vi", ""), "basis": r.get("basis", "")}
        for r in reasons
    ]
