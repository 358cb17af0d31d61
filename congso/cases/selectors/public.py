"""What the public may see about a report, by receipt: status, public notes, the thread.

Nothing that identifies anyone: no handler's name, no reporter details, no case number. The
officer concerned is named only once the finding is confirmed and stands (not reversed):
then the page states the verified finding. Public notes are the notes handlers wrote for the
public on each step.
"""

from __future__ import annotations

from congso.cases.choices import CaseKind, ReportKind
from congso.cases.models import CaseEvent, Message, Report
from congso.cases.rules import finding_is_public, public_status
from congso.conduct.models import ViolationCategory
from congso.org.models import OrgUnit, Person


def receipt_view(report: Report) -> dict:
    case = report.case
    notes = []
    if case is not None:
        notes = [
            {"at": event.at, "text": event.public_note}
            for event in CaseEvent.objects.filter(case=case)
            .exclude(public_note="")
            .order_by("at", "id")
        ]
    messages = [
        {"at": m.created_at, "author": m.author, "body": m.body}
        for m in Message.objects.filter(report=report).order_by("created_at", "id")
    ]

    agency = OrgUnit.unscoped.filter(pk=report.unit_id).values_list("name", flat=True).first()
    finding = None
    if case is not None and finding_is_public(case_state=case.state, reversed=case.reversed):
        finding = _finding(case)
    return {
        "kind": str(ReportKind(report.kind).label),
        "finding": finding,
        "agency": agency or "",
        "status": public_status(
            report_status=report.status,
            case_state=case.state if case else None,
            reversed=case.reversed if case else False,
        ),
        "submitted_at": report.created_at,
        "public_notes": notes,
        "messages": messages,
    }


def _finding(case) -> dict:
    person = Person.unscoped.filter(pk=case.person_id).values_list("full_name", flat=True).first()
    category = None
    if case.kind == CaseKind.MISCONDUCT and case.category_id:
        category = (
            ViolationCategory.objects.filter(pk=case.category_id)
            .values_list("name", flat=True)
            .first()
        )
    return {"officer": person or "", "category": category or "", "praise": case.kind == "praise"}


def public_violation_counts(*, unit_path: str, year: int) -> list[tuple[str, int]]:
    """Confirmed violations that stand (the public rule of `finding_is_public`: a finding
    state, not under appeal, not reversed) concluded in `year` in the subtree at `unit_path`,
    counted by category. Aggregates only: no name, no case number. One grouped query."""
    from django.db.models import Count

    from congso.cases.models import Case
    from congso.cases.rules import FINDING_STATES

    states = sorted(s for s in FINDING_STATES if s != "appealed")
    rows = (
        Case.unscoped.filter(
            kind=CaseKind.MISCONDUCT,
            unit__path__startswith=unit_path,
            state__in=states,
            reversed=False,
            confirmed_on__year=year,
        )
        .values("category__name")
        .annotate(n=Count("id"))
        .order_by("-n", "category__name")
    )
    return [(row["category__name"] or "—", row["n"]) for row in rows]
