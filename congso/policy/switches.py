"""Named switches: every assumption of policy.md (A…, Q…, C…, N1) and the provincial layer.

The defaults are the readings policy.md adopts; with every switch at its default the engine
gives exactly the documented results. A province or an auditor may build another `Policy` to
see what a rejected assumption changes (`dataclasses.replace(DEFAULT_POLICY.assumptions, …)`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

QuotaReading = Literal["final_count", "httnv_only", "httnv_plus_candidates"]
QuotaRounding = Literal["floor", "half_up"]


@dataclass(frozen=True, slots=True)
class Assumptions:
    """Where the law is unclear: one switch per assumption of policy.md, default = adopted."""

    # A1: cán bộ and viên chức stay under NĐ 90/2020 + NĐ 48/2023 in 2026 and later
    # (off: NĐ 335/2025 rates every category from 2026).
    a1_nd90_for_can_bo_vien_chuc_from_2026: bool = True
    # A2: the NĐ 90 Art. 2(3) time rules also apply to công chức under NĐ 335
    # (off: công chức from 2026 are rated on the time actually worked, no time rule).
    a2_time_rules_for_nd335: bool = True
    # A3: NĐ 90, more than 20 % and at most 50 % of criteria failed ⇒ KHTNV (off: HTNV).
    a3_gap_band_is_khtnv: bool = True
    # A4: discipline taking effect in the year bars LĐTT and CSTĐCS that year, even when it
    # is not counted again for the classification (off: only the classification decides).
    a4_discipline_in_year_bars_titles: bool = True
    # A5: the NĐ 48 count-once rule carries over to NĐ 335 (off: every discipline taking
    # effect in the year counts under NĐ 335, whatever `already_counted_year` says).
    a5_count_once_under_nd335: bool = True
    # A7: maternity leave never triggers the 3 to < 6-month ceiling (off: it does).
    a7_maternity_never_caps: bool = True
    # A8: new recruits with fewer than 10 months in the year get no LĐTT (off: no such bar).
    a8_new_recruit_needs_10_months: bool = True
    # A9: under NĐ 335 Art. 20(4)(c) only discipline for a duty-related violation forces
    # KHTNV (off: any discipline taking effect in the year does).
    a9_nd335_discipline_duty_related_only: bool = True
    # A10: an NĐ 90 leader's HTXSNV also requires the HTTNV unit tests (≥ 80 % on time).
    a10_leader_htxsnv_needs_httnv_unit_tests: bool = True
    # Q1: reading of the HTXSNV quota (default: the literal final-count reading).
    q1_quota_reading: QuotaReading = "final_count"
    # Q2: rounding of every quota (default: down, "không vượt quá").
    q2_quota_rounding: QuotaRounding = "floor"
    # Q3: the CSTĐCS cap of 15 % of LĐTT (NĐ 91/2017) still applies (off: no cap).
    q3_cstdcs_cap: bool = True
    # C1: collective percentages use the members rated in the year as the denominator
    # (off: all members, `members_total`, when the unit case gives it).
    c1_denominator_rated_members: bool = True
    # N1: the article of NĐ 335 on timing and absence, as cited in reasons.
    n1_nd335_timing_article: str = "Điều 21"
    # R10: the exception of NĐ 335 Art. 20(5)(b) for outstanding organisations (not tested;
    # off by default). When on, a quota case flagged `outstanding_organisation` has no quota.
    r10_outstanding_organisation_exception: bool = False


@dataclass(frozen=True, slots=True)
class ProvincialLayer:
    """What a province adds to national law; Lào Cai's rules by default, each can be off."""

    name: str = "Lào Cai"
    # R9: the directive's cap: a confirmed office-culture or public-place-culture violation in
    # the year ⇒ at most HTNV (Chỉ thị of the Ban Thường vụ Tỉnh ủy, point 3).
    directive_culture_cap: bool = True
    # A6 / R12: QĐ 14/2024/QĐ-UBND: no LĐTT for a person fined administratively in the year.
    a6_no_administrative_fine_for_ldtt: bool = True


@dataclass(frozen=True, slots=True)
class Policy:
    """A complete configuration: the assumptions and the provincial layer."""

    assumptions: Assumptions = field(default_factory=Assumptions)
    province: ProvincialLayer = field(default_factory=ProvincialLayer)


DEFAULT_POLICY: Final = Policy()

# National law only: the provincial layer switched off (what another province starts from).
NATIONAL_ONLY: Final = Policy(
    province=ProvincialLayer(
        name="", directive_culture_cap=False, a6_no_administrative_fine_for_ldtt=False
    )
)
