"""Staff forms of the survey pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from congso.surveys.rules import ELEMENT_NAMES, QUESTION_KEYS


class TemplateForm(forms.Form):
    """One label per fixed question key; a question can be left out (except 'overall')."""

    intro = forms.CharField(label=_("Lời dẫn"), max_length=500, required=False)

    def __init__(self, *args, questions: list[dict] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {q["key"]: q["label"] for q in questions or []}
        for key in QUESTION_KEYS:
            self.fields[f"use_{key}"] = forms.BooleanField(
                label=_("Dùng câu hỏi “%(name)s”") % {"name": _(ELEMENT_NAMES[key])},
                required=False,
                initial=key in current,
                disabled=key == "overall",
            )
            self.fields[f"label_{key}"] = forms.CharField(
                label=_("Nội dung câu hỏi “%(name)s”") % {"name": _(ELEMENT_NAMES[key])},
                max_length=300,
                required=False,
                initial=current.get(key, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def questions(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"key": key, "label": data.get(f"label_{key}", "")}
            for key in QUESTION_KEYS
            if key == "overall" or data.get(f"use_{key}")
        ]


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("Kết quả xem xét"), max_length=500)


class TokenForm(forms.Form):
    count = forms.IntegerField(label=_("Số mã cần in"), min_value=1, max_value=5000)
