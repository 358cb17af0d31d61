"""Reports from the public: receipts, evidence limits, and what the public may see.

Legal basis: Luật Tố cáo 25/2018/QH14, art. 47 (protect the reporter's identity).
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext

from congso.cases.choices import CaseState, ReportStatus
from congso.cases.rules.errors import RuleError
from congso.cases.rules.workflow import FINDING_STATES

S = CaseState


# ---------------------------------------------------------------------------------------------
# Reports from the public: receipts, evidence limits, public status.
# ---------------------------------------------------------------------------------------------
RECEIPT_RE = re.compile(r"^[0-9]{16}$")


_RECEIPT_SEPARATORS = re.compile(r"[\s\-.\u2010-\u2015]+")


def receipt_is_wellformed(value: str) -> bool:
    return bool(RECEIPT_RE.match(value or ""))


def normalise_receipt(value: str | None) -> str:
    """A receipt as typed ("1234 5678-9012 3456", full-width digits) → its 16 digits; other
    text is returned without separators (and is then simply not well-formed)."""
    text = unicodedata.normalize("NFKC", value or "")
    return _RECEIPT_SEPARATORS.sub("", text)[:40]


def format_receipt(receipt: str) -> str:
    """Groups of four digits, as printed and shown: "1234 5678 9012 3456"."""
    return " ".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))


ALLOWED_EVIDENCE_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
MAX_EVIDENCE_FILES = 5
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 12_000
MAX_DESCRIPTION_CHARS = 5000


def check_evidence(
    *, mime: str | None, size: int, width: int | None = None, height: int | None = None
) -> None:
    """Refuse a file that is not an image or a PDF by content, too big, or too large in
    pixels (a decompression bomb)."""
    if size > MAX_EVIDENCE_BYTES:
        raise RuleError(
            gettext("Tệp quá lớn: tối đa %(mb)d MB mỗi tệp.") % {"mb": MAX_EVIDENCE_BYTES // 2**20}
        )
    if size == 0:
        raise RuleError(gettext("Tệp rỗng."))
    if mime not in ALLOWED_EVIDENCE_TYPES:
        raise RuleError(
            gettext("Chỉ nhận tệp ảnh (JPEG, PNG, WebP) hoặc PDF; nội dung tệp không phải.")
        )
    if width is not None and height is not None:
        if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
            raise RuleError(
                gettext("Ảnh có kích thước quá lớn (%(w)d×%(h)d điểm ảnh).")
                % {
                    "w": width,
                    "h": height,
                }
            )


def public_status(*, report_status: str, case_state: str | None, reversed: bool) -> str:
    """What the receipt page says about a report: verified facts only, no names."""
    if report_status == ReportStatus.NEW:
        return gettext("Đã tiếp nhận, đang sàng lọc")
    if report_status == ReportStatus.SPAM:
        return gettext("Không đủ điều kiện xem xét")
    if report_status == ReportStatus.DUPLICATE:
        return gettext("Đã gộp với phản ánh khác cùng nội dung")
    if report_status == ReportStatus.FORWARDED:
        return gettext("Đã chuyển đến đơn vị có thẩm quyền")
    if reversed:
        return gettext("Kết luận đã được cấp trên xem xét lại và hủy bỏ")
    if case_state in (S.RECEIVED, S.VERIFYING, None):
        return gettext("Đang xác minh")
    if case_state == S.DISMISSED:
        return gettext("Đã xác minh: không có căn cứ")
    if case_state == S.CLOSED:
        return gettext("Đã xác minh và xử lý xong")
    return gettext("Đã xác minh, đang xử lý")


def finding_is_public(*, case_state: str | None, reversed: bool) -> bool:
    """Named officers appear on public pages only once a finding is confirmed and stands:
    not while the person's appeal is pending, never after it was reversed."""
    return case_state in FINDING_STATES and case_state != S.APPEALED and not reversed
