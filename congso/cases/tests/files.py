"""Small files for evidence tests, made in memory."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0132] = "2025:09:01 08:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (22.0, 29.0, 10.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (0, 120, 0)).save(out, format="PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb_header(width: int = 30000, height: int = 30000) -> bytes:
    """A tiny PNG whose header declares a huge canvas (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def pdf() -> bytes:
    """A one-page PDF without active content."""
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page(page_size=(200, 200))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_with_escaped_active_content() -> bytes:
    """A PDF whose script, launch action and attached file hide behind hex-escaped names
    (`/#4A#61vaScript` is `/JavaScript`), with an author in its metadata."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R/AA<</O 4 0 R>>"
        b"/Names<</#4A#61vaScript<</Names[(a) 4 0 R]>>/Embedded#46iles<</Names[(x) 6 0 R]>>>>>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Annots[5 0 R 8 0 R]>>",
        b"<</Type/Action/S/#4A#61vaScript/#4A#53(app.alert\\(1\\))>>",
        b"<</Type/Annot/Subtype/Link/Rect[0 0 10 10]/A<</S/#4Caunch/F(cmd.exe)>>>>",
        b"<</Type/Filespec/F(x.exe)/EF<</F 7 0 R>>>>",
        b"<</Length 4>>stream\nMZ\x90\x00\nendstream",
        b"<</Type/Annot/Subtype/FileAttachment/Rect[0 0 5 5]/FS 6 0 R>>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj" % number + body + b"endobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer<</Size %d/Root 1 0 R/Info<</Author(Nguyen Van A)>>>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()
