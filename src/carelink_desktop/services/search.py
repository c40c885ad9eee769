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


def terms(query: str) -> list[str]:
    """The folded words of a query, each of which must match."""
    return [t for t in fold(query).split() if t]


def like_pattern(term: str) -> str:
    """A LIKE pattern that matches ``term`` anywhere, with wildcards in it escaped."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
