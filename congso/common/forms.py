"""Forms of the shared pages: audit-log filters and the holiday calendar."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.common.models import Holiday
from congso.common.selectors import AuditFilters
from congso.common.services import PROJECTED_SUFFIX, holiday_is_projected

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AuditFilterForm(forms.Form):
    hanh_dong = forms.CharField(
        label=_("Hành động"),
        required=False,
        max_length=100,
        help_text=_("Ví dụ: org. (mọi thay đổi về tổ chức), common.holiday_update"),
    )
    doi_tuong = forms.CharField(
        label=_("Đối tượng"),
        required=False,
        max_length=170,
        help_text=_("Loại hoặc loại:mã, ví dụ org.person hoặc org.person:125"),
    )
    nguoi = forms.CharField(label=_("Người thực hiện"), required=False, max_length=150)
    tu_ngay = forms.DateField(
        label=_("Từ ngày"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )
    den_ngay = forms.DateField(
        label=_("Đến ngày"), required=False, input_formats=DATE_FORMATS, widget=DateInput()
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        return data

    def filters(self) -> AuditFilters:
        data = self.cleaned_data
        object_type, _sep, object_id = data["doi_tuong"].strip().partition(":")
        return AuditFilters(
            action=data["hanh_dong"].strip(),
            object_type=object_type.strip(),
            object_id=object_id.strip(),
            actor=data["nguoi"].strip(),
            date_from=data["tu_ngay"],
            date_to=data["den_ngay"],
        )


class HolidayForm(forms.Form):
    ngay = forms.DateField(label=_("Ngày"), input_formats=DATE_FORMATS, widget=DateInput())
    loai = forms.ChoiceField(label=_("Loại"), choices=Holiday.Kind.choices)
    ten = forms.CharField(
        label=_("Tên"), max_length=200, widget=forms.TextInput(attrs={"size": 60})
    )
    can_cu = forms.CharField(
        label=_("Căn cứ"),
        max_length=250,
        required=False,
        widget=forms.TextInput(attrs={"size": 80}),
    )
    du_kien = forms.BooleanField(label=_("Dự kiến (chưa có thông báo chính thức)"), required=False)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "day": data["ngay"],
            "kind": data["loai"],
            "name": data["ten"],
            "basis": data["can_cu"],
            "projected": data["du_kien"],
        }


def holiday_initial(holiday: Holiday) -> dict:
    """Form values of an existing entry (the projection mark becomes the checkbox)."""

    return {
        "ngay": holiday.date,
        "loai": holiday.kind,
        "ten": holiday.name,
        "can_cu": holiday.basis.replace(PROJECTED_SUFFIX, "").strip(),
        "du_kien": holiday_is_projected(holiday.basis),
    }
