"""Checking and cleaning inspection photos.

A photo is accepted only when its content (not its name) is JPEG, PNG or WebP, it is at most
`MAX_PHOTO_BYTES` (checked from the upload's declared size before anything is read), and its
dimensions are at most `MAX_SIDE` per side and `MAX_PIXELS` in all (checked from the header
before decoding, so a decompression bomb is never expanded). It is then decoded and re-encoded
as JPEG by Pillow, which drops every metadata block (EXIF with GPS position, XMP, comments)
after the EXIF orientation has been applied to the pixels.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_SIDE = 8000
MAX_PIXELS = 40_000_000
ACCEPTED = {"image/jpeg", "image/png", "image/webp"}
JPEG_QUALITY = 85
HEAD_BYTES = 8192


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    width: int
    height: int
    sha256: str


def clean_photo(upload) -> CleanPhoto:
    """Validate an uploaded file and return its re-encoded JPEG; ValidationError otherwise."""
    if upload is None or not getattr(upload, "size", 0):
        raise ValidationError(_("Hãy chọn một tệp ảnh."))
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Ảnh quá lớn: tối đa %(mb)s MB.") % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ACCEPTED:
        raise ValidationError(
            _("Tệp không phải ảnh JPEG, PNG hoặc WebP (kiểm tra theo nội dung, không theo tên).")
        )
    upload.seek(0)
    data = upload.read(MAX_PHOTO_BYTES + 1)
    if len(data) > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("Ảnh quá lớn: tối đa %(mb)s MB.") % {"mb": MAX_PHOTO_BYTES // (1024 * 1024)}
        )
    too_big = ValidationError(
        _("Ảnh có kích thước quá lớn (tối đa %(side)s × %(side)s điểm ảnh).") % {"side": MAX_SIDE}
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise too_big
            image.load()
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise too_big from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            _("Không đọc được tệp ảnh (tệp hỏng hoặc không đúng định dạng).")
        ) from exc
    content = out.getvalue()
    return CleanPhoto(content, image.width, image.height, hashlib.sha256(content).hexdigest())
