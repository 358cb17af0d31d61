"""Forms of the org pages: they parse and validate input; services do the writing."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.org.models import Sex, StaffCategory
from congso.org.rules import is_valid_on

# Text inputs in dd/mm/yyyy: a native date input shows the browser's own order (mm/dd/yyyy on
# an English browser); DATE_INPUT_FORMATS also accept yyyy-mm-dd (links, API-style callers).
DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y",
    attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 10, "maxlength": 10},
)


class TreeFilterForm(forms.Form):
    """The org tree filter: units in force on a day (default today), optionally with the
    units not in force that day, shown greyed with their dates."""

    goc = forms.IntegerField(required=False, widget=forms.HiddenInput)
    ngay = forms.DateField(label=_("Đơn vị có hiệu lực ngày"), required=False, widget=DATE_WIDGET)
    het_hieu_luc = forms.BooleanField(label=_("Hiện cả đơn vị không còn hiệu lực"), required=False)

    def day(self) -> date:
        self.is_valid()
        return self.cleaned_data.get("ngay") or timezone.localdate()


STATUS_CHOICES = [
    ("dang", _("Đang công tác")),
    ("nghi", _("Đã nghỉ")),
    ("tat_ca", _("Tất cả")),
]
STATUS_VALUES = {"dang": True, "nghi": False, "tat_ca": None}


class PeopleFilterForm(forms.Form):
    """Search and filters of the people list (a GET form; also used by the export)."""

    q = forms.CharField(
        label=_("Tìm theo tên hoặc mã cán bộ"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # An id, not a choice: a unit outside the actor's reach must answer 404 (as the API
    # does), not be silently dropped. The select lists the units the actor may filter by.
    don_vi = forms.IntegerField(label=_("Đơn vị (gồm đơn vị trực thuộc)"), required=False)
    doi_tuong = forms.ChoiceField(
        label=pgettext_lazy("staff category", "Đối tượng"),
        required=False,
        choices=[("", _("Tất cả đối tượng")), *StaffCategory.choices],
    )
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args, unit_choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].widget = forms.Select(
            choices=[("", _("Tất cả đơn vị")), *unit_choices]
        )
        self.unit_choices = unit_choices

    def filters(self) -> dict:
        """Keyword arguments for selectors.person_list (unit as an id; invalid input ignored
        field by field, so a stale link still shows a list)."""
        self.is_valid()  # cleaned_data keeps every field that did validate
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "unit_id": data.get("don_vi"),
            "category": data.get("doi_tuong") or "",
            "active": STATUS_VALUES.get(data.get("trang_thai") or "dang", True),
        }


class TransferForm(forms.Form):
    """Điều động, luân chuyển: move a person to another unit from a given day."""

    to_unit = forms.TypedChoiceField(label=_("Đến đơn vị"), coerce=int)
    on = forms.DateField(label=_("Từ ngày"), widget=DATE_WIDGET)
    position = forms.CharField(
        label=_("Chức vụ ở đơn vị mới"),
        required=False,
        max_length=120,
        help_text=_("Để trống nếu giữ nguyên chức vụ."),
    )

    def __init__(
        self,
        *args,
        unit_choices: list[tuple[int, str]],
        current_unit_id: int,
        current_start: date | None,
        unit_validity: dict[int, tuple[date | None, date | None]],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].choices = [("", _("— Chọn đơn vị —")), *unit_choices]
        self.current_unit_id = current_unit_id
        self.current_start = current_start
        self.unit_validity = unit_validity

    def clean_to_unit(self) -> int:
        value = self.cleaned_data["to_unit"]
        if value == self.current_unit_id:
            raise forms.ValidationError(_("Cán bộ đang công tác tại đơn vị này."))
        return value

    def clean_on(self) -> date:
        value = self.cleaned_data["on"]
        if self.current_start and value <= self.current_start:
            raise forms.ValidationError(
                _("Ngày điều động phải sau ngày bắt đầu công tác hiện tại (%(day)s)."),
                params={"day": self.current_start.strftime("%d/%m/%Y")},
            )
        # person_transfer moves the current unit at once, so a future date would show the
        # person in the new unit before the decision takes effect: record it on the day.
        if value > timezone.localdate():
            raise forms.ValidationError(
                _("Ngày điều động không được sau hôm nay; hãy ghi nhận khi quyết định có hiệu lực.")
            )
        return value

    def clean(self) -> dict:
        data = super().clean()
        unit_id, day = data.get("to_unit"), data.get("on")
        if unit_id and day and not is_valid_on(day, *self.unit_validity.get(unit_id, (None, None))):
            self.add_error("to_unit", _("Đơn vị này không có hiệu lực vào ngày điều động."))
        return data


class PersonEditForm(forms.Form):
    """The person's own fields (the unit changes only through a transfer)."""

    staff_code = forms.CharField(label=_("Mã cán bộ"), max_length=32)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    sex = forms.ChoiceField(label=_("Giới tính"), choices=Sex.choices)
    birth_year = forms.IntegerField(label=_("Năm sinh"), min_value=1930)
    category = forms.ChoiceField(
        label=pgettext_lazy("staff category", "Đối tượng"), choices=StaffCategory.choices
    )
    position = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)
    is_leader = forms.BooleanField(label=_("Lãnh đạo, quản lý"), required=False)
    is_party_member = forms.BooleanField(label=_("Đảng viên"), required=False)
    serves_citizens = forms.BooleanField(label=_("Trực tiếp phục vụ người dân"), required=False)
    is_active = forms.BooleanField(label=_("Đang công tác"), required=False)

    def clean_birth_year(self) -> int:
        value = self.cleaned_data["birth_year"]
        if value > timezone.localdate().year - 15:
            raise forms.ValidationError(_("Năm sinh không hợp lệ."))
        return value

    def clean_full_name(self) -> str:
        value = self.cleaned_data["full_name"].strip()
        if len(value.split()) < 2:
            raise forms.ValidationError(_("Nhập đủ họ và tên."))
        return value
