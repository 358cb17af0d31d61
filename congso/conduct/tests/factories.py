"""Test data builders for codes of conduct (direct rows; services are tested separately)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from congso.conduct.models import (
    Clause,
    CodeOfConduct,
    CodeVersion,
    VersionStatus,
    ViolationCategory,
)


def make_code(unit, *, title: str = "Quy chế văn hóa công sở") -> CodeOfConduct:
    return CodeOfConduct.unscoped.create(unit=unit, title=title)


def make_version(
    code: CodeOfConduct,
    *,
    number: int = 1,
    effective_from: date | None = date(2025, 1, 1),
    effective_to: date | None = None,
    published: bool = True,
    clauses: list[tuple[str, str]] = (("Điều 1", "smoking"),),
) -> CodeVersion:
    """A version of `code` with one clause per (number, category code) pair."""
    version = CodeVersion.unscoped.create(
        code=code,
        unit_id=code.unit_id,
        number=number,
        effective_from=effective_from,
        effective_to=effective_to,
        status=VersionStatus.PUBLISHED if published else VersionStatus.DRAFT,
        published_at=timezone.now() if published else None,
    )
    for index, (clause_number, category_code) in enumerate(clauses, start=1):
        Clause.unscoped.create(
            version=version,
            unit_id=code.unit_id,
            number=clause_number,
            ordering=index * 10,
            title=f"{clause_number} ({category_code})",
            text=f"Nội dung {clause_number}",
            category=ViolationCategory.objects.get(code=category_code) if category_code else None,
        )
    return version
