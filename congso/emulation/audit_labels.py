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
    "emulation.review_save": _("Lưu báo cáo sơ kết, tổng kết"),
    "emulation.tally_record": _("Ghi kết quả bỏ phiếu"),
    "emulation.urging_send": _("Nhắc đơn vị gửi đăng ký thi đua"),
    "emulation.voting_open": _("Mở bỏ phiếu kín điện tử"),
    "emulation.ballot_cast": _("Bỏ phiếu kín (không ghi nội dung phiếu)"),
    "emulation.voting_close": _("Kết thúc bỏ phiếu kín điện tử"),
    "emulation.title_create": _("Thêm danh hiệu, hình thức khen thưởng vào danh mục"),
    "emulation.title_update": _("Sửa danh hiệu, hình thức khen thưởng"),
    "emulation.coefficient_add": _("Thêm hệ số tiền thưởng theo ngày áp dụng"),
    "emulation.base_salary_add": _("Thêm mức lương cơ sở theo ngày áp dụng"),
}
