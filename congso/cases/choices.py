"""Enumerations of the cases app (shared by models, rules, services, pages and the API)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportKind(models.TextChoices):
    MISCONDUCT = "misconduct", _("Phản ánh vi phạm")
    PRAISE = "praise", _("Biểu dương, khen ngợi")


class ReportStatus(models.TextChoices):
    """Screening outcome of a report from the public (issue 4 point 4)."""

    NEW = "new", _("Chờ sàng lọc")
    SPAM = "spam", _("Không hợp lệ (spam)")
    DUPLICATE = "duplicate", _("Trùng phản ánh đã có")
    FORWARDED = "forwarded", _("Chuyển đơn vị có thẩm quyền")
    ACCEPTED = "accepted", _("Đã tiếp nhận thành vụ việc")


class CaseSource(models.TextChoices):
    """Where a case came from: one workflow for all of them (issue 4 point 5)."""

    PUBLIC_REPORT = "public_report", _("Phản ánh của người dân")
    SOCIAL_MONITOR = "social_monitor", _("Phản biện xã hội (Mặt trận, đoàn thể)")
    INSPECTION = "inspection", _("Kết luận thanh tra, kiểm tra")
    PRESS = "press", _("Báo chí phản ánh")
    HEAD_RECORD = "head_record", _("Thủ trưởng ghi nhận")
    SELF_REPORT = "self_report", _("Tự báo cáo")


class CaseKind(models.TextChoices):
    MISCONDUCT = "misconduct", _("Vi phạm")
    PRAISE = "praise", _("Biểu dương")


class CaseState(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    VERIFYING = "verifying", _("Đang xác minh")
    CONFIRMED = "confirmed", _("Đã kết luận")
    DISMISSED = "dismissed", _("Không có căn cứ")
    HANDLING = "handling", _("Đang xử lý")
    CLOSED = "closed", _("Đã kết thúc")
    APPEALED = "appealed", _("Đang khiếu nại")
    REVIEWED = "reviewed", _("Đã xem xét khiếu nại")


class Severity(models.TextChoices):
    """Severity of a violation (NĐ 172/2025/NĐ-CP art. 3; earlier NĐ 112/2020 art. 2)."""

    MINOR = "minor", _("Ít nghiêm trọng")
    SERIOUS = "serious", _("Nghiêm trọng")
    VERY_SERIOUS = "very_serious", _("Rất nghiêm trọng")
    EXTREMELY_SERIOUS = "extremely_serious", _("Đặc biệt nghiêm trọng")


class CultureKind(models.TextChoices):
    OFFICE = "office", _("Văn hóa công sở")
    PUBLIC_PLACE = "public_place", _("Văn hóa nơi công cộng")


class MeasureKind(models.TextChoices):
    REMINDER = "reminder", _("Nhắc nhở")
    CRITICISM = "criticism", _("Phê bình")
    SELF_CRITICISM = "self_criticism", _("Kiểm điểm")
    DISCIPLINE = "discipline", _("Kỷ luật")


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("Chờ xem xét")
    UPHELD = "upheld", _("Giữ nguyên kết luận")
    REVERSED = "reversed", _("Hủy kết luận vi phạm")


class FreezeReason(models.TextChoices):
    """Why awards are paused for a person (NĐ 152/2025/NĐ-CP)."""

    OPEN_CASE = "open_case", _("Đang xem xét vụ việc vi phạm")
    INSPECTION = "inspection", _("Đang thanh tra, kiểm tra")
    DISCIPLINE = "discipline", _("Đang xử lý kỷ luật")


class MessageAuthor(models.TextChoices):
    REPORTER = "reporter", _("Người phản ánh")
    AGENCY = "agency", _("Cơ quan tiếp nhận")
