"""Vietnamese text: NFC storage, diacritic-free search keys and Vietnamese alphabetical order.

Sorting follows the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư
v x y, with f j w z placed in Latin order) and, as a tie-break, the tones in dictionary order:
ngang, huyền, hỏi, ngã, sắc, nặng. The key is made only of decimal digits so that every database
collation (SQLite BINARY, PostgreSQL's locale collations) orders it the same way.
"""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_SPACES = re.compile(r"\s+")

# Combining marks that change the letter itself (part of the primary key).
_LETTER_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}
# Tone marks, in Vietnamese dictionary order (secondary key).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_RANK = {letter: 20 + index for index, letter in enumerate(_ALPHABET)}
_COMPOSE = {
    ("a", "breve"): "ă",
    ("a", "circumflex"): "â",
    ("e", "circumflex"): "ê",
    ("o", "circumflex"): "ô",
    ("o", "horn"): "ơ",
    ("u", "horn"): "ư",
}


def nfc(text: str | None) -> str:
    """Normalise to NFC and collapse white space; None becomes ''."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


# Format characters that draw nothing (zero-width space/joiners, word joiner, BOM, soft hyphen,
# bidirectional marks and overrides) are removed from free text; tabs and line breaks stay.
_VISIBLE_CATEGORIES = ("L", "N", "P", "S")


def clean_free_text(text: str | None) -> str:
    """Free text as stored: NFC, Unix line breaks, no invisible format characters (Cf: zero
    width, BOM, bidi overrides such as RLO) or other control characters except tab and line
    break, trimmed. None becomes ''."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text).replace("\r\n", "\n"))
    kept = (ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cf", "Cc", "Cs"))
    return "".join(kept).strip()


def visible_length(text: str | None) -> int:
    """How many characters a reader sees: letters, digits, punctuation and symbols after NFC
    (spaces, zero-width and other format characters, lone combining marks count 0)."""
    if not text:
        return 0
    normalised = unicodedata.normalize("NFC", str(text))
    return sum(1 for ch in normalised if unicodedata.category(ch)[0] in _VISIBLE_CATEGORIES)


def search_key(text: str | None) -> str:
    """Lower-case, diacritic-free form used for search: 'Nguyễn Văn Đức' → 'nguyen van duc'."""
    return _SPACES.sub(" ", unidecode(nfc(text)).lower()).strip()


def _letters(text: str) -> list[tuple[str, int]]:
    """Split text into (base letter, tone) pairs, letters as in the Vietnamese alphabet."""
    result: list[tuple[str, int]] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = 0
        for mark in marks:
            if mark in _LETTER_MARKS:
                base = _COMPOSE.get((base, _LETTER_MARKS[mark]), base)
            elif mark in _TONES:
                tone = _TONES[mark]
        result.append((base, tone))
    return result


def _rank(base: str) -> int:
    if base in _LETTER_RANK:
        return _LETTER_RANK[base]
    if base.isdigit():
        return 10 + int(base)
    if base.isspace():
        return 1
    # Anything else (punctuation, letters of other scripts) sorts after z by its ASCII form.
    folded = unidecode(base).lower()[:1]
    return _LETTER_RANK.get(folded, 99) if folded else 99


def vi_sort_key(*parts: str) -> str:
    """A digit-only key that sorts `parts` (compared in order) in Vietnamese order."""
    primary: list[str] = []
    secondary: list[str] = []
    for part in parts:
        for base, tone in _letters(nfc(part)):
            primary.append(f"{_rank(base):02d}")
            secondary.append(str(tone))
        primary.append("00")  # part separator sorts before any letter
    return "".join(primary) + "0" + "".join(secondary)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given): 'Lê Thị Mai' → ('Lê', 'Thị', 'Mai')."""
    words = nfc(full_name).split(" ")
    if not words or words == [""]:
        return "", "", ""
    if len(words) == 1:
        return "", "", words[0]
    return words[0], " ".join(words[1:-1]), words[-1]


def person_sort_key(full_name: str) -> str:
    """Vietnamese list order: given name first, then family name, then middle name."""
    family, middle, given = split_full_name(full_name)
    return vi_sort_key(given, family, middle)
