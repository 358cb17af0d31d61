"""The demo province: Lào Cai after the 1 July 2025 merger, with synthetic staff.

`load_province(rng=, log=, staff_count=)` builds, as one transaction, the org tree from the
reference CSVs in `congso/org/data/` (agencies, the 99 communes and wards), the divisions and
public-service units below them, a few former units that ended on 01/7/2025, service counters,
about 30,000 synthetic people with their assignments, and one login per role. Electronic codes
follow the QĐ 20/2020/QĐ-TTg shape with the province group H15, but are illustrative, not the
codes the Ministry issued. Decisions and figures: docs/demo.md.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from congso.accounts.services import grant_role
from congso.common.audit import audit_record
from congso.common.permissions import SECOND_FACTOR_ROLES, Role
from congso.org.demo.people import allocate, draw_name, draw_person, profiles, read_csv
from congso.org.models import Assignment, CategoryRecord, OrgUnit, Person, UnitKind
from congso.org.services import counter_create, person_create, unit_create

PROVINCE_NAME = "Tỉnh Lào Cai"
MERGER_DAY = date(2025, 7, 1)
PROVINCE_GROUP = "H15"  # the merged province kept the former Yên Bái code 15 (data/README.md)
DEFAULT_STAFF = 30_000
CENTRE_LOCATION = "Trung tâm Phục vụ hành chính công tỉnh, phường Yên Bái"

Log = Callable[[str], None]


# Below every commune or ward: (name, kind, weight, profile, serves citizens). The commune
# unit itself stands for the commune's People's Committee (UBND xã/phường): docs/demo.md.
COMMUNE_PARTS = (
    ("Văn phòng HĐND và UBND", UnitKind.DIVISION, 14, "commune", False),
    ("Phòng Kinh tế", UnitKind.DIVISION, 10, "commune", False),
    ("Phòng Văn hóa – Xã hội", UnitKind.DIVISION, 9, "commune", False),
    ("Trung tâm Phục vụ hành chính công", UnitKind.PUBLIC_SERVICE, 8, "counter", True),
    ("Trạm Y tế", UnitKind.PUBLIC_SERVICE, 9, "health", True),
    ("Trường Mầm non", UnitKind.PUBLIC_SERVICE, 20, "school", False),
    ("Trường Tiểu học", UnitKind.PUBLIC_SERVICE, 30, "school", False),
    ("Trường Trung học cơ sở", UnitKind.PUBLIC_SERVICE, 26, "school", False),
)
COMMUNE_WEIGHT = 7  # the commune's own leaders (chủ tịch, phó chủ tịch)

# Former units, ended by the merger (valid_to = 01/7/2025), to show history.
FORMER_UNITS = (
    ("Ủy ban nhân dân tỉnh Yên Bái", None, "UBND tỉnh"),
    ("Sở Nội vụ tỉnh Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái", "SNV"),
    ("Sở Y tế tỉnh Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái", "SYT"),
    ("Sở Giáo dục và Đào tạo tỉnh Yên Bái", "Ủy ban nhân dân tỉnh Yên Bái", "SGDĐT"),
    ("Ủy ban nhân dân thành phố Yên Bái", None, None),
    ("Ủy ban nhân dân huyện Bát Xát", None, None),
    ("Ủy ban nhân dân thị xã Sa Pa", None, None),
    ("Ủy ban nhân dân huyện Mù Cang Chải", None, None),
)


@dataclass(frozen=True)
class DemoAccount:
    """One demo login: who, with which role, on which unit (by CSV short name or commune)."""

    username: str
    role: str
    grant_on: str  # short name of an agency, "ROOT", or "COMMUNE" (the demo commune)
    person_unit: str  # short name, "<short>/<division>", or "COMMUNE/<part>"
    position: str

    @property
    def password(self) -> str:
        # Fixed and printed: demo only. Production accounts are created by the administrator.
        return f"{self.username}-demo-2026"


@cache
def demo_accounts() -> tuple[DemoAccount, ...]:
    """One login per role (data/demo-accounts.csv)."""
    return tuple(DemoAccount(**row) for row in read_csv("demo-accounts.csv"))


TOTP_ROLES = SECOND_FACTOR_ROLES  # the demo prints a TOTP key for each such login
DEMO_COMMUNE = "Phường Yên Bái"  # the provincial centre; home of the "canbo" login


def province_root() -> OrgUnit | None:
    """The demo province's root unit, or None when the demo was never loaded."""
    return OrgUnit.unscoped.filter(
        parent__isnull=True, kind=UnitKind.PROVINCE, name=PROVINCE_NAME
    ).first()


def is_loaded() -> bool:
    return province_root() is not None


# ----------------------------------------------------------------------------- units


@dataclass
class _Tree:
    root: OrgUnit
    by_short: dict[str, OrgUnit]
    children: dict[str, dict[str, OrgUnit]]  # short name -> division name -> unit
    communes: list[OrgUnit]
    commune_parts: dict[int, dict[str, OrgUnit]]
    former: dict[str, OrgUnit]  # short name of successor -> former unit
    staffing: list[tuple[OrgUnit, float, str]]  # (unit, weight, profile)


def _code(level3: int, level2: int, level4: int = 0) -> str:
    return f"{level4:03d}.{level3:02d}.{level2:02d}.{PROVINCE_GROUP}"


def _unit(name: str, kind: str, parent: OrgUnit | None, **fields) -> OrgUnit:
    return unit_create(actor=None, name=name, kind=kind, parent=parent, **fields)


def _build_agencies(tree: _Tree) -> None:
    staffing = {row["short_name"]: row for row in read_csv("demo-agency-staffing.csv")}
    by_name: dict[str, OrgUnit] = {}
    level2 = 0
    for row in read_csv("lao-cai-agencies.csv"):
        extra = staffing[row["short_name"]]
        if row["short_name"] == "UBND tỉnh":
            code = _code(0, 0)  # QĐ 20/2020: 000.00.00.Hxx is the provincial People's Committee
        else:
            level2 += 1
            code = _code(0, level2)
        parent = by_name[row["parent"]] if row["parent"] else tree.root
        unit = _unit(
            row["name"],
            row["kind"],
            parent,
            short_name=row["short_name"],
            code=code,
            valid_from=MERGER_DAY,
            serves_citizens=extra["serves_citizens"] == "yes",
            note=f"Mức xác nhận nguồn: {row['confirmed']}",
        )
        by_name[row["name"]] = unit
        tree.by_short[row["short_name"]] = unit
        tree.staffing.append((unit, float(extra["weight"]), extra["profile"]))
    level3: dict[str, int] = {}
    for row in read_csv("demo-subunits.csv"):
        parent = tree.by_short[row["parent"]]
        level3[row["parent"]] = level3.get(row["parent"], 0) + 1
        unit = _unit(
            row["name"],
            row["kind"],
            parent,
            code=_code(level3[row["parent"]], int(parent.code.split(".")[2])),
            valid_from=MERGER_DAY,
            serves_citizens=row["serves_citizens"] == "yes",
        )
        tree.children.setdefault(row["parent"], {})[row["name"]] = unit
        tree.staffing.append((unit, float(row["weight"]), row["profile"]))


def _build_communes(tree: _Tree) -> None:
    for index, row in enumerate(read_csv("lao-cai-communes.csv"), start=1):
        is_ward = row["kind"] == "phuong"
        label = "phường" if is_ward else "xã"
        place = row["name"].split(" ", 1)[1]
        commune = _unit(
            row["name"],
            UnitKind.COMMUNE,
            tree.root,
            short_name=f"UBND {label} {place}",
            code=_code(index, 99),
            statistical_code=row["code"],
            valid_from=MERGER_DAY,
            serves_citizens=True,
            note=f"Hình thành từ: {row['formed_from']} (tỉnh {row['former_province']} cũ)"[:500],
        )
        tree.communes.append(commune)
        tree.staffing.append((commune, COMMUNE_WEIGHT, "commune"))
        parts: dict[str, OrgUnit] = {}
        for level4, (part, kind, weight, profile, serves) in enumerate(COMMUNE_PARTS, start=1):
            name = part
            if part == "Phòng Kinh tế" and is_ward:
                name = "Phòng Kinh tế, Hạ tầng và Đô thị"
            name = f"{name} {label} {place}"
            unit = _unit(
                name,
                kind,
                commune,
                code=_code(index, 99, level4),
                valid_from=MERGER_DAY,
                serves_citizens=serves,
            )
            parts[part] = unit
            tree.staffing.append((unit, weight, profile))
        tree.commune_parts[commune.pk] = parts


def _build_former(tree: _Tree) -> None:
    by_name: dict[str, OrgUnit] = {}
    for name, parent_name, successor in FORMER_UNITS:
        unit = _unit(
            name,
            UnitKind.STATE,
            by_name[parent_name] if parent_name else tree.root,
            valid_from=date(2004, 1, 1) if parent_name is None else date(2008, 4, 1),
            valid_to=MERGER_DAY,
            note="Chấm dứt hoạt động từ 01/7/2025 khi hợp nhất tỉnh và bỏ cấp huyện.",
        )
        by_name[name] = unit
        if successor:
            tree.former[successor] = unit


def _build_counters(tree: _Tree, log: Log) -> int:
    """One counter per department at the provincial centre; one or two at every commune."""
    staffing = {row["short_name"]: row for row in read_csv("demo-agency-staffing.csv")}
    count = 0
    for short, row in staffing.items():
        if row["counter"] != "yes":
            continue
        unit = tree.by_short[short]
        label = short if short != "TTPVHCC tỉnh" else "Hướng dẫn, tiếp nhận chung"
        counter_create(actor=None, unit=unit, name=f"Quầy {label}", location=CENTRE_LOCATION)
        count += 1
    for index, commune in enumerate(tree.communes):
        centre = tree.commune_parts[commune.pk]["Trung tâm Phục vụ hành chính công"]
        desks = 2 if commune.name.startswith("Phường") or index % 3 == 0 else 1
        for desk in range(1, desks + 1):
            counter_create(actor=None, unit=centre, name=f"Quầy số {desk}", location=commune.name)
            count += 1
    log(f"  {count} quầy phục vụ")
    return count


# ----------------------------------------------------------------------------- people


def _build_people(tree: _Tree, rng: random.Random, staff_count: int, log: Log) -> int:
    counts = allocate(staff_count, [w for _u, w, _p in tree.staffing])
    counter_units = {
        tree.by_short[row["short_name"]].pk
        for row in read_csv("demo-agency-staffing.csv")
        if row["counter"] == "yes"
    }
    former_of = {tree.by_short[s].pk: unit for s, unit in tree.former.items()}
    for short, unit in tree.former.items():
        for child in tree.children.get(short, {}).values():
            former_of[child.pk] = unit
    people: list[Person] = []
    serial = 0
    for (unit, _w, profile_name), n in zip(tree.staffing, counts, strict=True):
        profile = profiles()[profile_name]
        for i in range(n):
            serial += 1
            person = draw_person(rng, profile, unit, f"LC{serial:06d}")
            if unit.pk in counter_units and i < 2:  # seconded to the provincial centre
                person.serves_citizens, person.is_leader = True, False
                person.position = "Công chức tiếp nhận hồ sơ tại Trung tâm PVHCC tỉnh"
            people.append(person)
    Person.objects.bulk_create(people, batch_size=1000)
    assignments = []
    for person in people:
        former = former_of.get(person.unit_id)
        if former is not None and rng.random() < 0.3:
            start = date(rng.randint(2005, 2022), rng.choice((1, 4, 7, 10)), 1)
            assignments.append(
                Assignment(
                    person=person,
                    unit=former,
                    position=person.position,
                    start_date=start,
                    end_date=MERGER_DAY,
                )
            )
        assignments.append(
            Assignment(
                person=person, unit=person.unit, position=person.position, start_date=MERGER_DAY
            )
        )
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    first: dict[int, date] = {}
    for a in assignments:
        first[a.person_id] = min(a.start_date, first.get(a.person_id, a.start_date))
    CategoryRecord.objects.bulk_create(
        [
            CategoryRecord(person=p, unit=p.unit, category=p.category, valid_from=first[p.pk])
            for p in people
        ],
        batch_size=2000,
    )
    audit_record(
        actor=None,
        action="org.demo_people_load",
        object_type="org.person",
        unit_id=tree.root.pk,
        new={"people": len(people), "assignments": len(assignments)},
    )
    log(f"  {len(people)} cán bộ, {len(assignments)} quá trình công tác")
    return serial


# ----------------------------------------------------------------------------- logins


def _account_unit(tree: _Tree, where: str) -> OrgUnit:
    if where == "ROOT":
        return tree.root
    demo_commune = next(c for c in tree.communes if c.name == DEMO_COMMUNE)
    if where == "COMMUNE":
        return demo_commune
    if where.startswith("COMMUNE/"):
        return tree.commune_parts[demo_commune.pk][where.split("/", 1)[1]]
    if "/" in where:
        short, division = where.split("/", 1)
        return tree.children[short][division]
    return tree.by_short[where]


def _password_hashes() -> dict[str, str]:
    """Argon2 hashes of the demo passwords, computed in parallel (the C code releases the
    GIL): nine sequential hashes were a noticeable part of the demo's load time."""
    accounts = demo_accounts()
    with ThreadPoolExecutor(max_workers=4) as pool:
        hashes = pool.map(make_password, [account.password for account in accounts])
        return dict(zip([account.username for account in accounts], hashes, strict=True))


def _build_logins(tree: _Tree, rng: random.Random, serial: int) -> None:
    user_model = get_user_model()
    hashes = _password_hashes()
    for account in demo_accounts():
        home = _account_unit(tree, account.person_unit)
        serial += 1
        sex = "F" if rng.random() < 0.45 else "M"
        if account.role == Role.SOCIAL_MONITOR:
            # An organisation's account (the Front, a newspaper), not a staff member's: no
            # person record, so it has no rows "about itself" (cases, ratings) to open.
            user = user_model.objects.create_user(username=account.username, password=None)
            user.password = hashes[account.username]
            user.organisation_name = tree.by_short["UBMTTQ tỉnh"].name
            user.save(update_fields=["password", "organisation_name"])
            grant_role(
                actor=None,
                user=user,
                role=account.role,
                unit_id=_account_unit(tree, account.grant_on).pk,
            )
            continue
        person = person_create(
            actor=None,
            unit=home,
            start_date=MERGER_DAY,
            staff_code=f"LC{serial:06d}",
            full_name=draw_name(rng, sex),
            sex=sex,
            birth_year=rng.randint(1970, 1992),
            category="can_bo" if account.role == Role.LEADERSHIP else "cong_chuc",
            is_party_member=True,
            position=account.position,
            is_leader=account.role in (Role.LEADERSHIP, Role.UNIT_HEAD),
            serves_citizens=account.role == Role.STAFF,
        )
        user = user_model.objects.create_user(
            username=account.username, password=None, person=person
        )
        user.password = hashes[account.username]
        user.save(update_fields=["password"])
        grant_role(
            actor=None,
            user=user,
            role=account.role,
            unit_id=_account_unit(tree, account.grant_on).pk,
        )
        if account.role in TOTP_ROLES:
            # Unconfirmed: the second-factor page still shows the QR code on first login; the
            # secret is printed too, so a tester without a phone can compute codes.
            TOTPDevice.objects.create(user=user, name="default", confirmed=False)


@dataclass(frozen=True)
class LoginRow:
    username: str
    password: str
    role: str
    unit: str
    person: str
    totp_secret: str = ""


def demo_logins() -> list[LoginRow]:
    """The demo logins as stored (for printing after every `congso demo`)."""
    import base64

    user_model = get_user_model()
    rows = []
    for account in demo_accounts():
        user = user_model.objects.filter(username=account.username).select_related("person").first()
        if user is None:
            continue
        grant = user.grants.select_related("unit").filter(role=account.role).first()
        device = TOTPDevice.objects.filter(user=user).order_by("id").first()
        secret = ""
        if account.role in TOTP_ROLES and device is not None:
            secret = base64.b32encode(device.bin_key).decode("ascii")
        rows.append(
            LoginRow(
                username=account.username,
                password=account.password,
                role=str(Role(account.role).label),
                unit=grant.unit.name if grant else "",
                person=user.person.full_name if user.person else "",
                totp_secret=secret,
            )
        )
    return rows


# ----------------------------------------------------------------------------- entry point


def load_province(*, rng: random.Random, log: Log, staff_count: int = DEFAULT_STAFF) -> OrgUnit:
    """Build the whole demo province in one transaction; returns the root unit."""
    with transaction.atomic():
        root = _unit(
            PROVINCE_NAME,
            UnitKind.PROVINCE,
            None,
            statistical_code="15",
            valid_from=MERGER_DAY,
            note="Hợp nhất tỉnh Lào Cai và tỉnh Yên Bái từ 01/7/2025 (dữ liệu minh họa).",
        )
        tree = _Tree(root, {}, {}, [], {}, {}, [])
        _build_agencies(tree)
        _build_communes(tree)
        _build_former(tree)
        log(f"  {OrgUnit.unscoped.in_subtree(root).count()} đơn vị")
        _build_counters(tree, log)
        serial = _build_people(tree, rng, staff_count, log)
        _build_logins(tree, rng, serial)
    return root
