"""PDF files of documents and course materials: checked by content, size-limited, active
content removed; course materials may also be Word, Excel or PowerPoint documents (OOXML).

The type comes from the bytes ("%PDF-" and a successful parse by pikepdf), never from the name
or the browser's header. The size is refused from the declared size before the body is read
whole. The stored file is re-written by pikepdf without what a viewer would run or open by
itself (document JavaScript, open actions, additional actions, embedded files, launch and
JavaScript link actions), like the evidence files of cases.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
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


# --- course materials: PDF or an Office Open XML document ------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
MAX_ZIP_ENTRIES = 5000
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a zip bomb is refused from its directory
_OOXML_MAIN_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}


@dataclass(frozen=True)
class CleanMaterial:
    kind: str  # MaterialKind value: pdf, docx, xlsx, pptx
    content: bytes
    sha256: str


def _not_a_material() -> RuleError:
    return RuleError(
        _(
            "Tệp không phải PDF hay tài liệu Word, Excel, PowerPoint (.docx, .xlsx, .pptx) "
            "(kiểm tra theo nội dung tệp, không theo tên)."
        )
    )


def ooxml_kind(data: bytes) -> str:
    """The kind of an Office Open XML document (docx, xlsx, pptx) read from its zip directory,
    never from its name; RuleError for anything else, a macro-enabled document or a zip whose
    unpacked size or entry count is out of proportion (a zip bomb)."""
    if not data.startswith(ZIP_MAGIC):
        raise _not_a_material()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or (
                sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES
            ):
                raise RuleError(_("Tệp nén quá lớn khi giải nén, không nhận."))
            names = {e.filename for e in entries}
            if "[Content_Types].xml" not in names:
                raise _not_a_material()
            types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError):
        raise _not_a_material() from None
    if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in types:
        raise RuleError(
            _("Tài liệu có macro, không nhận; hãy lưu lại dạng .docx, .xlsx, .pptx hoặc PDF.")
        )
    kinds = [kind for part, kind in _OOXML_MAIN_PARTS.items() if part in names]
    if len(kinds) != 1:
        raise _not_a_material()
    return kinds[0]


def clean_material(data: bytes) -> CleanMaterial:
    """A course material: a PDF goes through clean_pdf (re-written without active content);
    a docx/xlsx/pptx is checked by ooxml_kind and kept as it is (served as a download)."""
    if looks_like_pdf(data):
        pdf = clean_pdf(data)
        return CleanMaterial("pdf", pdf.content, pdf.sha256)
    kind = ooxml_kind(data)
    return CleanMaterial(kind, data, hashlib.sha256(data).hexdigest())
