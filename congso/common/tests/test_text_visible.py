"""Shared free-text helpers: NFC, invisible characters removed, visible characters counted."""

import unicodedata

import pytest

from congso.common.text import clean_free_text, visible_length


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        (None, 0),
        ("   \t\n ", 0),
        ("\u200b\u200c\u200d\u2060\ufeff\u00ad", 0),
        ("\u202e\u202d\u2066", 0),
        ("\u0301\u0300", 0),
        ("Hòa", 3),
        (unicodedata.normalize("NFD", "Hòa"), 3),  # decomposed: the accent is not a letter
        ("a b", 2),
        ("1/2025!", 7),
    ],
)
def test_visible_length_counts_what_a_reader_sees(text, expected):
    assert visible_length(text) == expected


def test_clean_free_text_is_nfc_without_invisible_characters_and_keeps_line_breaks():
    raw = unicodedata.normalize("NFD", " Nguyễn\u200b Văn\u202e A\r\ndòng hai\x00 ")
    assert clean_free_text(raw) == "Nguyễn Văn A\ndòng hai"
