"""What the audit log calls this app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "dissemination.acknowledge": _("Xác nhận đã đọc, quán triệt văn bản"),
    "dissemination.activity_create": _("Ghi nhận hoạt động tuyên truyền"),
    "dissemination.attend": _("Điểm danh bằng mã QR"),
    "dissemination.attendance_add": _("Ghi nhận người dự hội nghị"),
    "dissemination.campaign_send": _("Gửi văn bản xuống các đơn vị"),
    "dissemination.course_create": _("Tạo lớp bồi dưỡng"),
    "dissemination.course_results": _("Nhận kết quả lớp bồi dưỡng từ hệ thống đào tạo"),
    "dissemination.course_update": _("Sửa lớp bồi dưỡng"),
    "dissemination.demo_campaigns_load": _("Nạp dữ liệu mẫu đợt quán triệt"),
    "dissemination.demo_documents_load": _("Nạp văn bản mẫu"),
    "dissemination.demo_training_load": _("Nạp dữ liệu mẫu tuyên truyền, bồi dưỡng"),
    "dissemination.document_create": _("Thêm văn bản cần quán triệt"),
    "dissemination.material_add": _("Tải lên tài liệu lớp bồi dưỡng"),
    "dissemination.material_delete": _("Xóa tài liệu lớp bồi dưỡng"),
    "dissemination.quiz_submit": _("Nộp bài kiểm tra"),
    "dissemination.reminders": _("Gửi nhắc việc quán triệt"),
    "dissemination.session_create": _("Lên kế hoạch hội nghị quán triệt"),
    "dissemination.version_add": _("Thêm phiên bản mới của văn bản"),
}
FIELDS = {
    "version": _("phiên bản"),
    "deadline": _("hạn"),
    "start": _("ngày bắt đầu"),
    "recipients": _("số người nhận"),
    "ref": _("mã lớp ở hệ thống đào tạo"),
    "course": _("lớp bồi dưỡng"),
}
