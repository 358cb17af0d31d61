"""xlsx export of dashboard tables: one sheet, each table under its title."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font


def tables_xlsx(tables) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Bang"
    for table in tables:
        ws.append([table.title])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.append(table.columns)
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append(row)
        ws.append([])
    ws.column_dimensions["A"].width = 50
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
