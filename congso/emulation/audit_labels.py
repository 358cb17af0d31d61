"""What the audit log calls this app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "emulation.award_create": _("Ghi danh hiệu, hình thức khen thưởng"),
    "emulation.award_revoke": _("Thu hồi danh hiệu, hình thức khen thưởng"),
    "emulation.decision_issue": _("Ban hành quyết định khen thưởng"),
    "emulation.demo_load": _("Nạp dữ liệu mẫu thi đua, khen thưởng"),
    "emulation.history_import": _("Nhập lịch sử khen thưởng"),
    "emulation.initiative_decide": _("Công nhận sáng kiến"),
    "emulation.initiative_submit": _("Gửi sáng kiến"),
    "emulation.meeting_create": _("Lập phiên họp Hội đồng thi đua, khen thưởng"),
    "emulation.plan_create": _("Lập kế hoạch thi đua"),
    "emulation.proposal_create": _("Lập đề nghị khen thưởng"),
    "emulation.proposal_withdraw": _("Rút đề nghị khen thưởng"),
    "emulation.registration_create": _("Lập đăng ký thi đua"),
    "emulation.registration_decide": _("Duyệt đăng ký thi đua"),
    "emulation.registration_submit": _("Gửi đăng ký thi đua"),
    "emulation.review_save": _("Ghi kết quả xét của Hội đồng"),
    "emulation.tally_record": _("Ghi kết quả bỏ phiếu"),
    "emulation.urging_send": _("Gửi nhắc nộp hồ sơ khen thưởng"),
}
