"""What the audit log calls the reports app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "reports.unit_report_create": _("Lập báo cáo định kỳ của đơn vị"),
    "reports.unit_report_save": _("Lưu nội dung báo cáo định kỳ"),
    "reports.unit_report_submit": _("Gửi báo cáo định kỳ lên cấp trên"),
    "reports.unit_report_resubmit": _("Gửi lại báo cáo định kỳ"),
    "reports.unit_report_submit_repeat": _("Gửi trùng báo cáo định kỳ (không ghi lại)"),
    "reports.unit_report_accept": _("Tiếp nhận báo cáo định kỳ"),
    "reports.unit_report_return": _("Trả lại báo cáo định kỳ"),
    "reports.unit_report_reminders": _("Nhắc gửi báo cáo định kỳ"),
}
FIELDS = {
    "sections": _("nội dung đã viết"),
    "submissions": _("số lần gửi"),
    "late": _("gửi muộn"),
    "seq": _("kỳ"),
    "kind": _("loại báo cáo"),
    "due_on": _("hạn gửi"),
}
