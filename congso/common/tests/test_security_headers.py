"""Content-Security-Policy and Permissions-Policy on every page, and no template that the
policy would break (issue 8 item 18). The browser check is browser_tests/test_csp.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client

from congso.common.testing import login_client

PACKAGE = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/tai-khoan/dang-nhap/", "/cong-dan/", "/api/v1/public/agencies", "/khong-co/", "/healthz"],
)
def test_every_response_carries_the_policies(path):
    response = Client().get(path)
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_staff_pages_carry_the_policies(world):
    response = login_client(world.head_a).get("/to-chuc/")
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]


INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>"
)
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_has_an_inline_script_or_an_event_handler():
    offenders = []
    for template in PACKAGE.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_ATTRIBUTE, re.compile("javascript:", re.I)):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{template.relative_to(PACKAGE)}:{line}: {match.group(0)!r}")
    assert offenders == []
