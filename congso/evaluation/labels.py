"""Display labels of levels and reasons (translated), shared by pages and documents."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _

from congso.org.models import StaffCategory

LEVEL_LABELS = {
    "HTXSNV": _("Hoàn thành xuất sắc nhiệm vụ"),
    "HTTNV": _("Hoàn thành tốt nhiệm vụ"),
    "HTNV": _("Hoàn thành nhiệm vụ"),
    "KHTNV": _("Không hoàn thành nhiệm vụ"),
    "not_rated": _("Không xếp loại (công tác dưới 6 tháng)"),
    "incomplete": _("Chưa đủ dữ liệu"),
}


RULE_SET_LABELS = {
    "nd335_2025": _("Nghị định 335/2025/NĐ-CP (chấm điểm)"),
    "nd90_2020_nd48_2023": _("Nghị định 90/2020/NĐ-CP, sửa đổi bởi Nghị định 48/2023/NĐ-CP"),
}


def rule_set_label(code: str) -> str:
    return str(RULE_SET_LABELS.get(code, code))


def level_label(code: str) -> str:
    return str(LEVEL_LABELS.get(code, code))


def reason_rows(reasons) -> list[dict]:
    """Reasons as stored (code, Vietnamese text, article): policy/ writes them in Vietnamese
    for every reader (docs/evaluation.md); the page shows them as they are."""
    return [
        {"code": r.get("code", ""), "text": r.get("text_vi", ""), "basis": r.get("basis", "")}
        for r in reasons
    ]


# The inputs stored beside a result (gather.PersonInputs.snapshot), as a person reads them.
INPUT_LABELS = {
    "category": _("Đối tượng xếp loại"),
    "is_leader": _("Giữ chức vụ lãnh đạo, quản lý"),
    "periods_finalised": _("Số kỳ đánh giá đã hoàn tất"),
    "months_worked": _("Số tháng công tác"),
    "months_absent": _("Số tháng nghỉ"),
    "maternity": _("Nghỉ thai sản"),
    "administrative_fine": _("Bị xử phạt vi phạm hành chính"),
    "recognised_initiative": _("Có sáng kiến được công nhận"),
    "open_case_or_inspection": _("Đang bị xem xét, thanh tra, kiểm tra"),
    "concluded_degradation": _("Có kết luận suy thoái"),
    "new_recruit": _("Mới tuyển dụng"),
    "task_group": _("Nhóm nhiệm vụ tương đồng"),
    "discipline": _("Kỷ luật"),
    "violations": _("Vi phạm đã xác nhận"),
    "common_points": _("Điểm tiêu chí chung (bình quân các kỳ)"),
    "task_points": _("Điểm kết quả thực hiện nhiệm vụ (bình quân các kỳ)"),
    "tasks_on_time_share": _("Tỷ lệ nhiệm vụ đúng hạn"),
    "tasks_exceeded_share": _("Tỷ lệ nhiệm vụ vượt mức"),
    "criteria_failed_share": _("Tỷ lệ tiêu chí chưa đạt"),
    "unit_completed_share": _("Đơn vị phụ trách: tỷ lệ nhiệm vụ hoàn thành"),
    "unit_on_time_share": _("Đơn vị phụ trách: tỷ lệ nhiệm vụ đúng hạn"),
    "unit_exceeded_share": _("Đơn vị phụ trách: tỷ lệ nhiệm vụ vượt mức"),
    "unit_subordinates_htnv_plus_share": _(
        "Đơn vị phụ trách: tỷ lệ người đạt hoàn thành nhiệm vụ trở lên"
    ),
    "unit_subordinates_httnv_plus_share": _(
        "Đơn vị phụ trách: tỷ lệ người đạt hoàn thành tốt nhiệm vụ trở lên"
    ),
}
CATEGORY_LABELS = dict(StaffCategory.choices)  # org's labels (the legal categories)
SHARES = {key for key in INPUT_LABELS if key.endswith("_share")}


def input_rows(inputs: dict) -> list[tuple[str, str]]:
    """The stored inputs as (label, value) in the order above: yes/no for flags, percentages
    for shares, the cases named for discipline and violations; unknown keys last, as stored."""
    rows = []
    for key in [*INPUT_LABELS, *sorted(set(inputs) - set(INPUT_LABELS))]:
        if key not in inputs:
            continue
        value = inputs[key]
        if isinstance(value, bool):
            text = str(_("Có") if value else _("Không"))
        elif key == "category":
            text = str(CATEGORY_LABELS.get(value, value))
        elif key in SHARES:
            try:
                text = f"{(Decimal(value) * 100).normalize():f} %".replace(".", ",")
            except InvalidOperation:
                text = str(value)
        elif isinstance(value, list):
            text = ", ".join(str(item.get("case", "")) for item in value) or str(_("Không"))
        elif key == "task_group":
            text = value or str(_("Chung"))  # the quota's default group (classification)
        elif value in ("", None):
            text = "—"
        elif key.endswith(("points", "months_worked", "months_absent")):
            text = str(value).replace(".", ",")  # Vietnamese decimal comma
        else:
            text = str(value)
        rows.append((str(INPUT_LABELS.get(key, key)), text))
    return rows
