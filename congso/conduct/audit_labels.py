"""What the audit log calls this app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "conduct.attest": _("Ký cam kết thực hiện quy chế"),
    "conduct.clause_create": _("Thêm điều khoản"),
    "conduct.clause_delete": _("Xóa điều khoản"),
    "conduct.clause_update": _("Sửa điều khoản"),
    "conduct.code_create": _("Tạo quy chế văn hóa công sở"),
    "conduct.demo_attestations_load": _("Nạp dữ liệu mẫu cam kết"),
    "conduct.demo_codes_load": _("Nạp dữ liệu mẫu quy chế"),
    "conduct.version_close": _("Kết thúc hiệu lực phiên bản quy chế"),
    "conduct.version_draft_create": _("Tạo bản dự thảo quy chế"),
    "conduct.version_publish": _("Ban hành phiên bản quy chế"),
}
FIELDS = {
    "clause": _("điều khoản"),
    "clauses": _("số điều khoản"),
    "codes": _("số quy chế"),
    "versions": _("số phiên bản"),
    "attestations": _("số cam kết"),
    "copied_from": _("sao từ phiên bản"),
    "from_template": _("từ mẫu"),
    "number": _("số"),
}
