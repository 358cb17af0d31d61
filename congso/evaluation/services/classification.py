"""The annual classification: one run per agency and year, decided through `policy/`.

`classify` gathers every person's inputs (evaluation.gather, a fixed number of queries),
decides each through `policy.engine.decide`, applies the HTXSNV quota per agency and group of
similar tasks (R10/R11: the engine proposes who keeps HTXSNV by points, ties are listed for
the head), computes the titles (R12–R15) and stores each result with its reasons, the rule
set and a snapshot of its inputs. The command `congso classify` and the unit page both call it.

The run is bulk from end to end (docs/evaluation.md, "The classification pipeline"): the
inputs are read table by table for everyone at once, decided in memory into plain `Outcome`
objects (not model instances), and written with one statement per table (COPY on
PostgreSQL). A run larger than `CHUNK_PEOPLE` is read, decided and written in chunks of
whole agencies inside the same transaction, so memory stays bounded at any size.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import Change, audit_record, audit_record_many
from congso.common.bulk import insert_models, insert_rows
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
# `json.dumps(value, ensure_ascii=False)` without building an encoder per call.
_json_text = json.JSONEncoder(ensure_ascii=False).encode
# A run with more people than this is read, decided and written in chunks of whole agencies
# (the quota is per agency): a fixed number of queries per chunk, bounded memory.
CHUNK_PEOPLE = 50_000


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


class ReasonCache:
    """The stored form of reasons (dicts) and their JSON text, each distinct reason built once
    per run: most reasons ("regime NĐ 335", "eligible for LĐTT") repeat for everyone. The
    dicts are shared between outcomes and never changed (the quota builds new lists)."""

    def __init__(self) -> None:
        self._dicts: dict[Reason, dict] = {}
        self._json: dict[int, str] = {}

    def dicts(self, reasons) -> list[dict]:
        out = []
        for reason in reasons:
            stored = self._dicts.get(reason)
            if stored is None:
                stored = self._dicts[reason] = {
                    "code": reason.code,
                    "text_vi": reason.text_vi,
                    "basis": reason.basis,
                }
                self._json[id(stored)] = _json_text(stored)
            out.append(stored)
        return out

    def dumps(self, reasons: list[dict]) -> str:
        """`json.dumps(reasons, ensure_ascii=False)`, from the cached text where there is one."""
        known = self._json.get
        return "[" + ", ".join(known(id(r)) or _json_text(r) for r in reasons) + "]"


class Outcome:
    """One person's decided result before it is stored: the fields of `Result` a run writes.
    A plain object (building model instances cost more than deciding); `apply_quota` and
    `unit_titles` read the same attribute names on stored `Result`s."""

    __slots__ = (
        "award_frozen",
        "category",
        "classification",
        "cstdcs_eligible",
        "inputs",
        "ldtt_eligible",
        "person_id",
        "proposed",
        "quota_candidate",
        "quota_kept",
        "reasons",
        "rule_set",
        "task_group",
        "total_points",
        "unit_id",
    )

    def __init__(self, item: gathering.PersonInputs, total_points: Decimal | None) -> None:
        self.unit_id = item.unit_id
        self.person_id = item.person_id
        self.category = item.category
        self.task_group = item.task_group or DEFAULT_GROUP
        self.total_points = total_points
        self.inputs = item.snapshot()
        self.quota_candidate = False
        self.quota_kept: bool | None = None
        self.ldtt_eligible = False
        self.cstdcs_eligible = False
        self.award_frozen = False
        self.rule_set = ""
        self.proposed = self.classification = ""
        self.reasons: list[dict] = []


INPUT_MISSING_BASIS = "NĐ 335/2025/NĐ-CP, Điều 20; NĐ 90/2020/NĐ-CP, Điều 2"


def decide_person(
    item: gathering.PersonInputs, policy: Policy, cache: ReasonCache | None = None
) -> Outcome:
    """One person's decided result (not stored); an input the rules need and the database
    lacks (no finalised sheet) gives an `incomplete` result naming it. The same function
    decides a whole run and one person alone (review marking)."""
    facts = item.facts
    points = None
    if facts.common_points is not None and facts.task_points is not None:
        points = facts.common_points + facts.task_points
    outcome = Outcome(item, points)
    try:
        decision = decide(facts, policy)
    except PolicyInputError as exc:
        outcome.proposed = outcome.classification = INCOMPLETE
        outcome.reasons = [
            {
                "code": "INPUT_MISSING",
                "text_vi": "Chưa đủ dữ liệu để xếp loại: chưa có phiếu đánh giá định kỳ nào "
                f"được hoàn tất trong năm ({exc.field}).",
                "basis": INPUT_MISSING_BASIS,
            }
        ]
        return outcome
    level = decision.classification
    outcome.proposed = outcome.classification = level
    outcome.quota_candidate = level == "HTXSNV"
    outcome.ldtt_eligible = decision.ldtt_eligible
    outcome.cstdcs_eligible = decision.cstdcs_eligible
    outcome.award_frozen = decision.award_frozen
    outcome.rule_set = decision.rule_set
    outcome.reasons = (cache or ReasonCache()).dicts(decision.reasons)
    return outcome


def _rank_points(result: Outcome | Result) -> Decimal:
    if result.total_points is not None:
        return result.total_points
    inputs = result.inputs
    return Decimal(inputs.get("tasks_exceeded_share") or 0)


def apply_quota(
    results: Sequence[Outcome | Result],
    policy: Policy,
    chosen: dict[str, list[int]] | None = None,
):
    """R10/R11 per group of similar tasks: who keeps HTXSNV (by points, or the head's recorded
    choice), the others HTTNV with the quota's reason. Returns the quota summary (JSON)."""
    groups: dict[tuple[bool, str], list[Outcome | Result]] = defaultdict(list)
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


def unit_titles(results: Sequence[Outcome | Result], collective_level: str, policy: Policy) -> dict:
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
    inputs: list[gathering.PersonInputs],
    policy: Policy,
    collective_level: str = "",
    cache: ReasonCache | None = None,
) -> tuple[list[Outcome], list[dict], dict]:
    cache = cache or ReasonCache()
    results = [decide_person(item, policy, cache) for item in inputs]
    quota = apply_quota(results, policy)
    return results, quota, unit_titles(results, collective_level, policy)


def _count(results: list[Outcome]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for result in results:
        counts[result.classification] += 1
    return dict(counts)


@dataclass
class _Chunk:
    """What one chunk of a run decided: per agency its run (unsaved when new), its outcomes and
    its summary; the reasons' cache serialises them."""

    runs: list[tuple[Run, list[Outcome], RunSummary]]
    cache: ReasonCache


def plan_chunks(
    unit: OrgUnit, agencies: list[OrgUnit], units: dict[int, tuple[int | None, str]]
) -> list[list[int] | None]:
    """The unit ids each chunk reads: `[None]` (the whole subtree at once) when everyone fits
    in `CHUNK_PEOPLE`, else whole agencies (with their divisions and the agencies under them)
    packed up to that size."""
    counts = gathering.people_per_unit(unit)
    if sum(counts.values()) <= CHUNK_PEOPLE:
        return [None]
    wanted = {agency.pk for agency in agencies}
    members: dict[int, list[int]] = defaultdict(list)
    sizes: dict[int, int] = defaultdict(int)
    for unit_id, n in counts.items():
        # The topmost agency above the unit (below the run's unit): an agency and every agency
        # under it share a chunk, so a leader's unit figures see the whole unit led.
        top: int | None = None
        node: int | None = unit_id
        while node is not None:
            if node in wanted:
                top = node
            if node == unit.pk:
                break
            node = units[node][0] if node in units else None
        if top is not None:
            members[top].append(unit_id)
            sizes[top] += n
    chunks: list[list[int] | None] = []
    current: list[int] = []
    size = 0
    for agency_id in sorted(members):
        if current and size + sizes[agency_id] > CHUNK_PEOPLE:
            chunks.append(current)
            current, size = [], 0
        current += members[agency_id]
        size += sizes[agency_id]
    if current:
        chunks.append(current)
    return chunks


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
    existing = {r.unit_id: r for r in Run.unscoped.filter(unit__in=agencies, year=year)}
    summaries = {a.pk: RunSummary(a.pk, a.name) for a in agencies}
    units = gathering.unit_map()
    chunks = plan_chunks(unit, agencies, units)

    def decided():
        for chunk in chunks:
            by_agency: dict[int, list[gathering.PersonInputs]] = defaultdict(list)
            for item in gathering.gather(year=year, unit=unit, unit_ids=chunk, units=units):
                by_agency[item.agency_id].append(item)
            cache = ReasonCache()
            runs = []
            for agency in agencies:
                items = by_agency.get(agency.pk)
                if not items:
                    continue
                run = existing.get(agency.pk)
                results, quota, titles = decide_agency(
                    items, policy, run.collective_level if run else "", cache
                )
                summary = summaries[agency.pk]
                summary.people, summary.counts = len(results), _count(results)
                summary.incomplete = summary.counts.get(INCOMPLETE, 0)
                run = run or Run(unit=agency, year=year)
                run.rule_sets = sorted({r.rule_set for r in results if r.rule_set})
                run.policy = {"engine": ENGINE_VERSION, **_policy_json(policy)}
                run.quota, run.titles = quota, titles
                runs.append((run, results, summary))
            yield _Chunk(runs, cache)

    if dry_run:
        for _chunk in decided():
            pass
        return list(summaries.values())
    batches: Iterable[_Chunk] = decided()
    if len(chunks) == 1:
        # Read and decide before the write transaction (SQLite holds its one write lock for
        # the whole transaction); larger runs interleave, one chunk in memory at a time.
        batches = list(batches)
    changes: list[Change] = []
    with transaction.atomic():
        for batch in batches:
            changes += _store(year, batch)
        audit_record_many(actor=actor, changes=changes)
    return list(summaries.values())


RUN_FIELDS = ("rule_sets", "policy", "quota", "titles", "updated_at")


def _store(year: int, chunk: _Chunk) -> list[Change]:
    """Write one chunk's runs and results in a fixed number of statements: one DELETE of the
    old proposals' results, one UPDATE (executemany) of the runs recomputed, one INSERT of the
    new runs, one INSERT (COPY) of every result. Returns the audit rows to record."""
    now = timezone.now()
    old = [run for run, _r, _s in chunk.runs if run.pk]
    if old:
        # A proposal has no appeals (they come after publication), so its results go in one
        # DELETE without the collector's cascade walk.
        Result.unscoped.filter(run__in=old)._raw_delete(Result.unscoped.db)
        fields = [f for f in Run._meta.concrete_fields if f.name in RUN_FIELDS]
        for run in old:
            run.updated_at = now
        assignments = ", ".join(f"{connection.ops.quote_name(str(f.column))} = %s" for f in fields)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {Run._meta.db_table} SET {assignments} WHERE id = %s",  # noqa: S608
                [
                    [f.get_db_prep_save(getattr(run, f.attname), connection) for f in fields]
                    + [run.pk]
                    for run in old
                ],
            )
    fresh = [run for run, _r, _s in chunk.runs if not run.pk]
    if fresh:
        # One INSERT, then the new ids by (unit, year), unique: bulk_create would split the
        # runs into INSERTs of a few dozen on SQLite.
        insert_models(Run, fresh)
        ids = dict(
            Run.unscoped.filter(year=year, unit_id__in=[run.unit_id for run in fresh])
            .order_by()
            .values_list("unit_id", "id")
        )
        for run in fresh:
            run.pk, run._state.adding = ids[run.unit_id], False
    insert_rows(Result._meta.db_table, RESULT_COLUMNS, _result_rows(chunk))
    changes = []
    for run, results, summary in chunk.runs:
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
    return changes


RESULT_COLUMNS = (
    "unit_id", "run_id", "person_id", "category", "task_group", "proposed", "classification",
    "total_points", "quota_candidate", "quota_kept", "ldtt_eligible", "cstdcs_eligible",
    "award_frozen", "rule_set", "reasons", "inputs", "needs_review", "review_note",
)  # fmt: skip


def _result_rows(chunk: _Chunk) -> Iterator[tuple]:
    """The chunk's results as rows of RESULT_COLUMNS (JSON columns as JSON text), produced
    while they are written."""
    dumps, reasons = _json_text, chunk.cache.dumps
    for run, results, _summary in chunk.runs:
        run_id = run.pk
        for r in results:
            yield (
                r.unit_id,
                run_id,
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
                reasons(r.reasons),
                dumps(r.inputs),
                False,
                "",
            )


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
