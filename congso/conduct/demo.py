"""Demo data for codes of conduct: every agency's code from the province template, a second
version for some (to show the diff), a few open drafts, and attestations for most staff.

Written in bulk (a few thousand rows in a handful of queries) with one audit row per kind of
bulk write, like org.demo; the services are exercised by the tests, not by the loader.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from congso.common.audit import audit_record
from congso.conduct.in_force import versions_in_force_by_unit
from congso.conduct.models import (
    Attestation,
    Clause,
    CodeOfConduct,
    CodeVersion,
    VersionStatus,
    ViolationCategory,
)
from congso.conduct.template import TEMPLATE_CLAUSES, TEMPLATE_TITLE
from congso.org.models import OrgUnit, Person, UnitKind

FIRST_DAY = date(2025, 7, 1)  # the merged province re-issued every code on the merger day
SECOND_DAY = date(2026, 3, 1)
AGENCY_KINDS = (
    UnitKind.PARTY,
    UnitKind.STATE,
    UnitKind.FRONT,
    UnitKind.ARMED_FORCES,
    UnitKind.PRESS,
    UnitKind.COMMUNE,
)
SECOND_VERSION_SHARE = 0.3
DRAFT_SHARE = 0.1

# Amendments of the second version: clause number -> (new title or None, new text).
AMENDMENTS = {
    "Điều 11": (
        "Không hút thuốc lá, thuốc lá điện tử",
        "Không hút thuốc lá, thuốc lá điện tử, thuốc lá nung nóng trong phòng làm việc, phòng "
        "họp, hội trường và trong toàn bộ khuôn viên cơ quan.",
    ),
    "Điều 14": (
        None,
        "Phát ngôn đúng thẩm quyền và quy định của cơ quan; không đăng, chia sẻ thông tin chưa "
        "được kiểm chứng, thông tin công vụ chưa được phép công bố, nội dung xuyên tạc, phản cảm "
        "trên mạng xã hội; không dùng tài khoản cá nhân để phát ngôn thay cơ quan; giữ gìn hình "
        "ảnh người cán bộ, công chức, viên chức.",
    ),
}
EXTRA_CLAUSE = (
    "Điều 18",
    "Ứng dụng công nghệ thông tin trong phục vụ người dân",
    "Hướng dẫn tổ chức, công dân sử dụng dịch vụ công trực tuyến; tiếp nhận, trả lời phản "
    "ánh qua cổng thông tin của cơ quan đúng thời hạn.",
    "citizen_communication",
)


def _clauses(version: CodeVersion, categories: dict, *, amended: bool) -> list[Clause]:
    rows = []
    for index, item in enumerate(TEMPLATE_CLAUSES, start=1):
        title, text = item.title, item.text
        if amended and item.number in AMENDMENTS:
            new_title, text = AMENDMENTS[item.number]
            title = new_title or title
        rows.append(
            Clause(
                version=version,
                unit_id=version.unit_id,
                number=item.number,
                ordering=index * 10,
                title=title,
                text=text,
                category=categories.get(item.category),
            )
        )
    if amended:
        number, title, text, category = EXTRA_CLAUSE
        rows.append(
            Clause(
                version=version,
                unit_id=version.unit_id,
                number=number,
                ordering=(len(TEMPLATE_CLAUSES) + 1) * 10,
                title=title,
                text=text,
                category=categories.get(category),
            )
        )
    return rows


def _aware(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def load_codes(*, rng: random.Random) -> dict[str, int]:
    """A code for every current agency and commune, published from the merger day."""
    units = list(
        OrgUnit.unscoped.filter(kind__in=AGENCY_KINDS, valid_to__isnull=True)
        .exclude(id__in=CodeOfConduct.unscoped.values("unit_id"))
        .order_by("path")
    )
    codes = CodeOfConduct.unscoped.bulk_create(
        CodeOfConduct(unit=u, title=f"{TEMPLATE_TITLE} — {u.name}"[:300]) for u in units
    )
    categories = {c.code: c for c in ViolationCategory.objects.all()}
    second = {c.pk for c in codes if rng.random() < SECOND_VERSION_SHARE}
    drafts = {c.pk for c in codes if c.pk not in second and rng.random() < DRAFT_SHARE}
    versions: list[CodeVersion] = []
    for code in codes:
        two = code.pk in second
        versions.append(
            CodeVersion(
                code=code,
                unit_id=code.unit_id,
                number=1,
                status=VersionStatus.PUBLISHED,
                effective_from=FIRST_DAY,
                effective_to=SECOND_DAY if two else None,
                published_at=_aware(FIRST_DAY - timedelta(days=rng.randint(3, 20)), rng),
                note="Ban hành theo quy chế mẫu của tỉnh sau hợp nhất",
            )
        )
        if two:
            versions.append(
                CodeVersion(
                    code=code,
                    unit_id=code.unit_id,
                    number=2,
                    status=VersionStatus.PUBLISHED,
                    effective_from=SECOND_DAY,
                    published_at=_aware(SECOND_DAY - timedelta(days=rng.randint(3, 15)), rng),
                    note="Sửa đổi: thuốc lá điện tử, phát ngôn trên mạng xã hội, dịch vụ công",
                )
            )
        if code.pk in drafts:
            versions.append(
                CodeVersion(
                    code=code,
                    unit_id=code.unit_id,
                    number=2,
                    note="Dự thảo sửa đổi, đang lấy ý kiến",
                )
            )
    versions = CodeVersion.unscoped.bulk_create(versions, batch_size=1000)
    clauses: list[Clause] = []
    for version in versions:
        amended = version.number == 2
        clauses.extend(_clauses(version, categories, amended=amended))
    Clause.unscoped.bulk_create(clauses, batch_size=2000)
    counts = {"codes": len(codes), "versions": len(versions), "clauses": len(clauses)}
    audit_record(
        actor=None,
        action="conduct.demo_codes_load",
        object_type="conduct.codeofconduct",
        new=counts,
    )
    return counts


def load_attestations(*, rng: random.Random, today: date) -> int:
    """Most staff attested the version in force; each unit has its own completion rate."""
    paths = dict(OrgUnit.unscoped.filter(valid_to__isnull=True).values_list("id", "path"))
    governing = versions_in_force_by_unit(unit_paths=paths, on=today)
    starts = dict(CodeVersion.unscoped.values_list("id", "effective_from"))
    rate = {unit_id: rng.uniform(0.45, 0.98) for unit_id in paths}
    rows = []
    people = Person.unscoped.filter(is_active=True, unit_id__in=list(paths))
    for person_id, unit_id in people.values_list("id", "unit_id").iterator(chunk_size=5000):
        version_id = governing.get(unit_id)
        if version_id is None or rng.random() > rate[unit_id]:
            continue
        start = max(starts[version_id], today - timedelta(days=300))
        day = start + timedelta(days=rng.randint(0, max(0, min(60, (today - start).days))))
        rows.append(
            Attestation(
                unit_id=unit_id, person_id=person_id, version_id=version_id, at=_aware(day, rng)
            )
        )
    Attestation.unscoped.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    audit_record(
        actor=None,
        action="conduct.demo_attestations_load",
        object_type="conduct.attestation",
        new={"attestations": len(rows)},
    )
    return len(rows)


def load_demo(*, rng: random.Random, log: Callable[[str], None]) -> None:
    counts = load_codes(rng=rng)
    attested = load_attestations(rng=rng, today=timezone.localdate())
    log(
        f"  {counts['codes']} quy chế, {counts['versions']} phiên bản, {counts['clauses']} điều "
        f"khoản, {attested} lượt xác nhận đã đọc"
    )
