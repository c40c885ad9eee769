"""Search text folded so that 'sian' finds 'Siân' and 'lodz' finds 'Łódź'."""

from __future__ import annotations

import unicodedata

_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower case without accents, apostrophes or hyphens."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.translate(_EXTRA)
    for mark in ("'", "’", "-"):
        plain = plain.replace(mark, "")
    return " ".join(plain.split())
