"""Server time spent on a public report's photos: five 40-megapixel photos (issue 8 item 18).

Measures `cases.evidence.clean_evidence` on the five files of one report (one decoding budget
per report, as the API and the page use it): JPEG photos (decoded at reduced scale, kept at
2,560 px) and PNG screenshots of the same size (the report's pixel budget refuses the third,
from its header, before decoding it). Prints seconds per report; target: under 3 s each on the
shared 2-core build machine (before issue 8: 7.1 s for the JPEGs, 26.8 s for the PNGs).
"""

from __future__ import annotations

import io
import time

from PIL import Image

from congso.cases.evidence import DecodeBudget, clean_evidence
from congso.cases.rules import MAX_EVIDENCE_BYTES, RuleError

SIZE = (7300, 5470)  # 39.9 megapixels, just under the per-image limit


def _photo(fmt: str, size: tuple[int, int]) -> bytes:
    """A gradient with detail (compresses like a photo of a wall or a document)."""
    small = Image.radial_gradient("L").resize((512, 512)).convert("RGB")
    image = small.resize(size, Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format=fmt, **({"quality": 80} if fmt == "JPEG" else {"optimize": False}))
    data = out.getvalue()
    assert len(data) <= MAX_EVIDENCE_BYTES, (fmt, len(data))
    return data


def _report(files: list[bytes]) -> tuple[float, int, int]:
    """Seconds for one report's files; how many were kept and refused."""
    budget = DecodeBudget()
    kept = refused = 0
    start = time.perf_counter()
    for data in files:
        try:
            clean_evidence(data, budget=budget)
            kept += 1
        except RuleError:
            refused += 1
    return time.perf_counter() - start, kept, refused


def run(options: dict) -> dict:
    size = (730, 547) if options.get("quick") else SIZE
    rounds = 1 if options.get("quick") else 3
    jpeg, png = _photo("JPEG", size), _photo("PNG", size)
    jpeg_runs = [_report([jpeg] * 5) for _ in range(rounds)]
    png_runs = [_report([png] * 5) for _ in range(rounds)]
    jpeg_s = min(r[0] for r in jpeg_runs)
    png_s = min(r[0] for r in png_runs)
    return {
        "megapixels_per_file": round(size[0] * size[1] / 1e6, 1),
        "jpeg_report_seconds": round(jpeg_s, 2),
        "jpeg_kept": jpeg_runs[0][1],
        "png_report_seconds": round(png_s, 2),
        "png_kept": png_runs[0][1],
        "png_refused": png_runs[0][2],
        "target": "a report of five 40-megapixel photos costs under 3 s of server time",
        "pass": max(jpeg_s, png_s) < 3,
    }
