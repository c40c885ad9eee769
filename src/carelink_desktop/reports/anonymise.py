"""Leaving people's names out of a report meant for others (the anonymised governance report).

``Anonymiser`` does two things:

* In free text (a concern's description, a comment, the lessons, the manager's narrative), every
  word of a known name is replaced by "[name]": the legal first names, surname and preferred
  name of every resident, and the names of every key person (and of anyone named as giving or
  helping with feedback). Whole words only, whatever their case or accents ("SIAN" and "Siân"
  both go), with a possessive kept ("[name]'s daughter") and a name written in full, or as
  "Harold (Harry) Lumb", made one "[name]". A first name that is also an ordinary word ("May",
  "Grace") goes too: the anonymised copy errs on the side of leaving it out. Particles written
  in lower case inside a name ("van der Berg") and single letters are not taken as names.
  A member of staff's full name ("Priya Mistry", who owns an action) is kept even when a key
  person shares a word of it: staff are not anonymised.
* In lists, each resident becomes "Resident A", "Resident B"... in the order they are first
  met, the same letter wherever they appear in the report.

With ``enabled=False`` (the named report) both leave everything as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from carelink_desktop.domain.text import fold

NAME = "[name]"
#: A word, with the apostrophes and hyphens inside names ("O'Brien", "Mary-Jane").
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_PARTS = re.compile(r"['’-]")
_POSSESSIVE = re.compile(r"^(.+)(['’]s)$", re.IGNORECASE)
#: "[name] [name]" and "[name] ([name]) [name]" are one name.
_RUN = re.compile(r"\[name\](?:[ \t]+\[name\]|[ \t]*\(\[name\]\))+")


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    return fold(word)


def name_words(names: Iterable[str]) -> frozenset[str]:
    """The folded words of ``names`` that are taken as names in free text."""
    words: set[str] = set()
    for name in names:
        for match in _WORD.finditer(name or ""):
            token = match[0]
            if token.islower() and len(token) <= 3 and not _PARTS.search(token):
                continue  # "van", "de", "ap", "bin": a particle, not a name on its own
            for piece in (token, *_PARTS.split(token)):
                folded = _folded(piece)
                if len(folded) >= 2 and not folded.isdigit():
                    words.add(folded)
    return frozenset(words)


def letter_label(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA', 27 → 'AB' (as spreadsheet columns)."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


class Anonymiser:
    """Replaces known names in free text, and residents in lists, for one report."""

    def __init__(self, names: Iterable[str] = (), *, keep: Iterable[str] = (), enabled: bool = True) -> None:
        self.enabled = enabled
        self.words = name_words(names) if enabled else frozenset()
        self._residents: dict[str, str] = {}
        phrases = sorted({tuple(_WORD.findall(k)) for k in keep if len(_WORD.findall(k)) > 1}, key=len)
        self._keep = (
            re.compile(
                "|".join(r"\b" + r"\s+".join(map(re.escape, p)) + r"\b" for p in reversed(phrases)),
                re.IGNORECASE,
            )
            if phrases
            else None
        )

    def text(self, text: str) -> str:
        """``text`` with every known name replaced by "[name]" (staff names written in full are
        kept, even when a resident or key person shares one of their words)."""
        if not self.enabled or not text or not self.words:
            return text
        if self._keep is None:
            changed = _WORD.sub(self._word, text)
        else:
            pieces, at = [], 0
            for kept in self._keep.finditer(text):
                pieces += [_WORD.sub(self._word, text[at : kept.start()]), kept[0]]
                at = kept.end()
            pieces.append(_WORD.sub(self._word, text[at:]))
            changed = "".join(pieces)
        return _RUN.sub(NAME, changed) if NAME in changed else changed

    __call__ = text

    def _word(self, match: re.Match[str]) -> str:
        token = match[0]
        words = self.words
        if _folded(token) in words:
            return NAME
        possessive = _POSSESSIVE.match(token)
        if possessive and _folded(possessive[1]) in words:
            return NAME + possessive[2]
        if _PARTS.search(token) and any(_folded(p) in words for p in _PARTS.split(token)):
            return NAME
        return token

    def resident(self, resident_id: str, name: str) -> str:
        """How the report names a resident: "Resident A" (anonymised), else ``name``."""
        if not self.enabled:
            return name
        label = self._residents.get(resident_id)
        if label is None:
            label = f"Resident {letter_label(len(self._residents))}"
            self._residents[resident_id] = label
        return label

    @property
    def residents_named(self) -> int:
        """How many residents were given a letter."""
        return len(self._residents)


def staff_names(session: Session) -> list[str]:
    """The full names of every member of staff (kept in free text when written in full)."""
    from carelink_desktop.storage.tables import StaffAccountRow

    return [n for n in session.scalars(select(StaffAccountRow.full_name)) if n]


def known_names(session: Session) -> list[str]:
    """Every name the home holds of residents (legal and preferred, including discharged and
    archived residents), key people, and people named as giving or helping with feedback."""
    from carelink_desktop.storage.oversight_tables import FeedbackRow
    from carelink_desktop.storage.tables import KeyPersonRow, ResidentRow

    names: list[str] = []
    for given, family, preferred in session.execute(
        select(ResidentRow.legal_given_names, ResidentRow.legal_family_name, ResidentRow.preferred_name)
    ):
        names += (given, family, preferred)
    for given, family in session.execute(select(KeyPersonRow.given_names, KeyPersonRow.family_name)):
        names += (given, family)
    for respondent, helper in session.execute(select(FeedbackRow.respondent_name, FeedbackRow.helper_name)):
        names += (respondent, helper)
    return [n for n in names if n]


def anonymiser_for(session: Session, *, enabled: bool = True) -> Anonymiser:
    """The anonymiser of a report read in ``session`` (does nothing when not ``enabled``)."""
    if not enabled:
        return Anonymiser(enabled=False)
    return Anonymiser(known_names(session), keep=staff_names(session))
