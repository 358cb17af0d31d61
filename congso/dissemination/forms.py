"""Forms of dissemination pages (input shape only; rules live in services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.dissemination.models import ActivityKind
from congso.dissemination.rules import DEFAULT_ESCALATE_AFTER, DEFAULT_WORKING_DAYS
from congso.org.models import StaffCategory

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]


class DocumentForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị quản lý văn bản"), coerce=int)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=60)
    issued_on = forms.DateField(
        label=_("Ngày ban hành"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200)
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    summary = forms.CharField(label=_("Tóm tắt"), widget=forms.Textarea, required=False)
    key_points = forms.CharField(
        label=_("Nội dung chính (mỗi dòng một ý)"), widget=forms.Textarea, required=False
    )
    file = forms.FileField(label=_("Tệp PDF"))

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(unit_choices)


class VersionForm(forms.Form):
    file = forms.FileField(label=_("Tệp PDF mới"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=200)
    file = forms.FileField(label=_("Tệp (PDF, Word, Excel, PowerPoint; tối đa 20 MB)"))


class CampaignForm(forms.Form):
    unit = forms.TypedChoiceField(
        label=_("Gửi đến đơn vị (và toàn bộ đơn vị trực thuộc)"), coerce=int
    )
    title = forms.CharField(label=_("Tên đợt quán triệt"), max_length=300, required=False)
    categories = forms.MultipleChoiceField(
        label=_("Đối tượng (để trống: tất cả)"),
        choices=StaffCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_on = forms.DateField(
        label=_("Ngày bắt đầu"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    working_days = forms.IntegerField(
        label=_("Thời hạn (số ngày làm việc)"),
        initial=DEFAULT_WORKING_DAYS,
        required=False,
        min_value=1,
        max_value=200,
    )
    due_on = forms.DateField(
        label=_("Hoặc hạn hoàn thành cụ thể"),
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
        required=False,
    )
    escalate_after = forms.IntegerField(
        label=_("Quá hạn bao nhiêu ngày làm việc thì báo thủ trưởng"),
        initial=DEFAULT_ESCALATE_AFTER,
        min_value=1,
        max_value=60,
    )
    message = forms.CharField(label=_("Lời nhắn"), widget=forms.Textarea, required=False)
    questions = forms.CharField(
        label=_(
            "Câu hỏi kiểm tra (mỗi câu một dòng: câu hỏi | phương án 1 | phương án 2 …; "
            "đánh dấu * trước phương án đúng)"
        ),
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(unit_choices)

    def clean_questions(self) -> list[dict]:
        parsed = []
        for line in (self.cleaned_data.get("questions") or "").splitlines():
            parts = [p.strip() for p in line.split("|")]
            if not parts[0]:
                continue
            choices, answer = [], None
            for index, part in enumerate(parts[1:]):
                if part.startswith("*"):
                    answer = index
                    part = part[1:].strip()
                choices.append(part)
            if len(choices) < 2 or answer is None:
                raise forms.ValidationError(
                    _("Mỗi câu hỏi cần ít nhất hai phương án và một đáp án đúng (đánh dấu *).")
                )
            parsed.append({"q": parts[0], "choices": choices, "answer": answer})
        return parsed


class SessionForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int)
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    place = forms.CharField(label=_("Địa điểm"), max_length=200, required=False)
    starts_at = forms.DateTimeField(
        label=_("Bắt đầu"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )
    ends_at = forms.DateTimeField(
        label=_("Kết thúc"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS
    )

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(unit_choices)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx), cột đầu là mã cán bộ"))


class ActivityForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị tổ chức"), coerce=int)
    kind = forms.ChoiceField(label=_("Loại hoạt động"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Tên hoạt động"), max_length=300)
    organiser = forms.CharField(label=_("Người, bộ phận phụ trách"), max_length=200, required=False)
    start_on = forms.DateField(label=_("Từ ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    end_on = forms.DateField(label=_("Đến ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    materials = forms.CharField(
        label=_("Tài liệu, đường dẫn"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, unit_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = list(unit_choices)


class CourseForm(ActivityForm):
    questions = CampaignForm.base_fields["questions"]
    pass_mark = forms.IntegerField(
        label=_("Điểm đạt (%), để trống nếu không kiểm tra"),
        min_value=1,
        max_value=100,
        required=False,
    )
    clean_questions = CampaignForm.clean_questions

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["kind"]
        self.fields["title"].label = _("Tên lớp bồi dưỡng")
