"""The annual report of the Ban cán sự đảng UBND tỉnh on the directive: header fields, the
sections for the province (or a unit's subtree), and the narrative prefilled from figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from congso.reports.data import SectionData
from congso.reports.registry import build_sections

POINT_TITLES = {
    1: gettext_noop("Về công tác quán triệt, tuyên truyền, phổ biến Chỉ thị"),
    2: gettext_noop(
        "Về xây dựng, thực hiện quy chế văn hóa công sở; bồi dưỡng, tuyên truyền; kiểm tra"
    ),
    3: gettext_noop("Về sự hài lòng của người dân và đánh giá, xếp loại cán bộ"),
    4: gettext_noop("Về phát huy vai trò giám sát, phản biện xã hội; nhân rộng điển hình"),
    5: gettext_noop("Về phong trào thi đua thực hiện văn hóa công sở"),
    6: gettext_noop("Về phát hiện, xử lý vi phạm"),
}


@dataclass
class AnnualReport:
    year: int
    unit_name: str
    issuer: str
    parent_body: str
    number: str
    place: str
    issued_on: date
    signer_title: str
    signer_name: str
    recipients: list[str]
    sections: list[SectionData] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return any(s.available for s in self.sections)

    @property
    def points(self) -> list[tuple[int, str, list[SectionData]]]:
        return [
            (n, _(title), [s for s in self.sections if s.point == n])
            for n, title in POINT_TITLES.items()
        ]

    def gathered(self, attr: str) -> list[str]:
        return [item for s in self.sections if s.available for item in getattr(s, attr)]


def build_annual_report(
    *, actor, unit, year: int, number: str = "", issued_on: date | None = None
) -> AnnualReport:
    report = AnnualReport(
        year=year,
        unit_name=unit.name,
        issuer=_("BAN CÁN SỰ ĐẢNG UBND TỈNH"),
        parent_body=_("ĐẢNG BỘ TỈNH LÀO CAI"),
        number=number or "…",
        place=_("Lào Cai"),
        issued_on=issued_on or timezone.localdate(),
        signer_title=_("T/M BAN CÁN SỰ ĐẢNG\nBÍ THƯ"),
        signer_name="",
        recipients=[
            _("Ban Thường vụ Tỉnh ủy (để báo cáo)"),
            _("Các đồng chí Ủy viên Ban cán sự đảng UBND tỉnh"),
            _("Lưu Văn phòng."),
        ],
    )
    report.sections = build_sections(actor, unit, year)
    return report
