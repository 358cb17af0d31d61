"""The annual report's sections in the order of the directive's points 1–6."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from congso.reports.data import SectionData
from congso.reports.sections import (
    Section,
    _absent_app,
    conduct_section,
    criticism_section,
    inspections_section,
    surveys_section,
    violations_section,
)
from congso.reports.sections_apps import (
    classification_section,
    dissemination_section,
    emulation_section,
    training_section,
)

SECTIONS: list[Section] = [
    Section(
        "dissemination",
        1,
        gettext_noop("Quán triệt, tuyên truyền, phổ biến Chỉ thị"),
        "congso.dissemination",
        dissemination_section,
    ),
    Section(
        "conduct", 2, gettext_noop("Quy chế văn hóa công sở"), "congso.conduct", conduct_section
    ),
    Section(
        "training",
        2,
        gettext_noop("Bồi dưỡng, tập huấn, tuyên truyền"),
        "congso.dissemination",
        training_section,
    ),
    Section(
        "inspections",
        2,
        gettext_noop("Thanh tra, kiểm tra"),
        "congso.inspections",
        inspections_section,
    ),
    Section(
        "surveys", 3, gettext_noop("Sự hài lòng của người dân"), "congso.surveys", surveys_section
    ),
    Section(
        "classification",
        3,
        gettext_noop("Đánh giá, xếp loại chất lượng"),
        "congso.evaluation",
        classification_section,
    ),
    Section(
        "criticism",
        4,
        gettext_noop("Phản biện xã hội, điển hình"),
        "congso.cases",
        criticism_section,
    ),
    Section(
        "emulation",
        5,
        gettext_noop("Phong trào thi đua, khen thưởng"),
        "congso.emulation",
        emulation_section,
    ),
    Section(
        "violations",
        6,
        gettext_noop("Phát hiện, xử lý vi phạm"),
        "congso.cases",
        violations_section,
    ),
]


def build_sections(actor, unit, year) -> list[SectionData]:
    """Every section for `unit`'s subtree; `year` is a year or a `common.params.Period` (the
    unit reports' quarters and half-years)."""
    result = []
    for section in SECTIONS:
        if not apps.is_installed(section.app):
            result.append(_absent_app(section.key, section.point, _(section.title), section.app))
        else:
            result.append(section.build(actor, unit, year))
    return result
