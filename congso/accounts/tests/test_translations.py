"""The English catalogue of accounts is complete, and the pages switch language."""

from pathlib import Path

import polib
import pytest
from django.test import Client

PO = Path(__file__).resolve().parents[1] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_has_an_english_translation():
    catalogue = polib.pofile(str(PO))
    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


@pytest.mark.django_db
def test_login_page_follows_the_language_cookie():
    client = Client()
    assert "Đăng nhập" in client.get("/tai-khoan/dang-nhap/").content.decode()
    client.cookies["congso_language"] = "en"
    assert "<h1>Log in</h1>" in client.get("/tai-khoan/dang-nhap/").content.decode()


def test_the_inspector_role_and_the_inspections_section_translate_apart():
    """Same Vietnamese words, two meanings: the role is "Inspector", the section (menu,
    headings) "Inspections" (issue 8 item 12: the section read "Inspector")."""
    from django.utils import translation

    from congso.common.permissions import Role

    with translation.override("en"):
        assert str(Role.INSPECTOR.label) == "Inspector"
        section = "Thanh tra, kiểm tra"  # a variable: makemessages must not extract it here
        assert translation.gettext(section) == "Inspections"
    with translation.override("vi"):
        assert str(Role.INSPECTOR.label) == "Thanh tra, kiểm tra"
