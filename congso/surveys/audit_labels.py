"""What the audit log calls this app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "surveys.agency_token_requirement": _("Đặt yêu cầu mã phiếu hẹn"),
    "surveys.anomaly_review": _("Xem xét cảnh báo bất thường"),
    "surveys.receipt_tokens_issue": _("Phát mã phiếu hẹn"),
    "surveys.target_create": _("Thêm đối tượng khảo sát"),
    "surveys.target_reissue_code": _("Cấp lại mã QR"),
    "surveys.template_create": _("Tạo mẫu phiếu khảo sát"),
    "surveys.template_update": _("Sửa mẫu phiếu khảo sát"),
}
FIELDS = {
    "counter": _("quầy"),
    "questions": _("câu hỏi"),
    "intro": _("lời giới thiệu"),
    "requires_token": _("cần mã phiếu hẹn"),
}
