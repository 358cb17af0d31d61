"""What the audit log calls this app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "inspections.finding_record": _("Ghi kết luận kiểm tra"),
    "inspections.finding_to_case": _("Chuyển kết luận thành vụ việc"),
    "inspections.item_assess": _("Đánh giá nội dung kiểm tra"),
    "inspections.photo_add": _("Thêm ảnh kiểm tra"),
    "inspections.plan_create": _("Lập kế hoạch kiểm tra"),
    "inspections.plan_status": _("Chuyển bước kế hoạch kiểm tra"),
    "inspections.task_complete": _("Hoàn thành việc khắc phục"),
    "inspections.task_create": _("Giao việc khắc phục"),
    "inspections.visit_finish": _("Kết thúc cuộc kiểm tra"),
    "inspections.visit_schedule": _("Lên lịch cuộc kiểm tra"),
    "inspections.visit_start": _("Bắt đầu cuộc kiểm tra"),
    "inspections.visit_subject": _("Thêm cá nhân được kiểm tra"),
}
FIELDS = {
    "visit": _("cuộc kiểm tra"),
    "case": _("vụ việc"),
    "plan": _("kế hoạch"),
}
