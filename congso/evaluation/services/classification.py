"""The annual classification: one run per agency and year, decided through `policy/`.

`classify` gathers every person's inputs (evaluation.gather, a fixed number of queries),
decides each through `policy.engine.decide`, applies the HTXSNV quota per agency and group of
similar tasks (R10/R11: the engine proposes who keeps HTXSNV by points, ties are listed for
the head), computes the titles (R12–R15) and stores each result with its reasons, the rule
set and a snapshot of its inputs. The command `congso classify` and the unit page both call it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import Change, audit_record, audit_record_many
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.evaluation import gather as gathering
from congso.evaluation import rules
from congso.evaluation.models import Result, Run, RunState
from congso.evaluation.rules import EvaluationError
from congso.org.models import OrgUnit, UnitKind
from congso.policy.engine import decide, select_rule_set
from congso.policy.facts import Level, Reason
from congso.policy.registry import PolicyInputError
from congso.policy.switches import DEFAULT_POLICY, Policy
from congso.policy.units import (
    CollectiveFacts,
    QuotaGroup,
    collective_titles,
    cstdcs_quota,
    htxsnv_quota,
)

ENGINE_VERSION = "policy-2026.1"
INCOMPLETE = "incomplete"
DEFAULT_GROUP = "Chung"


@dataclass
class RunSummary:
    """What one agency's run produced (printed by the command, shown by the page)."""

    unit_id: int
    unit_name: str
    people: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    incomplete: int = 0
    run_id: int | None = None


def _policy_json(policy: Policy) -> dict:
    a, p = policy.assumptions, policy.province
    data = {name: getattr(a, name) for name in a.__dataclass_fields__}
    data.update({f"province.{name}": getattr(p, name) for name in p.__dataclass_fields__})
    return data


def check_year(year: int) -> None:
    """A year with no rule set (before NĐ 90/2020) cannot be classified."""
    try:
        select_rule_set("cong_chuc", year)
    except PolicyInputError as exc:
        raise EvaluationError(
            _("Năm %(year)s chưa có bộ quy tắc xếp loại (hệ thống áp dụng từ năm 2020).")
            % {"year": year},
            "year",
        ) from exc


def agencies_under(unit: OrgUnit) -> list[OrgUnit]:
    """The agencies a run covers: `unit` itself when it is an agency, else the agencies below."""
    if unit.kind not in (UnitKind.DIVISION, UnitKind.PROVINCE):
        return [unit]
    return list(
        OrgUnit.unscoped.in_subtree(unit).exclude(kind__in=(UnitKind.DIVISION, UnitKind.PROVINCE))
    )


def _reasons(reasons) -> list[dict]:
    return [{"code": r.code, "text_vi": r.text_vi, "basis": r.basis} for r in reasons]


def decide_person(item: gathering.PersonInputs, policy: Policy) -> Result:
    """One unsaved Result for one person's inputs; an input the rules need and the database
    lacks (no finalised sheet) gives an `incomplete` result naming it."""
    points = None
    if item.facts.common_points is not None and item.facts.task_points is not None:
        points = item.facts.common_points + item.facts.task_points
    base = {
        "unit_id": item.unit_id,
        "person_id": item.person_id,
        "category": item.category,
        "task_group": item.task_group or DEFAULT_GROUP,
        "total_points": points,
        "inputs": item.snapshot(),
    }
    try:
        decision = decide(item.facts, policy)
    except PolicyInputError as exc:
        reason = {
            "code": "INPUT_MISSING",
            "text_vi": "Chưa đủ dữ liệu để xếp loại: chưa có phiếu đánh giá định kỳ nào được "
            f"hoàn tất trong năm ({exc.field}).",
            "basis": "NĐ 335/2025/NĐ-CP, Điều 20; NĐ 90/2020/NĐ-CP, Điều 2",
        }
        return Result(
            **base, proposed=INCOMPLETE, classification=INCOMPLETE, rule_set="", reasons=[reason]
        )
    level = decision.classification
    return Result(
        **base,
        proposed=level,
        classification=level,
        quota_candidate=level == "HTXSNV",
        ldtt_eligible=decision.ldtt_eligible,
        cstdcs_eligible=decision.cstdcs_eligible,
        award_frozen=decision.award_frozen,
        rule_set=decision.rule_set,
        reasons=_reasons(decision.reasons),
    )


def _rank_points(result: Result) -> Decimal:
    if result.total_points is not None:
        return result.total_points
    inputs = result.inputs
    return Decimal(inputs.get("tasks_exceeded_share") or 0)


def apply_quota(results: list[Result], policy: Policy, chosen: dict[str, list[int]] | None = None):
    """R10/R11 per group of similar tasks: who keeps HTXSNV (by points, or the head's recorded
    choice), the others HTTNV with the quota's reason. Returns the quota summary (JSON)."""
    groups: dict[tuple[bool, str], list[Result]] = defaultdict(list)
    for result in results:
        if result.classification in (INCOMPLETE, "not_rated"):
            continue
        groups[(result.rule_set == "nd335_2025", result.task_group)].append(result)
    summary = []
    for (nd335, name), members in sorted(groups.items(), key=lambda item: item[0][1]):
        candidates = [r for r in members if r.quota_candidate]
        httnv = sum(1 for r in members if r.proposed == "HTTNV")
        decision = htxsnv_quota(
            (QuotaGroup(name, httnv, len(candidates), 0, len(members)),), nd335, policy
        )
        allowed = decision.groups[0].allowed
        proposal = rules.propose_kept(
            name, allowed, [(r.person_id, _rank_points(r)) for r in candidates]
        )
        kept = set(chosen.get(name, proposal.kept) if chosen else proposal.kept)
        quota_reason = decision.reasons[-1]
        for result in candidates:
            result.quota_kept = result.person_id in kept
            result.classification = "HTXSNV" if result.quota_kept else "HTTNV"
            result.reasons = [
                r for r in result.reasons if r["code"] not in ("R10_QUOTA", "R10_REFUSED")
            ]
            if not result.quota_kept:
                result.reasons.append(
                    {
                        "code": "R10_REFUSED",
                        "text_vi": quota_reason.text_vi
                        + " Người này không nằm trong số được giữ: xếp hoàn thành tốt nhiệm vụ.",
                        "basis": quota_reason.basis,
                    }
                )
        summary.append(
            {
                "group": name,
                "nd335": nd335,
                "httnv": httnv,
                "candidates": [r.person_id for r in candidates],
                "allowed": allowed,
                "proposed": list(proposal.kept),
                "kept": sorted(kept),
                "ties": list(proposal.ties),
                "reasons": _reasons(decision.reasons),
            }
        )
    return summary


def unit_titles(results: list[Result], collective_level: str, policy: Policy) -> dict:
    """R13 CSTĐCS cap and R15 collective titles for one agency (eligibility only)."""
    rated = [r for r in results if r.classification not in (INCOMPLETE, "not_rated")]
    ldtt = sum(1 for r in rated if r.ldtt_eligible)
    cstdcs = sum(1 for r in rated if r.cstdcs_eligible)
    allowed, cap_reason = cstdcs_quota(ldtt, cstdcs, policy)
    data: dict[str, Any] = {
        "rated": len(rated),
        "ldtt": ldtt,
        "cstdcs_candidates": cstdcs,
        "cstdcs_allowed": allowed,
        "reasons": _reasons([cap_reason]),
        "ttldtt": None,
        "ttldxs": None,
    }
    if collective_level in Level.__members__ and rated:
        facts = CollectiveFacts(
            unit_level=Level[collective_level],
            members_rated=len(rated),
            members_htnv_or_above=sum(
                1 for r in rated if r.classification in ("HTNV", "HTTNV", "HTXSNV")
            ),
            members_ldtt=ldtt,
            members_cstdcs=min(cstdcs, allowed),
        )
        ttldtt, ttldxs, reasons = collective_titles(facts, policy)
        data.update(ttldtt=ttldtt, ttldxs=ttldxs)
        data["reasons"] = data["reasons"] + _reasons(reasons)
    return data


def decide_agency(
    inputs: list[gathering.PersonInputs], policy: Policy, collective_level: str = ""
) -> tuple[list[Result], list[dict], dict]:
    results = [decide_person(item, policy) for item in inputs]
    quota = apply_quota(results, policy)
    return results, quota, unit_titles(results, collective_level, policy)


def _count(results: list[Result]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for result in results:
        counts[result.classification] += 1
    return dict(counts)


def classify(
    *,
    actor: Actor | None,
    year: int,
    unit: OrgUnit,
    dry_run: bool = False,
    policy: Policy = DEFAULT_POLICY,
) -> list[RunSummary]:
    """Classify every agency at or under `unit` for `year` (proposal step). A run already past
    the proposal step is left as it is (`EvaluationError`); a proposal is recomputed."""
    check_year(year)
    agencies = agencies_under(unit)
    for agency in agencies:
        require(actor, Cap.EVALUATION_MANAGE, agency.pk)
    locked = Run.unscoped.filter(unit__in=agencies, year=year).exclude(state=RunState.PROPOSAL)
    if locked.exists():
        names = ", ".join(sorted(r.unit.name for r in locked.select_related("unit")[:5]))
        raise EvaluationError(
            _("Đã qua bước dự kiến, không tính lại được: %(names)s.") % {"names": names}
        )
    by_agency: dict[int, list[gathering.PersonInputs]] = defaultdict(list)
    for item in gathering.gather(year=year, unit=unit):
        by_agency[item.agency_id].append(item)
    summaries: list[RunSummary] = []
    existing = {r.unit_id: r for r in Run.unscoped.filter(unit__in=agencies, year=year)}
    batches: list[tuple[Run, list[Result], RunSummary]] = []
    for agency in agencies:
        run = existing.get(agency.pk)
        results, quota, titles = decide_agency(
            by_agency.get(agency.pk, []), policy, run.collective_level if run else ""
        )
        summary = RunSummary(agency.pk, agency.name, len(results), _count(results))
        summary.incomplete = summary.counts.get(INCOMPLETE, 0)
        summaries.append(summary)
        if dry_run or not results:
            continue
        run = run or Run(unit=agency, year=year)
        run.rule_sets = sorted({r.rule_set for r in results if r.rule_set})
        run.policy = {"engine": ENGINE_VERSION, **_policy_json(policy)}
        run.quota, run.titles = quota, titles
        batches.append((run, results, summary))
    if not dry_run:
        _store(actor, year, batches)
    return summaries


def _store(actor: Actor | None, year: int, batches) -> None:
    """Write every agency's run and results in a fixed number of queries (per batch of rows),
    with one audit row per run."""
    fields = ["rule_sets", "policy", "quota", "titles", "updated_at"]
    with transaction.atomic():
        old = [run for run, _r, _s in batches if run.pk]
        # A proposal has no appeals (they come after publication), so its results go in one
        # DELETE without the collector's cascade walk.
        Result.unscoped.filter(run__in=old)._raw_delete(Result.unscoped.db)
        now = timezone.now()
        for run in old:  # one small UPDATE per agency: cheaper than bulk_update's CASE on JSON
            run.updated_at = now
            Run.unscoped.filter(pk=run.pk).update(**{f: getattr(run, f) for f in fields})
        Run.unscoped.bulk_create([run for run, _r, _s in batches if not run.pk], batch_size=500)
        rows: list[Result] = []
        changes = []
        for run, results, summary in batches:
            for result in results:
                result.run = run
            rows += results
            summary.run_id = run.pk
            changes.append(
                Change(
                    action="evaluation.run_propose",
                    object_type="evaluation.run",
                    object_id=str(run.pk),
                    unit_id=run.unit_id,
                    new={"year": year, "people": len(results), "counts": summary.counts},
                )
            )
        insert_results(rows)
        audit_record_many(actor=actor, changes=changes)


RESULT_COLUMNS = (
    "unit_id", "run_id", "person_id", "category", "task_group", "proposed", "classification",
    "total_points", "quota_candidate", "quota_kept", "ldtt_eligible", "cstdcs_eligible",
    "award_frozen", "rule_set", "reasons", "inputs", "needs_review", "review_note",
)  # fmt: skip
JSON_COLUMNS = frozenset({"reasons", "inputs"})


def insert_results(rows: list[Result], batch: int = 5000) -> None:
    """INSERT the results with executemany: a whole province's results in a few statements
    (bulk_create spends most of its time preparing 20 values per row through the fields)."""
    if not rows:
        return
    table = Result._meta.db_table
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    marks = ", ".join(f"%s{cast}" if c in JSON_COLUMNS else "%s" for c in RESULT_COLUMNS)
    # Table and column names are constants of this module, never input.
    sql = f"INSERT INTO {table} ({', '.join(RESULT_COLUMNS)}) VALUES ({marks})"  # noqa: S608
    dumps = json.dumps
    values = [
        (
            r.unit_id,
            r.run.pk,
            r.person_id,
            r.category,
            r.task_group,
            r.proposed,
            r.classification,
            None if r.total_points is None else str(r.total_points),
            r.quota_candidate,
            r.quota_kept,
            r.ldtt_eligible,
            r.cstdcs_eligible,
            r.award_frozen,
            r.rule_set,
            dumps(r.reasons, ensure_ascii=False),
            dumps(r.inputs, ensure_ascii=False),
            False,
            "",
        )
        for r in rows
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), batch):
            cursor.executemany(sql, values[start : start + batch])


def results_of(run: Run) -> list[Result]:
    return list(run.results.all())


def quota_choose(*, actor: Actor | None, run: Run, group: str, kept: list[int]) -> Run:
    """The head records who keeps HTXSNV in a group: only candidates, at most the allowed
    number (R10/R11); audited with the engine's proposal beside the choice."""
    require(actor, Cap.EVALUATION_APPROVE, run.unit_id)
    if run.state not in (RunState.PROPOSAL, RunState.REVIEWED):
        raise EvaluationError(_("Chỉ chọn người giữ mức xuất sắc trước khi thủ trưởng duyệt."))
    entry = next((g for g in run.quota if g["group"] == group), None)
    if entry is None:
        raise EvaluationError(_("Không có nhóm này trong đợt xếp loại."), "group")
    kept = sorted(set(kept))
    if not set(kept) <= set(entry["candidates"]):
        raise EvaluationError(_("Chỉ chọn trong số người đủ điểm hoàn thành xuất sắc."), "kept")
    if len(kept) > entry["allowed"]:
        raise EvaluationError(
            _("Nhóm “%(group)s” chỉ được giữ tối đa %(n)s người hoàn thành xuất sắc.")
            % {"group": group, "n": entry["allowed"]},
            "kept",
        )
    with transaction.atomic():
        results = list(run.results.select_for_update())
        old = entry["kept"]
        chosen = {g["group"]: g["kept"] for g in run.quota}
        chosen[group] = kept
        run.quota = apply_quota(results, policy_of(run), chosen)
        run.titles = unit_titles(results, run.collective_level, policy_of(run))
        run.save(update_fields=["quota", "titles", "updated_at"])
        Result.unscoped.bulk_update(results, ["classification", "quota_kept", "reasons"])
        audit_record(
            actor=actor,
            action="evaluation.quota_choose",
            obj=run,
            old={"group": group, "kept": old},
            new={"group": group, "kept": kept, "proposed": entry["proposed"]},
        )
    return run


def policy_of(run: Run) -> Policy:
    """The run's policy (the default one; a run records which switches it used)."""
    return DEFAULT_POLICY


def reasons_of(result: Result) -> list[Reason]:
    return [Reason(r["code"], r["text_vi"], r["basis"]) for r in result.reasons]
