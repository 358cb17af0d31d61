"""`congso bench report-annual`: the province's annual report on a full year of demo-scale
data (issue 13 item 5): 2 000 000 ratings, 40 000 staff, 10 000 cases, a classification of
everyone, 1 140 awards, three campaigns (`_report_support`; --quick: a tenth of each).

Times `reports.services.annual_report_file` for the bench province's root, acting as the
command does (`system_actor`): the DOCX (every section built from the selectors, charts,
python-docx) and the PDF (the same DOCX converted by LibreOffice headless). Prints wall and
process CPU seconds, the query count and how many sections had data.
Target: DOCX < 5 s, PDF < 15 s.
"""

from __future__ import annotations

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.bench._report_support import YEAR, build_province_year, grow_ratings


def _timed(fn) -> tuple[object, float, float, int]:
    with CaptureQueriesContext(connection) as ctx:
        start, cpu = time.perf_counter(), time.process_time()
        value = fn()
        return value, time.perf_counter() - start, time.process_time() - cpu, len(ctx)


def run(options: dict) -> dict:
    from congso.reports.annual import build_annual_report
    from congso.reports.services import annual_report_file, system_actor

    quick = options.get("quick")
    out = options.get("stdout")
    staff, cases, ratings = (4_000, 1_000, 200_000) if quick else (40_000, 10_000, 2_000_000)
    province = build_province_year(staff=staff, cases=cases)
    built = grow_ratings(province, ratings)
    if out:
        out.write(f"data: {province.seconds} {built}")
    actor = system_actor()
    report = build_annual_report(actor=actor, unit=province.root, year=YEAR)
    available = [s.key for s in report.sections if s.available]
    # the first conversion starts LibreOffice cold; measure the second of each, print both
    docx_first = _timed(
        lambda: annual_report_file(actor=actor, unit=province.root, year=YEAR, fmt="docx")
    )
    made, docx_s, docx_cpu, docx_q = _timed(
        lambda: annual_report_file(actor=actor, unit=province.root, year=YEAR, fmt="docx")
    )
    pdf_first = _timed(
        lambda: annual_report_file(actor=actor, unit=province.root, year=YEAR, fmt="pdf")
    )
    pdf, pdf_s, pdf_cpu, pdf_q = _timed(
        lambda: annual_report_file(actor=actor, unit=province.root, year=YEAR, fmt="pdf")
    )
    return {
        "year": YEAR,
        "staff": staff,
        "cases": cases,
        **built,
        "sections_with_data": available,
        "docx_seconds": round(docx_s, 2),
        "docx_first_seconds": round(docx_first[1], 2),
        "docx_cpu_seconds": round(docx_cpu, 2),
        "docx_queries": docx_q,
        "docx_bytes": len(made.content),
        "pdf_seconds": round(pdf_s, 2),
        "pdf_first_seconds": round(pdf_first[1], 2),
        "pdf_python_cpu_seconds": round(pdf_cpu, 2),
        "pdf_queries": pdf_q,
        "pdf_bytes": len(pdf.content),
        "target": "DOCX < 5 s, PDF < 15 s",
        "pass": docx_s < 5 and pdf_s < 15 and pdf.content.startswith(b"%PDF"),
    }
