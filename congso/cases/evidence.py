"""Evidence files from the public: checked by content, size-limited, images re-encoded.

The type comes from the file's bytes (`filetype`), never from its name or the browser's
header. Images are opened lazily by Pillow, their dimensions checked before any pixel is
decoded (a small file can declare a huge canvas: a decompression bomb), then re-encoded into a
fresh image, which drops EXIF (GPS, camera, time), XMP, ICC and text chunks. PDFs are kept as
they are but refused when they carry active content (JavaScript, launch actions, embedded
files).
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext
from PIL import Image, ImageOps, UnidentifiedImageError

from congso.cases.rules import MAX_EVIDENCE_BYTES, RuleError, check_evidence

_PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")


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


def clean_evidence(data: bytes) -> CleanFile:
    """Check `data` and return what may be stored; RuleError with a Vietnamese message."""
    kind = filetype.guess(data[:8192]) if data else None
    mime = kind.mime if kind else None
    check_evidence(mime=mime, size=len(data))
    if mime == "application/pdf":
        if any(marker in data for marker in _PDF_ACTIVE):
            raise RuleError(
                gettext("Tệp PDF có nội dung thực thi (JavaScript, tệp nhúng); không nhận.")
            )
        return CleanFile(data, mime, "pdf", None, None, hashlib.sha256(data).hexdigest())
    return _clean_image(data, mime or "")


def _clean_image(data: bytes, mime: str) -> CleanFile:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            check_evidence(mime=mime, size=len(data), width=width, height=height)
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise RuleError(gettext("Ảnh có kích thước quá lớn (vượt giới hạn số điểm ảnh).")) from None
    except UnidentifiedImageError:
        raise RuleError(gettext("Không đọc được ảnh.")) from None
    except (OSError, SyntaxError, ValueError):
        raise RuleError(gettext("Tệp ảnh bị hỏng.")) from None
    upright = ImageOps.exif_transpose(image)
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
