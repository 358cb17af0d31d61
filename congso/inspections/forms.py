"""Forms of the inspection pages (validation only; services write)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.common.text import search_key
from congso.conduct.selectors import category_list
from congso.inspections.models import FindingKind, ItemResult, VisitKind
from congso.inspections.rules import DEFAULT_REMEDIATION_DAYS, MAX_REMEDIATION_DAYS

DATE_INPUTS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_ERROR = {"invalid": _("Ngày không đúng dạng dd/mm/yyyy.")}


def _choices(rows) -> list[tuple[int, str]]:
    return [(row.pk, str(row)) for row in rows]


class PlanForm(forms.Form):
    unit = forms.TypedChoiceField(label=_("Đơn vị lập kế hoạch"), coerce=int)
    year = forms.IntegerField(label=_("Năm"), min_value=2019, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)
    description = forms.CharField(
        label=_("Nội dung, phạm vi"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    targets = forms.TypedMultipleChoiceField(
        label=_("Đơn vị được kiểm tra"), coerce=int, widget=forms.SelectMultiple(attrs={"size": 10})
    )

    def __init__(self, *args, units, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _choices(units)
        self.fields["targets"].choices = _choices(targets)


class VisitForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Đơn vị được kiểm tra"), coerce=int)
    inspecting_unit = forms.TypedChoiceField(label=_("Đơn vị kiểm tra"), coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=VisitKind.choices)
    visit_on = forms.DateField(
        label=_("Ngày kiểm tra (dd/mm/yyyy)"), input_formats=DATE_INPUTS, error_messages=DATE_ERROR
    )
    purpose = forms.CharField(label=_("Nội dung kiểm tra"), max_length=500, required=False)
    # Rendered by the template as the checkboxes of the people matching `team_search` plus
    # those already chosen (a searchable list that works without JavaScript).
    inspectors = forms.TypedMultipleChoiceField(
        label=_("Thành viên đoàn kiểm tra"), coerce=int, required=False
    )
    team_search = forms.CharField(
        label=_("Tìm cán bộ theo tên hoặc mã"), max_length=100, required=False
    )

    def __init__(self, *args, targets, inspecting_units, inspectors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = _choices(targets)
        self.fields["inspecting_unit"].choices = _choices(inspecting_units)
        self.fields["inspectors"].choices = _choices(inspectors)


def team_shown(people, *, query: str, chosen: set[int], limit: int = 30) -> tuple[list, int]:
    """The team members to show as checkboxes: those already chosen, then those whose name or
    staff code matches `query` (diacritics and case ignored), at most `limit` of them; and how
    many matched in all (so the page can say "refine the search")."""
    key = search_key(query)
    picked = [p for p in people if p.pk in chosen]
    if not key:
        return picked, 0
    matches = [
        p
        for p in people
        if p.pk not in chosen
        and (key in search_key(p.full_name) or key in search_key(p.staff_code or ""))
    ]
    return picked + matches[:limit], len(matches)


class AssessForm(forms.Form):
    result = forms.ChoiceField(label=_("Kết quả"), choices=[c for c in ItemResult.choices if c[0]])
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhotoForm(forms.Form):
    photo = forms.FileField(label=_("Ảnh (JPEG, PNG, WebP)"))


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại kết luận"), choices=FindingKind.choices)
    description = forms.CharField(
        label=_("Nội dung"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    person = forms.TypedChoiceField(label=_("Cán bộ"), coerce=int, required=False, empty_value=None)
    category = forms.ModelChoiceField(
        label=_("Loại vi phạm"), queryset=category_list(), required=False, to_field_name="code"
    )
    item = forms.TypedChoiceField(
        label=_("Nội dung kiểm tra liên quan"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, people, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "—"), *_choices(people)]
        self.fields["item"].choices = [
            ("", "—"),
            *[(i.pk, f"{i.clause.number}. {i.clause.title}") for i in items],
        ]


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Việc cần khắc phục"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Người chủ trì"), coerce=int)
    working_days = forms.IntegerField(
        label=_("Thời hạn (ngày làm việc)"),
        min_value=1,
        max_value=MAX_REMEDIATION_DAYS,
        initial=DEFAULT_REMEDIATION_DAYS,
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = _choices(people)


class FinishForm(forms.Form):
    conclusion = forms.CharField(
        label=_("Kết luận"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )


class SubjectForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Cá nhân được kiểm tra"), coerce=int)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _choices(people)


class CompleteTaskForm(forms.Form):
    note = forms.CharField(
        label=_("Kết quả khắc phục"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
