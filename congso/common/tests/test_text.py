import unicodedata

import pytest

from congso.common.text import nfc, person_sort_key, search_key, split_full_name, vi_sort_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Nguyễn Văn A", "nguyen van a"),
        ("ĐẶNG THỊ  Ánh", "dang thi anh"),
        (unicodedata.normalize("NFD", "Hoàng Thị Thủy"), "hoang thi thuy"),
        ("", ""),
    ],
)
def test_search_key_ignores_diacritics_case_and_spacing(text, key):
    assert search_key(text) == key


def test_nfc_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Lào Cai")
    assert nfc(decomposed) == "Lào Cai"
    assert unicodedata.is_normalized("NFC", nfc(decomposed))


def test_vietnamese_alphabet_order_puts_d_before_dd_and_a_before_a_breve():
    words = ["Đức", "Dung", "Ân", "Ăn", "An", "Bình", "Ơn", "Ôn", "On", "Ưng", "Uyên"]
    assert sorted(words, key=vi_sort_key) == [
        "An",
        "Ăn",
        "Ân",
        "Bình",
        "Dung",
        "Đức",
        "On",
        "Ôn",
        "Ơn",
        "Uyên",
        "Ưng",
    ]


def test_tones_break_ties_in_dictionary_order():
    words = ["má", "mạ", "mà", "ma", "mả", "mã"]
    assert sorted(words, key=vi_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_base_letters_outrank_tones():
    assert vi_sort_key("má") < vi_sort_key("mai")
    assert vi_sort_key("Hà") < vi_sort_key("Hai") or vi_sort_key("Ha") < vi_sort_key("Hai")


def test_people_sort_by_given_name_then_family_then_middle():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Nguyễn Văn An"]
    assert sorted(names, key=person_sort_key) == [
        "Lê Văn An",
        "Nguyễn Thị An",
        "Nguyễn Văn An",
        "Trần Văn Bình",
    ]


def test_sort_key_is_digits_only_so_every_collation_agrees():
    assert vi_sort_key("Nguyễn Đức Thắng").isdigit()


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Lê Thị Mai", ("Lê", "Thị", "Mai")),
        ("Giàng A Páo", ("Giàng", "A", "Páo")),
        ("Tôn Nữ Thị Hạnh", ("Tôn", "Nữ Thị", "Hạnh")),
        ("Hùng", ("", "", "Hùng")),
    ],
)
def test_split_full_name(name, parts):
    assert split_full_name(name) == parts
