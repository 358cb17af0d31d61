"""The public report API at its boundary (issue 8, items 7, 8, 16, 18): every error at once,
text neutralised or refused, a reused client_id, rate limits, PDF neutralisation, image
decoding budget, the evidence download's headers."""

from __future__ import annotations

import io
import json
import uuid

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from congso.cases.evidence import (
    EVIDENCE_MAX_SIDE,
    MAX_DECODED_PIXELS_PER_REPORT,
    DecodeBudget,
    clean_evidence,
)
from congso.cases.models import Evidence, Message, Report
from congso.cases.rules import RuleError
from congso.cases.services.intake import REPORT_LIMIT
from congso.cases.tests import files
from congso.common.permissions import Role
from congso.common.testing import login_client, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/public/reports"


def post_json(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def body(world, **extra):
    return {"kind": "misconduct", "agency_id": world.agency_a.pk, "description": "Gây khó dễ"} | (
        extra
    )


# ------------------------------------------------------------------ every error, named in words


def test_api_reports_every_refused_field_with_its_human_label(world):
    response = post_json(
        Client(),
        {"kind": "misconduct", "description": "  ", "occurred_on": "2099-01-01", "place": "\x00"},
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"agency_id", "description", "occurred_on", "place"}
    assert errors["agency_id"].startswith("Cơ quan, đơn vị:")
    assert errors["description"].startswith("Sự việc:")
    assert errors["occurred_on"].startswith("Ngày xảy ra:")
    assert errors["place"].startswith("Địa điểm:")
    assert "agency_id" not in response.json()["detail"]
    assert Report.unscoped.count() == 0


# ---------------------------------------------------------------------------- the text boundary


@pytest.mark.parametrize("value", [True, False, "true", -3, 1.5])
def test_boolean_and_other_non_ids_are_not_agency_ids(world, value):
    response = post_json(Client(), {**body(world), "agency_id": value})
    assert response.status_code == 422
    assert "Cơ quan, đơn vị" in response.json()["errors"]["agency_id"]
    assert Report.unscoped.count() == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("description", "Nhận tiền\x00 bồi dưỡng"),
        ("officer_name", "Trần\x00Văn"),
        ("description", "\u200b\u200b\u2060\ufeff"),
        ("description", "\u202e\u200b \u200d"),
        ("place", "\u200b\u200c"),
    ],
)
def test_nul_and_invisible_only_text_are_refused(world, field, value):
    response = post_json(Client(), body(world, **{field: value}))
    assert response.status_code == 422, response.content
    assert field in response.json()["errors"]
    assert Report.unscoped.count() == 0


def test_bidi_overrides_are_stripped_and_text_is_nfc(world):
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" in NFD
    response = post_json(
        Client(),
        body(
            world,
            description=f"Cán bộ {decomposed} \u202egpj.exe\u202c nhận tiền",
            officer_name="\u2067Lê\u2069",
        ),
    )
    assert response.status_code == 201
    report = Report.unscoped.get()
    assert report.description == "Cán bộ Nguyễn gpj.exe nhận tiền"
    assert report.subject_name == "Lê"


def test_message_to_a_receipt_is_cleaned_at_the_boundary(world):
    client = Client()
    receipt = post_json(client, body(world)).json()["receipt"]
    refused = client.post(
        f"{URL}/{receipt}/messages",
        data=json.dumps({"body": "\u200b\u200b"}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    client.post(
        f"{URL}/{receipt}/messages",
        data=json.dumps({"body": "Bổ sung\u202e ảnh"}),
        content_type="application/json",
    )
    assert list(Message.objects.values_list("body", flat=True)) == ["Bổ sung ảnh"]


# ------------------------------------------------------------------------------- client_id


def test_resent_client_id_with_other_content_is_refused_with_409(world):
    client_id = str(uuid.uuid4())
    first = post_json(Client(), body(world, client_id=client_id))
    same = post_json(Client(), body(world, client_id=client_id))
    other = post_json(Client(), body(world, client_id=client_id, description="Khác hẳn"))
    assert (first.status_code, same.status_code, other.status_code) == (201, 200, 409)
    assert first.json() == same.json()
    assert "client_id" in other.json()["detail"] and "nội dung khác" in other.json()["detail"]
    assert Report.unscoped.count() == 1


# ------------------------------------------------------------------------------ rate limits


def test_reports_are_limited_per_address(world):
    client = Client(REMOTE_ADDR="10.1.1.1")
    codes = [post_json(client, body(world)).status_code for _ in range(REPORT_LIMIT + 1)]
    assert codes == [201] * REPORT_LIMIT + [429]
    assert "quá nhiều phản ánh" in post_json(client, body(world)).json()["detail"]
    assert post_json(Client(REMOTE_ADDR="10.1.1.2"), body(world)).status_code == 201


def test_successful_lookups_cost_the_address_nothing(world):
    receipt = post_json(Client(), body(world)).json()["receipt"]
    client = Client(REMOTE_ADDR="10.2.2.2")
    assert {client.get(f"{URL}/{receipt}").status_code for _ in range(12)} == {200}
    assert client.get(f"{URL}/{receipt[:4]}-{receipt[4:8]} {receipt[8:]}").status_code == 200


def test_one_receipt_has_its_own_limit_across_addresses(world):
    from congso.cases.services.intake import RECEIPT_USE_LIMIT

    receipt = post_json(Client(), body(world)).json()["receipt"]
    codes = [
        Client(REMOTE_ADDR=f"10.3.0.{n}").get(f"{URL}/{receipt}").status_code
        for n in range(RECEIPT_USE_LIMIT + 1)
    ]
    assert codes == [200] * RECEIPT_USE_LIMIT + [429]


# ------------------------------------------------------------------------------------- PDF


def _names(document: pikepdf.Pdf) -> set[str]:
    found: set[str] = set()

    def walk(obj, depth=0):
        if depth > 40:
            return
        if isinstance(obj, pikepdf.Name):
            found.add(str(obj))
        elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            for key in obj.keys():
                found.add(key)
                value = obj.get(key)
                if not (isinstance(value, pikepdf.Object) and value.is_indirect):
                    walk(value, depth + 1)
        elif isinstance(obj, pikepdf.Array):
            for item in obj:
                if not (isinstance(item, pikepdf.Object) and item.is_indirect):
                    walk(item, depth + 1)

    for obj in document.objects:
        walk(obj)
    walk(document.trailer)
    return found


def test_pdf_with_hex_escaped_script_is_rewritten_without_active_content(world):
    raw = files.pdf_with_escaped_active_content()
    assert b"#4A#61vaScript" in raw  # the old byte search for b"/JavaScript" missed this
    response = Client().post(
        URL,
        data={
            **{k: str(v) for k, v in body(world).items()},
            "evidence": [SimpleUploadedFile("a.pdf", raw, content_type="application/pdf")],
        },
    )
    assert response.status_code == 201, response.content
    stored = Evidence.unscoped.get().file.read()
    with pikepdf.open(io.BytesIO(stored)) as document:
        names = _names(document)
        assert len(document.pages) == 1
        assert "/Info" not in document.trailer
    active = {"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFiles", "/EF"}
    assert not names & active, names & active
    assert "/FileAttachment" not in names
    assert b"Nguyen Van A" not in stored and b"MZ" not in stored


def test_pdf_that_cannot_be_parsed_is_refused_in_vietnamese():
    with pytest.raises(RuleError, match="Không đọc được tệp PDF"):
        clean_evidence(b"%PDF-1.7\n" + b"\x00garbage" * 40)


def test_evidence_is_downloaded_as_an_attachment_in_a_sandbox(world):
    post = Client().post(
        URL,
        data={
            **{k: str(v) for k, v in body(world).items()},
            "evidence": [SimpleUploadedFile("a.pdf", files.pdf(), content_type="application/pdf")],
        },
    )
    assert post.status_code == 201
    handler = make_user("xuly_pdf", roles=[(Role.CASE_HANDLER, world.agency_a)])
    response = login_client(handler).get(f"/vu-viec/bang-chung/{Evidence.unscoped.get().pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].split(";")[0] == "sandbox"


# ----------------------------------------------------------------------------------- images


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (90, 120, 200)).save(out, format="JPEG", quality=60)
    return out.getvalue()


def test_big_jpeg_is_decoded_at_reduced_scale_and_kept_small():
    budget = DecodeBudget()
    clean = clean_evidence(_jpeg(6000, 4000), budget=budget)
    assert max(clean.width, clean.height) == EVIDENCE_MAX_SIDE
    # Decoded at 1/2 scale (3000×2000), not 24 megapixels.
    assert MAX_DECODED_PIXELS_PER_REPORT - budget.left == 3000 * 2000


def test_pixel_budget_is_checked_from_headers_before_decoding():
    budget = DecodeBudget(pixels=1000)
    with pytest.raises(RuleError, match="tổng kích thước"):
        clean_evidence(files.png(), budget=budget)  # 32×32 = 1024 pixels
    assert budget.left == 1000
