"""Pure rules of the emulation movement: the catalogue, who is eligible for which title and
why, registration deadlines, council tallies and decision numbers. No ORM, no request.

Basis: Luật Thi đua, khen thưởng 06/2022/QH15 (titles Arts. 21–28, forms Arts. 71–76);
NĐ 152/2025/NĐ-CP (freeze, bonus coefficients: LĐTT 0,3; CSTĐ tỉnh 3,0; toàn quốc 4,5);
NĐ 91/2017/NĐ-CP (secret ballot ≥ 90 % for CSTĐ tỉnh); NĐ 30/2020/NĐ-CP (numbering of
administrative documents: Số: n/QĐ-UBND). The eligibility of the unit titles (R12–R15) is
decided by the evaluation run (policy/); this module composes those results with the history,
the initiatives and the award freeze.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from django.utils.translation import gettext_lazy as _

from congso.policy import awards, basis

LAW: Final = basis.LAW_TDKT
# The initial catalogue lives in migrations/0002_catalogue.py; the province edits it after.
PUBLISHED: Final = ("published", "final")
GOOD_LEVELS: Final = ("HTTNV", "HTXSNV")


@dataclass(frozen=True)
class PersonFacts:
    """What the system holds about one person for one year (read by emulation.selectors)."""

    classification: str | None  # None: no published or final result for the year
    ldtt: bool = False
    cstdcs: bool = False
    result_reasons: tuple[dict, ...] = ()
    freezes: tuple[str, ...] = ()  # labels of open freezes (NĐ 152/2025)
    cstdcs_years: frozenset[int] = frozenset()
    province_initiative: bool = False


@dataclass(frozen=True)
class CollectiveFacts:
    collective_level: str | None  # None: no published or final run for the year
    titles: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: tuple[dict, ...]

    @property
    def blocking(self) -> tuple[dict, ...]:
        return tuple(r for r in self.reasons if r.get("blocks"))


def _reason(code: str, text, basis_: str, *, blocks: bool) -> dict:
    return {"code": code, "text_vi": str(text), "basis": basis_, "blocks": blocks}


def _from_result(reasons: tuple[dict, ...], prefix: str, ok: bool) -> list[dict]:
    return [{**r, "blocks": not ok} for r in reasons if str(r.get("code", "")).startswith(prefix)]


def person_eligibility(rule: str, year: int, facts: PersonFacts) -> Eligibility:
    """Whether one person may be proposed for a title or form of `rule` in `year`, with every
    reason (text and article). A blocking reason blocks; the freeze blocks every award."""
    reasons: list[dict] = []
    if facts.classification is None:
        reasons.append(
            _reason(
                "NO_RESULT",
                _("Chưa có kết quả đánh giá, xếp loại năm %(year)s đã công khai hoặc đã chốt.")
                % {"year": year},
                f"{basis.ND335}; {basis.ND90}",
                blocks=True,
            )
        )
    elif rule == "ldtt":
        reasons += _from_result(facts.result_reasons, "R12", facts.ldtt)
        if not facts.ldtt and not reasons:
            reasons.append(
                _reason("R12_NOT_MET", _("Không đạt Lao động tiên tiến."), basis.LDTT, blocks=True)
            )
    elif rule == "cstdcs":
        reasons += _from_result(facts.result_reasons, "R13", facts.cstdcs)
        if not facts.cstdcs and not reasons:
            reasons.append(
                _reason(
                    "R13_NOT_MET", _("Không đạt Chiến sĩ thi đua cơ sở."), basis.CSTDCS, blocks=True
                )
            )
    elif rule == "cstd_tinh":
        years = set(facts.cstdcs_years) | ({year} if facts.cstdcs else set())
        ok, found = awards.cstd_tinh(
            year=year, cstdcs_years=years, province_initiative=facts.province_initiative
        )
        reasons += [_reason(r.code, r.text_vi, r.basis, blocks=not ok) for r in found]
    elif rule == "merit_individual":
        ok = facts.classification in GOOD_LEVELS
        text = (
            _("Xếp loại năm %(year)s: %(level)s, từ hoàn thành tốt nhiệm vụ trở lên.")
            if ok
            else _(
                "Xếp loại năm %(year)s: %(level)s, dưới mức hoàn thành tốt nhiệm vụ: "
                "chưa đủ điều kiện khen thưởng."
            )
        ) % {"year": year, "level": facts.classification}
        reasons.append(_reason("MERIT_LEVEL", text, f"{LAW}, Điều 72, 75", blocks=not ok))
    if facts.freezes:
        reasons.append(
            _reason(
                "R14_AWARD_FROZEN",
                _("Tạm chưa xét khen thưởng: %(why)s (cho đến khi có kết luận).")
                % {"why": "; ".join(facts.freezes)},
                basis.FREEZE,
                blocks=True,
            )
        )
    return Eligibility(not any(r["blocks"] for r in reasons), tuple(reasons))


def collective_eligibility(rule: str, year: int, facts: CollectiveFacts) -> Eligibility:
    """A collective's eligibility from its agency's published or final run (R15)."""
    if facts.collective_level is None:
        return Eligibility(
            False,
            (
                _reason(
                    "NO_RUN",
                    _("Đơn vị chưa có kết quả xếp loại năm %(year)s đã công khai hoặc đã chốt.")
                    % {"year": year},
                    basis.ND335,
                    blocks=True,
                ),
            ),
        )
    if rule in ("ttldtt", "ttldxs"):
        ok = bool(facts.titles.get(rule))
        found = [
            {**r, "blocks": not ok}
            for r in facts.titles.get("reasons", ())
            if str(r.get("code", "")).startswith("R15")
        ]
        if not found:
            name = (
                _("Tập thể lao động tiên tiến")
                if rule == "ttldtt"
                else _("Tập thể lao động xuất sắc")
            )
            text = _("Đủ tiêu chuẩn %(title)s.") if ok else _("Không đủ tiêu chuẩn %(title)s.")
            found = [
                _reason(
                    "R15",
                    text % {"title": name},
                    basis.TTLDTT if rule == "ttldtt" else basis.TTLDXS,
                    blocks=not ok,
                )
            ]
        return Eligibility(ok, tuple(found))
    ok = facts.collective_level in GOOD_LEVELS
    text = (
        _("Tập thể xếp loại %(level)s năm %(year)s.")
        if ok
        else _("Tập thể xếp loại %(level)s năm %(year)s: dưới mức hoàn thành tốt nhiệm vụ.")
    )
    return Eligibility(
        ok,
        (
            _reason(
                "MERIT_COLLECTIVE",
                text % {"level": facts.collective_level, "year": year},
                f"{LAW}, Điều 72",
                blocks=not ok,
            ),
        ),
    )


class EmulationError(Exception):
    """Bad input refused by a rule or a service: `message` is Vietnamese, for the user."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


def check_registration_open(deadline: date, today: date) -> None:
    if today > deadline:
        raise EmulationError(
            _("Đã quá hạn đăng ký thi đua (hạn cuối %(day)s).")
            % {"day": deadline.strftime("%d/%m/%Y")}
        )


def check_tally(*, present: int, recused: int, agree: int, disagree: int, invalid: int) -> None:
    """The ballots counted cannot exceed the present members who may vote."""
    voters = present - recused
    if agree + disagree + invalid > voters:
        raise EmulationError(
            _("Tổng số phiếu (%(total)s) vượt quá số thành viên có mặt được bỏ phiếu (%(voters)s).")
            % {"total": agree + disagree + invalid, "voters": voters},
            field="agree",
        )


def bonus(coefficient: Decimal, base_salary: int) -> int:
    return awards.bonus_amount(coefficient=coefficient, base_salary=base_salary)
