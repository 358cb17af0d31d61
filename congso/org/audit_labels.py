"""What the audit log calls this app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "org.counter_create": _("Thêm quầy phục vụ"),
    "org.demo_people_load": _("Nạp dữ liệu mẫu cán bộ"),
    "org.people_import": _("Nhập danh sách cán bộ từ Excel"),
    "org.person_category": _("Thay đổi đối tượng cán bộ"),
    "org.person_create": _("Thêm cán bộ"),
    "org.person_transfer": _("Điều động cán bộ"),
    "org.person_update": _("Sửa thông tin cán bộ"),
    "org.unit_create": _("Thêm đơn vị"),
}
FIELDS = {
    "people": _("số cán bộ"),
    "assignments": _("số quá trình công tác"),
    "created": _("tạo mới"),
    "updated": _("cập nhật"),
    "transferred": _("điều chuyển"),
    "unchanged": _("không đổi"),
    "correction": _("sửa lại đơn vị"),
    "from": _("từ đơn vị"),
    "to": _("sang đơn vị"),
}
