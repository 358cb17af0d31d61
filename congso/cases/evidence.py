"""Evidence files from the public: checked by content, size-limited, images re-encoded.

The type comes from the file's bytes (`filetype`), never from its name or the browser's
header. Images are opened lazily by Pillow, their dimensions checked before any pixel is
decoded (a small file can declare a huge canvas: a decompression bomb), then re-encoded into a
fresh image, which drops EXIF (GPS, camera, time), XMP, ICC and text chunks; big JPEGs are
decoded at a reduced scale (`draft`) and every photo is kept at most `EVIDENCE_MAX_SIDE` a side.
A report has a budget of decoded pixels, checked from each header before decoding. PDFs are
rewritten by pikepdf without active content (scripts, automatic and launch actions, attached
files, XFA, multimedia) and without metadata; a PDF it cannot parse is refused.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

import filetype
import pikepdf
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError

from congso.cases.rules import MAX_EVIDENCE_BYTES, RuleError, check_evidence

# Decoded pixels one report may cost in all (after JPEG draft scaling): five 40-megapixel
# photos once cost 6.5 s of server time; now big JPEGs are decoded at 1/2–1/8 scale and the
# whole report has a budget checked from the headers before any decoding.
MAX_DECODED_PIXELS_PER_REPORT = 60_000_000
# Evidence photos are kept at most this many pixels a side (plenty to read a document); big
# JPEGs are decoded at the scale that keeps at least EVIDENCE_MIN_SIDE on the long side.
EVIDENCE_MAX_SIDE = 2560
EVIDENCE_MIN_SIDE = 1800

# Keys removed from every PDF dictionary: scripts, automatic actions, attachments, forms'
# XFA, multimedia, metadata. Names are compared after parsing, so `/#4A#61vaScript` is
# `/JavaScript` here (a byte search missed it).
_PDF_DROP_KEYS = (
    "/JS",
    "/JavaScript",
    "/AA",
    "/OpenAction",
    "/EmbeddedFiles",
    "/EF",
    "/XFA",
    "/RichMediaContent",
    "/RichMediaSettings",
    "/Metadata",
    "/PieceInfo",
)
# Actions that run something, fetch something or send something: neutralised wherever found.
_PDF_ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/ResetForm",
        "/RichMediaExecute",
        "/GoToE",
        "/GoToR",
        "/Rendition",
        "/Movie",
        "/Sound",
        "/Hide",
        "/SetOCGState",
        "/Trans",
    }
)
_PDF_ACTIVE_ANNOTATIONS = frozenset(
    {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
)


class DecodeBudget:
    """Pixels one report may still decode; spent from each image's header before decoding."""

    def __init__(self, pixels: int = MAX_DECODED_PIXELS_PER_REPORT) -> None:
        self.left = pixels

    def spend(self, pixels: int) -> None:
        if pixels > self.left:
            raise RuleError(
                gettext(
                    "tổng kích thước các ảnh quá lớn; hãy gửi ít ảnh hơn hoặc ảnh nhỏ hơn "
                    "(tối đa khoảng %(mp)d triệu điểm ảnh cho một phản ánh)."
                )
                % {"mp": MAX_DECODED_PIXELS_PER_REPORT // 1_000_000}
            )
        self.left -= pixels


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str
    width: int | None
    height: int | None
    sha256: str


def read_limited(upload) -> bytes:
    """Read an upload, refusing it from its declared size before reading it whole."""
    declared = getattr(upload, "size", None)
    if declared is not None and declared > MAX_EVIDENCE_BYTES:
        check_evidence(mime=None, size=declared)
    data = upload.read(MAX_EVIDENCE_BYTES + 1)
    if len(data) > MAX_EVIDENCE_BYTES:
        check_evidence(mime=None, size=len(data))
    return data


def clean_evidence(data: bytes, *, budget: DecodeBudget | None = None) -> CleanFile:
    """Check `data` and return what may be stored; RuleError with a Vietnamese message."""
    kind = filetype.guess(data[:8192]) if data else None
    mime = kind.mime if kind else None
    check_evidence(mime=mime, size=len(data))
    if mime == "application/pdf":
        content = neutralise_pdf(data)
        return CleanFile(content, mime, "pdf", None, None, hashlib.sha256(content).hexdigest())
    return _clean_image(data, mime or "", budget or DecodeBudget())


def neutralise_pdf(data: bytes) -> bytes:
    """Rewrite a PDF without active content or metadata (pikepdf/qpdf parses it, so escaped
    names are seen as what they are); RuleError when it cannot be parsed or is encrypted."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            seen: set[tuple[int, int]] = set()
            for obj in pdf.objects:
                _pdf_clean(obj, seen)
            _pdf_clean(pdf.Root, seen)
            for page in pdf.pages:
                annots = page.obj.get("/Annots")
                if isinstance(annots, pikepdf.Array):
                    kept = [a for a in annots if not _pdf_active_annotation(a)]
                    page.obj["/Annots"] = pikepdf.Array(kept)
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            out = io.BytesIO()
            pdf.save(out, linearize=False, fix_metadata_version=False, deterministic_id=True)
    except pikepdf.PasswordError:
        raise RuleError(gettext("Tệp PDF được đặt mật khẩu; không nhận.")) from None
    except (pikepdf.PdfError, pikepdf.ForeignObjectError, ValueError, RecursionError):
        raise RuleError(gettext("Không đọc được tệp PDF (tệp hỏng hoặc không hợp lệ).")) from None
    return out.getvalue()


def _pdf_active_annotation(annot) -> bool:
    return isinstance(annot, pikepdf.Dictionary) and _name(annot.get("/Subtype")) in (
        _PDF_ACTIVE_ANNOTATIONS
    )


def _name(value) -> str:
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _pdf_clean(obj, seen: set[tuple[int, int]], depth: int = 0) -> None:
    """Remove active keys from `obj` and everything it holds directly (indirect objects are
    reached through `pdf.objects`)."""
    if depth > 64:
        raise RuleError(gettext("Không đọc được tệp PDF (cấu trúc lồng quá sâu)."))
    if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
        return
    if obj.is_indirect and depth > 0:
        return
    if obj.is_indirect:
        if obj.objgen in seen:
            return
        seen.add(obj.objgen)
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        if _name(obj.get("/S")) in _PDF_ACTIVE_ACTIONS:
            for key in list(obj.keys()):
                del obj[key]
            return
        for key in _PDF_DROP_KEYS:
            if key in obj:
                del obj[key]
        for key in list(obj.keys()):
            _pdf_clean(obj[key], seen, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for item in obj:
            _pdf_clean(item, seen, depth + 1)


def _open_image(data: bytes, mime: str, budget: DecodeBudget):
    """Open lazily, check the header's size, then decode (JPEG at a reduced scale)."""
    image = Image.open(io.BytesIO(data))
    width, height = image.size
    check_evidence(mime=mime, size=len(data), width=width, height=height)
    if image.format == "JPEG" and max(width, height) > EVIDENCE_MIN_SIDE:
        # The JPEG decoder scales by 1/2, 1/4 or 1/8 while decoding: far fewer pixels. It
        # picks the strongest reduction that keeps at least EVIDENCE_MIN_SIDE a side.
        factor = EVIDENCE_MIN_SIDE / max(width, height)
        image.draft("RGB", (max(1, int(width * factor)), max(1, int(height * factor))))
    budget.spend(image.size[0] * image.size[1])
    image.load()
    return image


def _clean_image(data: bytes, mime: str, budget: DecodeBudget) -> CleanFile:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _open_image(data, mime, budget)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise RuleError(gettext("Ảnh có kích thước quá lớn (vượt giới hạn số điểm ảnh).")) from None
    except UnidentifiedImageError:
        raise RuleError(gettext("Không đọc được ảnh.")) from None
    except (OSError, SyntaxError, ValueError) as exc:
        if isinstance(exc, RuleError):
            raise
        raise RuleError(gettext("Tệp ảnh bị hỏng.")) from None
    upright = ImageOps.exif_transpose(image)
    if max(upright.size) > EVIDENCE_MAX_SIDE:
        upright.thumbnail((EVIDENCE_MAX_SIDE, EVIDENCE_MAX_SIDE), reducing_gap=2.0)
    out = io.BytesIO()
    if mime == "image/png":
        mode = "RGBA" if upright.mode in ("RGBA", "LA", "P") else "RGB"
        fresh = Image.new(mode, upright.size)
        fresh.paste(upright.convert(mode))
        fresh.save(out, format="PNG", optimize=True)
        content_type, extension = "image/png", "png"
    else:
        fresh = Image.new("RGB", upright.size)
        fresh.paste(upright.convert("RGB"))
        fresh.save(out, format="JPEG", quality=88)
        content_type, extension = "image/jpeg", "jpg"
    content = out.getvalue()
    width, height = fresh.size
    return CleanFile(
        content, content_type, extension, width, height, hashlib.sha256(content).hexdigest()
    )
