"""Search helpers over folded text (see domain.text.fold)."""

from __future__ import annotations

from carelink_desktop.domain.text import fold

__all__ = ["fold", "like_pattern", "terms"]


def terms(query: str) -> list[str]:
    """The folded words of a query, each of which must match."""
    return [t for t in fold(query).split() if t]


def like_pattern(term: str) -> str:
    """A LIKE pattern that matches ``term`` anywhere, with wildcards in it escaped."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
