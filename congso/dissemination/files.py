"""PDF files of documents: checked by content, size-limited, active content removed.

The type comes from the bytes ("%PDF-" and a successful parse by pikepdf), never from the name
or the browser's header. The size is refused from the declared size before the body is read
whole. The stored file is re-written by pikepdf without what a viewer would run or open by
itself (document JavaScript, open actions, additional actions, embedded files, launch and
JavaScript link actions), like the evidence files of cases.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pikepdf
from django.utils.translation import gettext as _

from congso.dissemination.rules import MAX_DOCUMENT_BYTES, RuleError, looks_like_pdf, too_large

_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}


@dataclass(frozen=True)
class CleanPdf:
    content: bytes
    sha256: str
    pages: int


def _too_large_message() -> str:
    return _("Tệp quá lớn: tối đa %(mb)s MB.") % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)}


def read_limited(upload, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Read an upload, refusing it from its declared size before reading it whole."""
    if too_large(getattr(upload, "size", None), limit):
        raise RuleError(_too_large_message())
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise RuleError(_too_large_message())
    return data


def _strip_actions(obj) -> None:
    if isinstance(obj, pikepdf.Dictionary):
        for key in ("/AA", "/OpenAction"):
            if key in obj:
                del obj[key]
        action = obj.get("/A")
        if isinstance(action, pikepdf.Dictionary) and str(action.get("/S", "")) in _ACTIVE_ACTIONS:
            del obj["/A"]


def clean_pdf(data: bytes) -> CleanPdf:
    """Check `data` is a PDF and return a neutralised copy; RuleError (Vietnamese) otherwise."""
    if not looks_like_pdf(data):
        raise RuleError(_("Tệp không phải PDF (nội dung tệp không đúng định dạng PDF)."))
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            root = pdf.Root
            _strip_actions(root)
            names = root.get("/Names")
            if isinstance(names, pikepdf.Dictionary):
                for key in ("/JavaScript", "/EmbeddedFiles"):
                    if key in names:
                        del names[key]
            for page in pdf.pages:
                _strip_actions(page.obj)
                for annot in page.obj.get("/Annots", []) or []:
                    _strip_actions(annot)
            pages = len(pdf.pages)
            out = io.BytesIO()
            pdf.save(out)
    except pikepdf.PdfError:
        raise RuleError(_("Tệp PDF bị hỏng, không đọc được.")) from None
    content = out.getvalue()
    return CleanPdf(content, hashlib.sha256(content).hexdigest(), pages)
