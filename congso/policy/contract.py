"""The JSON contract of `congso policy evaluate` (policy.md §1): read a document, decide every
case with the same pure functions the annual classification uses, and build the answer.

`evaluate_document(text)` returns (answer, exit status): 0 all decided, 1 some case erred
(its result is `{"id": …, "error": …}`, the others are still decided), 2 the document itself is
not JSON of the expected shape (`DocumentError`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any, Final

from congso.policy.engine import decide, select_rule_set
from congso.policy.facts import (
    DISCIPLINE_FORMS,
    DISCIPLINE_SOURCES,
    MAX_PLACES,
    CaseFacts,
    Decision,
    Discipline,
    LeaderUnit,
    Level,
    Violation,
)
from congso.policy.registry import PolicyInputError
from congso.policy.switches import DEFAULT_POLICY, Policy
from congso.policy.units import (
    CollectiveFacts,
    QuotaGroup,
    collective_titles,
    cstdcs_quota,
    htxsnv_quota,
)

UNIT_TYPES: Final = ("htxsnv_quota", "cstdcs_quota", "collective_title")
LEVELS: Final = {level.name: level for level in Level}
Json = dict[str, Any]


class DocumentError(ValueError):
    """The document is not JSON of the contract's shape (exit status 2)."""


def _reject_constant(name: str) -> object:
    raise DocumentError(f"Tài liệu không phải JSON hợp lệ: giá trị {name} không được phép.")


def parse_document(text: str) -> tuple[list[object], list[object]]:
    """The two lists of the document; anything else about its shape is a DocumentError."""
    try:
        document = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"Tài liệu không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}): {exc.msg}."
        ) from exc
    except RecursionError as exc:
        raise DocumentError("Tài liệu JSON lồng nhau quá sâu.") from exc
    except ValueError as exc:  # e.g. an integer literal longer than Python converts
        raise DocumentError(f"Tài liệu không phải JSON hợp lệ: {exc}.") from exc
    if not isinstance(document, dict):
        raise DocumentError(
            'Tài liệu phải là một đối tượng JSON dạng {"cases": [...], "unit_cases": [...]}.'
        )
    lists: list[list[object]] = []
    for key in ("cases", "unit_cases"):
        value = document.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list):
            raise DocumentError(f"Trường “{key}” phải là một danh sách (mảng JSON).")
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise DocumentError(f"Phần tử {key}[{index}] phải là một đối tượng JSON.")
        lists.append(value)
    return lists[0], lists[1]


# ---------------------------------------------------------------------------------------------
# Readers: each raises PolicyInputError naming the field (Vietnamese message).
# ---------------------------------------------------------------------------------------------
_MISSING: Final = object()


def _missing(field: str) -> PolicyInputError:
    return PolicyInputError(field, f"Thiếu dữ liệu bắt buộc: {field}.")


def _get(data: Json, key: str, field: str, required: bool) -> object:
    value = data.get(key, _MISSING)
    if value is _MISSING or (value is None and required):
        if required:
            raise _missing(field)
        return None
    return value


def read_bool(data: Json, key: str, prefix: str, default: bool | None = None) -> bool:
    field = f"{prefix}{key}"
    value = _get(data, key, field, default is None)
    if value is None and default is not None:
        return default
    if not isinstance(value, bool):
        raise PolicyInputError(field, f"{field} phải là true hoặc false.")
    return value


def read_decimal(data: Json, key: str, prefix: str, required: bool = True) -> Decimal | None:
    field = f"{prefix}{key}"
    value = _get(data, key, field, required)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise PolicyInputError(field, f"{field} phải là một số.")
    number = Decimal(value)
    if decimal_places(number) > MAX_PLACES:
        raise PolicyInputError(
            field, f"{field} có quá nhiều chữ số thập phân (tối đa {MAX_PLACES})."
        )
    return number


def decimal_places(number: Decimal) -> int:
    """Significant decimal places: 59.990 has 2, 1E-40 has 40, 12 has 0."""
    _, digits, exponent = number.as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return 0
    trailing = len(digits) - len(bytes(digits).rstrip(b"\0"))
    return max(0, -(exponent + trailing))


def read_required_decimal(data: Json, key: str, prefix: str) -> Decimal:
    value = read_decimal(data, key, prefix)
    if value is None:  # pragma: no cover - read_decimal raises first
        raise _missing(f"{prefix}{key}")
    return value


INT_MAX: Final = 10**9  # no count or year is larger; bounds the arithmetic on input


def read_int(data: Json, key: str, prefix: str, minimum: int = 0) -> int:
    field = f"{prefix}{key}"
    value = _get(data, key, field, True)
    if isinstance(value, Decimal) and value.adjusted() < 10 and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyInputError(field, f"{field} phải là một số nguyên.")
    if value < minimum:
        raise PolicyInputError(field, f"{field} phải lớn hơn hoặc bằng {minimum}.")
    if value > INT_MAX:
        raise PolicyInputError(field, f"{field} quá lớn (tối đa {INT_MAX}).")
    return value


def read_date(data: Json, key: str, prefix: str) -> date:
    field = f"{prefix}{key}"
    value = _get(data, key, field, True)
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PolicyInputError(field, f"{field} phải là ngày dạng YYYY-MM-DD (ISO).")


def read_list(data: Json, key: str, prefix: str) -> list[Json]:
    field = f"{prefix}{key}"
    value = _get(data, key, field, True)
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise PolicyInputError(field, f"{field} phải là một danh sách các đối tượng.")
    return value


def read_text(data: Json, key: str, field: str) -> str:
    value = _get(data, key, field, True)
    if not isinstance(value, str) or not value:
        raise PolicyInputError(field, f"{field} phải là một chuỗi ký tự không rỗng.")
    return value


def read_discipline(item: Json, index: int) -> Discipline:
    prefix = f"inputs.discipline[{index}]."
    form = read_text(item, "form", prefix + "form")
    if form not in DISCIPLINE_FORMS:
        raise PolicyInputError(
            prefix + "form",
            f"{prefix}form không hợp lệ: “{form}” (khien_trach, canh_cao, cach_chuc, bai_nhiem, "
            "buoc_thoi_viec).",
        )
    source = read_text(item, "source", prefix + "source")
    if source not in DISCIPLINE_SOURCES:
        raise PolicyInputError(
            prefix + "source",
            f"{prefix}source không hợp lệ: “{source}” (administrative hoặc party).",
        )
    counted = item.get("already_counted_year")
    if counted is not None:
        counted = read_int(item, "already_counted_year", prefix)
    return Discipline(
        form=form,
        effective_date=read_date(item, "effective_date", prefix),
        already_counted_year=counted,
        source=source,
        duty_related=read_bool(item, "duty_related", prefix, default=True),
    )


def read_violation(item: Json, index: int) -> Violation:
    prefix = f"inputs.violations[{index}]."
    return Violation(
        kind=read_text(item, "kind", prefix + "kind"),
        on=read_date(item, "date", prefix),
        status=read_text(item, "status", prefix + "status"),
    )


def read_case(case: Json, policy: Policy) -> CaseFacts:
    """The facts of one CASE (policy.md §3). Inputs every case needs are required; the
    regime's own inputs (points or shares) are checked by the rule set that reads them."""
    year = read_int(case, "year", "", minimum=0)
    category = read_text(case, "category", "category")
    select_rule_set(category, year, policy)  # unknown category or year: the field is named
    is_leader = read_bool(case, "is_leader", "")
    raw = case.get("inputs")
    if not isinstance(raw, dict):
        raise (
            _missing("inputs")
            if raw is None
            else PolicyInputError("inputs", "inputs phải là một đối tượng JSON.")
        )
    p = "inputs."
    unit = None
    if is_leader:
        figures = [
            read_decimal(raw, key, p, required=False)
            for key in (
                "unit_completed_share",
                "unit_on_time_share",
                "unit_exceeded_share",
                "subordinate_units_htnv_plus_share",
                "subordinate_units_httnv_plus_share",
            )
        ]
        if any(value is not None for value in figures):
            unit = LeaderUnit(*figures)
    return CaseFacts(
        year=year,
        category=category,
        is_leader=is_leader,
        months_worked=read_required_decimal(raw, "months_worked", p),
        months_absent=read_required_decimal(raw, "months_absent", p),
        maternity=read_bool(raw, "maternity", p),
        common_points=read_decimal(raw, "common_points", p, required=False),
        task_points=read_decimal(raw, "task_points", p, required=False),
        tasks_on_time_share=read_decimal(raw, "tasks_on_time_share", p, required=False),
        tasks_exceeded_share=read_decimal(raw, "tasks_exceeded_share", p, required=False),
        criteria_failed_share=read_decimal(raw, "criteria_failed_share", p, required=False),
        unit=unit,
        discipline=tuple(
            read_discipline(item, index)
            for index, item in enumerate(read_list(raw, "discipline", p))
        ),
        violations=tuple(
            read_violation(item, index)
            for index, item in enumerate(read_list(raw, "violations", p))
        ),
        administrative_fine=read_bool(raw, "administrative_fine", p),
        recognised_initiative=read_bool(raw, "recognised_initiative", p),
        open_case_or_inspection=read_bool(raw, "open_case_or_inspection", p),
        concluded_degradation=read_bool(raw, "concluded_degradation", p, default=False),
        managed_unit_corruption_handled=read_bool(
            raw, "managed_unit_corruption_handled", p, default=False
        ),
        new_recruit=read_bool(raw, "new_recruit", p, default=False),
    )


def decision_json(case_id: object, decision: Decision) -> Json:
    return {
        "id": case_id,
        "classification": decision.classification,
        "ldtt_eligible": decision.ldtt_eligible,
        "cstdcs_eligible": decision.cstdcs_eligible,
        "award_frozen": decision.award_frozen,
        "rule_set": decision.rule_set,
        "reasons": [reason.as_json() for reason in decision.reasons],
    }


def evaluate_case(case: Json, policy: Policy = DEFAULT_POLICY) -> Json:
    case_id = case.get("id")
    try:
        if case_id is None or isinstance(case_id, bool | dict | list):
            raise PolicyInputError("id", "Thiếu mã trường hợp (id: chuỗi hoặc số).")
        return decision_json(case_id, decide(read_case(case, policy), policy))
    except PolicyInputError as exc:
        return {"id": case_id, "error": exc.message, "field": exc.field}


# ---------------------------------------------------------------------------------------------
# Unit cases
# ---------------------------------------------------------------------------------------------
def _unit_inputs(case: Json) -> Json:
    raw = case.get("inputs")
    if not isinstance(raw, dict):
        raise (
            _missing("inputs")
            if raw is None
            else PolicyInputError("inputs", "inputs phải là một đối tượng JSON.")
        )
    return raw


def _share(raw: Json, prefix: str) -> Decimal | None:
    share = read_decimal(raw, "party_member_htxsnv_share", prefix, required=False)
    if share is not None and not 0 <= share <= 1:
        raise PolicyInputError(
            prefix + "party_member_htxsnv_share",
            f"{prefix}party_member_htxsnv_share phải là tỷ lệ từ 0 đến 1.",
        )
    return share


def evaluate_htxsnv_quota(case: Json, policy: Policy) -> Json:
    raw = _unit_inputs(case)
    year = read_int(case, "year", "", minimum=0)
    category = case.get("category", "cong_chuc")
    nd335 = (
        select_rule_set(category if isinstance(category, str) else "", year, policy).name
        == "nd335_2025"
    )
    groups = []
    items = read_list(raw, "groups", "inputs.")
    if not items:
        raise PolicyInputError("inputs.groups", "inputs.groups phải có ít nhất một nhóm.")
    for index, item in enumerate(items):
        prefix = f"inputs.groups[{index}]."
        candidates = read_int(item, "htxsnv_candidates", prefix)
        capped = (
            read_int(item, "candidates_with_confirmed_culture_violation", prefix)
            if "candidates_with_confirmed_culture_violation" in item
            else 0
        )
        if capped > candidates:
            raise PolicyInputError(
                prefix + "candidates_with_confirmed_culture_violation",
                f"{prefix}candidates_with_confirmed_culture_violation không được lớn hơn "
                "htxsnv_candidates.",
            )
        groups.append(
            QuotaGroup(
                group=read_text(item, "group", prefix + "group"),
                httnv_count=read_int(item, "httnv_count", prefix),
                candidates=candidates,
                capped=capped,
                rated_count=read_int(item, "rated_count", prefix)
                if "rated_count" in item
                else None,
                party_member_htxsnv_share=_share(item, prefix),
            )
        )
    outstanding = read_bool(raw, "outstanding_organisation", "inputs.", default=False)
    decision = htxsnv_quota(tuple(groups), nd335, policy, outstanding)
    return {
        "id": case.get("id"),
        "allowed_htxsnv_total": decision.allowed_total,
        "per_group": [
            {
                "group": group.group,
                "expected_allowed_htxsnv": group.allowed,
                "expected_final": {
                    "HTXSNV": group.final_htxsnv,
                    "HTTNV": group.final_httnv,
                    "HTNV_from_cap": group.htnv_from_cap,
                },
            }
            for group in decision.groups
        ],
        "alt_allowed_total_20pct_of_httnv_only": sum(g.alt_httnv_only for g in decision.groups),
        "alt_allowed_total_20pct_of_httnv_plus_candidates": sum(
            g.alt_httnv_plus_candidates for g in decision.groups
        ),
        "rule_set": decision.rule_set,
        "reasons": [reason.as_json() for reason in decision.reasons],
    }


def evaluate_cstdcs_quota(case: Json, policy: Policy) -> Json:
    raw = _unit_inputs(case)
    allowed, reason = cstdcs_quota(
        read_int(raw, "ldtt_count", "inputs."),
        read_int(raw, "cstdcs_candidates", "inputs."),
        policy,
    )
    return {"id": case.get("id"), "allowed_cstdcs": allowed, "reasons": [reason.as_json()]}


def evaluate_collective_title(case: Json, policy: Policy) -> Json:
    raw = _unit_inputs(case)
    p = "inputs."
    level_name = read_text(raw, "unit_classification", p + "unit_classification")
    if level_name not in LEVELS:
        raise PolicyInputError(
            p + "unit_classification",
            f"inputs.unit_classification không hợp lệ: “{level_name}” (HTXSNV, HTTNV, HTNV, "
            "KHTNV).",
        )
    rated = read_int(raw, "members_rated", p)
    counts = {
        key: read_int(raw, key, p)
        for key in ("members_htnv_or_above", "members_ldtt", "members_cstdcs")
    }
    # Not covered by policy.md (2022 wording unconfirmed): read when given, never tested.
    counts["members_disciplined_canh_cao_or_above"] = (
        read_int(raw, "members_disciplined_canh_cao_or_above", p)
        if raw.get("members_disciplined_canh_cao_or_above") is not None
        else 0
    )
    for key, value in counts.items():
        if value > rated:
            raise PolicyInputError(
                p + key, f"inputs.{key} không được lớn hơn số thành viên được xếp loại ({rated})."
            )
    total = read_int(raw, "members_total", p) if "members_total" in raw else None
    ttldtt, ttldxs, reasons = collective_titles(
        CollectiveFacts(
            unit_level=LEVELS[level_name],
            members_rated=rated,
            members_htnv_or_above=counts["members_htnv_or_above"],
            members_ldtt=counts["members_ldtt"],
            members_cstdcs=counts["members_cstdcs"],
            members_disciplined_canh_cao_or_above=counts["members_disciplined_canh_cao_or_above"],
            movement_and_unity_ok=read_bool(
                raw, "emulation_movement_and_unity_ok", p, default=True
            ),
            members_total=total,
        ),
        policy,
    )
    return {
        "id": case.get("id"),
        "ttldtt_eligible": ttldtt,
        "ttldxs_eligible": ttldxs,
        "reasons": [reason.as_json() for reason in reasons],
    }


UNIT_EVALUATORS: Final[dict[str, Callable[[Json, Policy], Json]]] = {
    "htxsnv_quota": evaluate_htxsnv_quota,
    "cstdcs_quota": evaluate_cstdcs_quota,
    "collective_title": evaluate_collective_title,
}


def evaluate_unit_case(case: Json, policy: Policy = DEFAULT_POLICY) -> Json:
    case_id = case.get("id")
    try:
        if case_id is None or isinstance(case_id, bool | dict | list):
            raise PolicyInputError("id", "Thiếu mã trường hợp (id: chuỗi hoặc số).")
        kind = read_text(case, "type", "type")
        evaluator = UNIT_EVALUATORS.get(kind)
        if evaluator is None:
            raise PolicyInputError(
                "type",
                f"type không hợp lệ: “{kind}” (htxsnv_quota, cstdcs_quota, collective_title).",
            )
        return evaluator(case, policy)
    except PolicyInputError as exc:
        return {"id": case_id, "error": exc.message, "field": exc.field}


def evaluate_document(text: str, policy: Policy = DEFAULT_POLICY) -> tuple[Json, int]:
    """The answer to one document and the exit status (DocumentError: the caller says 2)."""
    cases, unit_cases = parse_document(text)
    results = [evaluate_case(case, policy) for case in cases if isinstance(case, dict)]
    unit_results = [
        evaluate_unit_case(case, policy) for case in unit_cases if isinstance(case, dict)
    ]
    erred = any("error" in item for item in results) or any(
        "error" in item for item in unit_results
    )
    return {"results": results, "unit_results": unit_results}, 1 if erred else 0
