"""`congso bench import-staff`: the staff list import, 30 000 rows, end to end.

Builds a province tree (40 agencies with a division each, 100 communes) in the throw-away
database, writes a 30 000-row xlsx (2 000 with --quick) with openpyxl, then times
`congso import-staff`'s function `staff_import` from the open file to the committed
transaction (reading, checking, writing, audit rows), three times:
1. first import: every row creates a person, an assignment and an audit row;
2. the same file again: every row is matched and found unchanged (nothing written);
3. a changed file: 10 % of the rows change a field and 5 % move to another unit.
Target: 30 000 rows in under 60 seconds (issue 2, point 11).
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from congso.org.imports.columns import CATEGORY_LABELS, COLUMNS, SHEET_NAME
from congso.org.imports.runner import ImportReport, staff_import
from congso.org.services import unit_create

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Giàng", "Lò", "Sùng", "Hà"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "A", "Seo", "Quang", "Ngọc", "Thanh"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hoa", "Mai", "Páo", "Sử", "Tùng", "Yến", "Lan", "Phú"]
POSITIONS = ["Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng", "Văn thư"]


def build_province() -> list[str]:
    """Create the tree; return what to type in "Mã đơn vị" for each unit staff may work in."""
    root = unit_create(actor=None, name="Tỉnh Lào Cai (thử tải)", kind="province")
    values: list[str] = []
    for index in range(1, 41):
        agency = unit_create(
            actor=None,
            name=f"Sở thử nghiệm số {index}",
            kind="state",
            parent=root,
            code=f"000.00.{index:02d}.H38",
        )
        division = unit_create(
            actor=None, name=f"Phòng thuộc sở số {index}", kind="division", parent=agency
        )
        values += [agency.code, str(division.pk)]  # a division has no code: its id is used
    for index in range(1, 101):
        commune = unit_create(
            actor=None,
            name=f"Xã thử nghiệm số {index}",
            kind="commune",
            parent=root,
            code=f"{index:03d}.01.99.H38",
        )
        values.append(commune.code)
    return values


def make_rows(n: int, units: list[str], rng: random.Random) -> list[list[object]]:
    rows = []
    categories = list(CATEGORY_LABELS.values())
    for index in range(n):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        rows.append(
            [
                f"LC{index + 1:06d}",
                name,
                rng.choice(["Nam", "Nữ"]),
                rng.randint(1966, 2003),
                rng.choice(categories),
                rng.choice(["Có", "Không"]),
                rng.choice(POSITIONS),
                rng.choice(["Có", "Không", "Không", "Không"]),
                rng.choice(["Có", "Không"]),
                rng.choice(units),
                date(rng.randint(2000, 2024), rng.randint(1, 12), rng.randint(1, 28)),
            ]
        )
    return rows


def write_xlsx(path: Path, rows: list[list[object]]) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_NAME)
    sheet.append([column.header for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def timed_import(path: Path) -> tuple[ImportReport, float]:
    start = time.perf_counter()
    with open(path, "rb") as source:
        report = staff_import(actor=None, source=source, filename=path.name)
    seconds = time.perf_counter() - start
    if not report.ok:
        raise RuntimeError(f"import failed: {report.summary()} {report.errors[:5]}")
    return report, seconds


def changed_rows(rows: list[list[object]], units: list[str], rng: random.Random) -> None:
    """Change a field in 10 % of the rows and move 5 % to another unit, from 2025 on."""
    for row in rng.sample(rows, len(rows) // 10):
        row[6] = "Chuyên viên cao cấp" if row[6] != "Chuyên viên cao cấp" else "Chuyên viên"
    for row in rng.sample(rows, len(rows) // 20):
        row[9] = rng.choice([unit for unit in units if unit != row[9]])
        row[10] = date(2025, 7, 1)


def run(options: dict) -> dict:
    n = options.get("rows") or (2_000 if options.get("quick") else 30_000)
    rng = random.Random(20251125)
    units = build_province()
    rows = make_rows(n, units, rng)
    with tempfile.TemporaryDirectory(prefix="congso-import-") as tmp:
        first_path, changed_path = Path(tmp) / "can-bo.xlsx", Path(tmp) / "can-bo-sua.xlsx"
        write_xlsx(first_path, rows)
        file_bytes = first_path.stat().st_size
        changed_rows(rows, units, rng)
        write_xlsx(changed_path, rows)
        first, seconds = timed_import(first_path)
        again, again_seconds = timed_import(first_path)
        changed, changed_seconds = timed_import(changed_path)
    return {
        "rows": n,
        "file_bytes": file_bytes,
        "seconds": round(seconds, 2),
        "rows_per_s": round(n / seconds),
        "created": first.created,
        "reimport_seconds": round(again_seconds, 2),
        "reimport_unchanged": again.unchanged,
        "reimport_created_or_updated": again.created + again.updated,
        "changed_seconds": round(changed_seconds, 2),
        "changed_updated": changed.updated,
        "changed_transferred": changed.transferred,
        "target": "30 000 dòng dưới 60 giây",
        "pass": seconds < 60 and again_seconds < 60 and again.unchanged == n,
    }
