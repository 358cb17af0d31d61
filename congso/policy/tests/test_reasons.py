"""Each decision explains itself: the reason for its level, with the article, in Vietnamese;
notes say why discipline and violations that exist do not count."""

from __future__ import annotations

from congso.policy.engine import decide
from congso.policy.facts import CaseFacts, Reason
from congso.policy.tests.helpers import FULL_UNIT, cc26, disc, nd90, viol


def reasons(facts: CaseFacts) -> dict[str, Reason]:
    return {reason.code: reason for reason in decide(facts).reasons}


def test_band_reason_shows_the_exact_total_with_a_decimal_comma() -> None:
    got = reasons(cc26(common_points=30, task_points="59.99"))
    assert "Tổng điểm 89,99" in got["R2_BAND_HTTNV"].text_vi
    assert got["R2_BAND_HTTNV"].basis == "NĐ 335/2025/NĐ-CP, Điều 20 khoản 2"


def test_discipline_ground_cites_article_20_4_c() -> None:
    got = reasons(cc26(discipline=disc("2026-05-10")))
    assert "10/05/2026" in got["R3_DISCIPLINE"].text_vi
    assert "Điều 20 khoản 4 điểm c" in got["R3_DISCIPLINE"].basis
    assert "R12_DISCIPLINED_IN_YEAR" in got and "R12_LEVEL" in got


def test_discipline_already_counted_is_explained() -> None:
    got = reasons(cc26(discipline=disc("2026-02-01", counted=2025)))
    assert "năm 2025" in got["R7_ALREADY_COUNTED"].text_vi
    assert "R3_DISCIPLINE" not in got
    assert "R12_DISCIPLINED_IN_YEAR" in got  # A4


def test_discipline_of_another_year_is_explained() -> None:
    got = reasons(nd90(discipline=disc("2024-12-31")))
    assert "31/12/2024" in got["R7_OTHER_YEAR"].text_vi
    assert "R6_DISCIPLINE" not in got


def test_private_party_reprimand_is_explained_a9() -> None:
    got = reasons(cc26(discipline=disc("2026-03-01", source="party", duty_related=False)))
    assert "kỷ luật Đảng" in got["R3_NOT_DUTY_RELATED"].text_vi
    assert "(A9)" in got["R3_NOT_DUTY_RELATED"].text_vi


def test_directive_cap_reason_quotes_the_directive() -> None:
    got = reasons(cc26(violations=viol("2026-04-12")))
    assert "văn hóa công sở" in got["R9_DIRECTIVE_CAP"].text_vi
    assert "12/04/2026" in got["R9_DIRECTIVE_CAP"].text_vi
    assert "Tỉnh ủy Lào Cai" in got["R9_DIRECTIVE_CAP"].basis


def test_violations_without_effect_are_explained() -> None:
    got = reasons(cc26(violations=(*viol("2026-04-12", status="dismissed"), *viol("2025-12-31"))))
    assert "đã bác bỏ" in got["R9_NOT_CONFIRMED"].text_vi
    assert "31/12/2025" in got["R9_OTHER_YEAR"].text_vi
    assert "R9_DIRECTIVE_CAP" not in got


def test_nd90_articles_follow_category_and_role() -> None:
    assert reasons(nd90("vien_chuc", tasks_exceeded_share="0.5"))["R4_HTXSNV"].basis.endswith(
        "Điều 12 khoản 1"
    )
    assert reasons(nd90("cong_chuc"))["R4_HTTNV"].basis.endswith("Điều 9 khoản 1")
    leader = reasons(nd90("cong_chuc", is_leader=True, unit=FULL_UNIT))
    assert leader["R5_HTXSNV"].basis.endswith("Điều 8 khoản 2")
    assert reasons(nd90("can_bo", is_leader=True, unit=FULL_UNIT))["R5_HTXSNV"].basis.endswith(
        "Điều 4"
    )
    gap = reasons(nd90(tasks_on_time_share="0.7", criteria_failed_share="0.3"))
    assert "Điều 15" in gap["R4_GAP_KHTNV"].basis and "(A3)" in gap["R4_GAP_KHTNV"].text_vi


def test_regime_reason_names_assumption_a1_for_vien_chuc_in_2026() -> None:
    got = reasons(nd90("vien_chuc", 2026))
    assert got["R1_REGIME_ND90"].text_vi.endswith("(A1).")
    assert "NĐ 48/2023/NĐ-CP" in got["R1_REGIME_ND90"].basis


def test_time_reasons() -> None:
    assert "dưới 06 tháng" in reasons(cc26(months_worked=5))["R8_NOT_RATED"].text_vi
    assert "Điều 21 khoản 3" in reasons(cc26(months_worked=5))["R8_NOT_RATED"].basis
    assert "R8_ABSENCE_CEILING" in reasons(nd90(months_worked=9, months_absent=3))
    assert "R8_MATERNITY_NO_CEILING" in reasons(
        nd90(months_worked=9, months_absent=3, maternity=True)
    )


def test_title_and_freeze_reasons() -> None:
    got = reasons(cc26(recognised_initiative=True, open_case_or_inspection=True))
    assert {"R12_ELIGIBLE", "R13_ELIGIBLE", "R14_AWARD_FROZEN"} <= set(got)
    assert "NĐ 152/2025/NĐ-CP" in got["R14_AWARD_FROZEN"].basis
    fined = reasons(cc26(administrative_fine=True))
    assert "QĐ 14/2024/QĐ-UBND" in fined["R12_ADMINISTRATIVE_FINE"].basis
    assert "R13_NO_LDTT" in fined


def test_no_freeze_reason_when_nothing_is_open() -> None:
    assert "R14_AWARD_FROZEN" not in reasons(cc26())
