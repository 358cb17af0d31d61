"""Forms of the conduct pages (validation only; services do the writing)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.conduct.in_force import category_list

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]


class ClauseForm(forms.Form):
    number = forms.CharField(label=_("Số điều"), max_length=40)
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ModelChoiceField(
        label=_("Loại vi phạm"),
        queryset=category_list(),
        required=False,
        empty_label=_("— không gắn loại vi phạm —"),
        to_field_name="code",
    )


class PublishForm(forms.Form):
    effective_from = forms.DateField(
        label=_("Hiệu lực từ ngày (dd/mm/yyyy)"),
        input_formats=DATE_INPUTS,
        error_messages={"invalid": _("Ngày không đúng dạng dd/mm/yyyy.")},
    )
    note = forms.CharField(
        label=_("Ghi chú (số, ngày quyết định ban hành)"), max_length=500, required=False
    )


class CreateFromTemplateForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị"), coerce=int)

    def __init__(self, *args, unit_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = unit_choices


class DiffForm(forms.Form):
    tu = forms.IntegerField(label=_("So sánh phiên bản"), min_value=1)
    den = forms.IntegerField(label=_("với phiên bản"), min_value=1)
