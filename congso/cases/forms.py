"""Forms of the staff case pages (validation only; services do the work)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.cases.choices import (
    AppealOutcome,
    CaseKind,
    CaseSource,
    CaseState,
    MeasureKind,
    Severity,
)
from congso.cases.rules import CONFIG_MAX_DAYS, FORM_LABELS

BLANK = [("", "—")]


def person_field(label, *, required: bool = False) -> forms.ModelChoiceField:
    """A person picked by staff code (a select of 30,000 names would be useless)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=None,
        required=required,
        to_field_name="staff_code",
        widget=forms.TextInput(attrs={"placeholder": _("mã cán bộ")}),
        error_messages={
            "invalid_choice": _("Không tìm thấy cán bộ có mã này trong phạm vi của bạn.")
        },
    )


class QueueFilterForm(forms.Form):
    trang_thai = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Đang mở")), ("all", _("Tất cả")), *CaseState.choices],
    )
    qua_han = forms.BooleanField(label=_("Quá hạn"), required=False)
    don_vi = forms.TypedChoiceField(label=_("Đơn vị"), required=False, coerce=int, empty_value=None)
    nguon = forms.ChoiceField(label=_("Nguồn"), required=False, choices=BLANK + CaseSource.choices)
    loai_vi_pham = forms.TypedChoiceField(
        label=_("Loại vi phạm"), required=False, coerce=int, empty_value=None
    )
    cua_toi = forms.BooleanField(label=_("Tôi xử lý"), required=False)
    so_dong = forms.TypedChoiceField(
        label=_("Số dòng"),
        required=False,
        coerce=int,
        empty_value=20,
        choices=[(20, "20"), (50, "50"), (100, "100")],
    )

    def __init__(self, *args, units=(), categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].choices = BLANK + [(u.pk, u.name) for u in units]
        self.fields["loai_vi_pham"].choices = BLANK + [(c.pk, c.name) for c in categories]


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Chuyển sang"), choices=CaseState.choices)
    note = forms.CharField(
        label=_("Ghi chú nội bộ / lý do"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
    )
    public_note = forms.CharField(
        label=_("Thông tin công khai cho người phản ánh (chỉ sự việc đã xác minh, không nêu tên)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label=_("Người xử lý"), queryset=None)

    def __init__(self, *args, handlers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = handlers


class FindingForm(forms.Form):
    person = person_field(_("Cán bộ (mã cán bộ)"))
    category = forms.ModelChoiceField(label=_("Loại vi phạm"), queryset=None, required=False)
    severity = forms.ChoiceField(
        label=_("Mức độ"), choices=BLANK + Severity.choices, required=False
    )
    occurred_on = forms.DateField(
        label=_("Ngày xảy ra"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, people=None, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["category"].queryset = categories


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Biện pháp"), choices=MeasureKind.choices)
    discipline_form = forms.ChoiceField(
        label=_("Hình thức kỷ luật"), required=False, choices=BLANK + list(FORM_LABELS.items())
    )
    decision_number = forms.CharField(label=_("Số quyết định"), required=False, max_length=60)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    duration_months = forms.IntegerField(
        label=_("Thời hạn (tháng)"), required=False, min_value=1, max_value=120
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Kết quả"),
        choices=[
            (AppealOutcome.UPHELD, AppealOutcome.UPHELD.label),
            (AppealOutcome.REVERSED, AppealOutcome.REVERSED.label),
        ],
    )
    note = forms.CharField(
        label=_("Ý kiến xem xét"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Tin nhắn cho người phản ánh"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScreenForm(forms.Form):
    ACTIONS = [
        ("accept", _("Tiếp nhận thành vụ việc")),
        ("spam", _("Không hợp lệ (spam)")),
        ("duplicate", _("Trùng phản ánh đã có")),
        ("forward", _("Chuyển đơn vị có thẩm quyền")),
    ]
    action = forms.ChoiceField(label=_("Xử lý"), choices=ACTIONS)
    duplicate_of = forms.IntegerField(
        label=_("Số phản ánh gốc (PA-…)"), required=False, min_value=1
    )
    forward_to = forms.ModelChoiceField(label=_("Chuyển đến"), queryset=None, required=False)
    person = forms.ModelChoiceField(
        label=_("Cán bộ được nêu (nếu xác định được)"), queryset=None, required=False
    )
    category = forms.ModelChoiceField(label=_("Loại vi phạm"), queryset=None, required=False)
    urgent = forms.BooleanField(label=_("Khẩn (xử lý trong 1 ngày làm việc)"), required=False)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, units=None, people=None, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forward_to"].queryset = units
        self.fields["person"].queryset = people
        self.fields["category"].queryset = categories

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == "duplicate" and not data.get("duplicate_of"):
            self.add_error("duplicate_of", _("Cần nhập số phản ánh gốc."))
        if action == "forward" and not data.get("forward_to"):
            self.add_error("forward_to", _("Cần chọn đơn vị nhận."))
        return data


class CaseCreateForm(forms.Form):
    SOURCES = [
        (CaseSource.HEAD_RECORD, CaseSource.HEAD_RECORD.label),
        (CaseSource.PRESS, CaseSource.PRESS.label),
        (CaseSource.SELF_REPORT, CaseSource.SELF_REPORT.label),
        (CaseSource.INSPECTION, CaseSource.INSPECTION.label),
    ]
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None)
    source = forms.ChoiceField(label=_("Nguồn"), choices=SOURCES)
    kind = forms.ChoiceField(label=_("Loại"), choices=CaseKind.choices)
    summary = forms.CharField(
        label=_("Tóm tắt"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    person = person_field(_("Cán bộ liên quan (mã cán bộ)"))
    category = forms.ModelChoiceField(label=_("Loại vi phạm"), queryset=None, required=False)
    occurred_on = forms.DateField(
        label=_("Ngày xảy ra"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    urgent = forms.BooleanField(label=_("Khẩn"), required=False)

    def __init__(self, *args, units=None, people=None, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["person"].queryset = people
        self.fields["category"].queryset = categories


def _days_field(label) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=CONFIG_MAX_DAYS,
        widget=forms.NumberInput(attrs={"min": 0, "max": CONFIG_MAX_DAYS, "class": "days"}),
        error_messages={
            "invalid": _("Nhập một số nguyên ngày làm việc."),
            "min_value": _("Số ngày không được nhỏ hơn 0."),
            "max_value": _("Số ngày không được lớn hơn %(limit_value)s."),
        },
    )


class CaseTypeDeadlinesForm(forms.Form):
    """Overrides of one case type in working days; blank = the default of cases/rules.py."""

    received_days = _days_field(pgettext_lazy("deadline stage", "Tiếp nhận, phân loại"))
    verifying_days = _days_field(pgettext_lazy("deadline stage", "Xác minh"))
    confirmed_days = _days_field(pgettext_lazy("deadline stage", "Sau kết luận"))
    handling_days = _days_field(pgettext_lazy("deadline stage", "Xử lý"))
    appealed_days = _days_field(pgettext_lazy("deadline stage", "Xem xét khiếu nại"))
    reviewed_days = _days_field(pgettext_lazy("deadline stage", "Sau xem xét khiếu nại"))
    appeal_window_days = _days_field(pgettext_lazy("deadline stage", "Thời hạn khiếu nại"))
