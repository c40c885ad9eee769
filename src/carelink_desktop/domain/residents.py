"""A resident's profile: who they are, how they communicate, what matters to them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Protocol

from carelink_desktop.domain.dates import age_on
from carelink_desktop.domain.nhs_number import nhs_number_problem, normalise_nhs_number
from carelink_desktop.domain.text import fold
from carelink_desktop.domain.validation import Problems, clean, cleaned_copy


class CommunicationMethod(StrEnum):
    """Ways a resident prefers to communicate (NOS scope: signs, symbols, passports...)."""

    SPOKEN = "spoken"
    WRITTEN = "written"
    LARGE_PRINT = "large_print"
    BSL = "bsl"
    MAKATON = "makaton"
    PICTURES_SYMBOLS = "pictures_symbols"
    OBJECTS_OF_REFERENCE = "objects_of_reference"
    COMMUNICATION_PASSPORT = "communication_passport"
    GESTURE_TOUCH = "gesture_touch"
    HEARING_AID = "hearing_aid"
    DEVICE = "device"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    CommunicationMethod.SPOKEN: "Spoken conversation",
    CommunicationMethod.WRITTEN: "Written notes",
    CommunicationMethod.LARGE_PRINT: "Large print",
    CommunicationMethod.BSL: "British Sign Language",
    CommunicationMethod.MAKATON: "Makaton",
    CommunicationMethod.PICTURES_SYMBOLS: "Pictures and symbols",
    CommunicationMethod.OBJECTS_OF_REFERENCE: "Objects of reference",
    CommunicationMethod.COMMUNICATION_PASSPORT: "Communication passport",
    CommunicationMethod.GESTURE_TOUCH: "Gesture and touch",
    CommunicationMethod.HEARING_AID: "Hearing aid or loop",
    CommunicationMethod.DEVICE: "Communication device or app",
}


@dataclass(frozen=True)
class ResidentDetails:
    """Everything staff type about a resident. ``validate`` says what is wrong, field by field."""

    legal_given_names: str
    legal_family_name: str
    date_of_birth: date | None
    preferred_name: str = ""
    room: str = ""
    admission_date: date | None = None
    discharge_date: date | None = None
    nhs_number: str = ""
    first_language: str = ""
    communication_needs: str = ""
    communication_methods: tuple[CommunicationMethod, ...] = ()
    culture_and_background: str = ""
    faith_and_spirituality: str = ""
    needs_advocate: bool = False
    advocate_details: str = ""
    needs_interpreter: bool = False
    interpreter_language: str = ""
    keyworker_id: str | None = None
    notes: str = field(default="")

    def cleaned(self) -> ResidentDetails:
        """A copy with text trimmed and the NHS number reduced to its digits."""
        return replace(
            cleaned_copy(self),
            nhs_number=normalise_nhs_number(clean(self.nhs_number)),
            communication_methods=tuple(dict.fromkeys(self.communication_methods)),
        )

    def validate(self, today: date) -> None:
        """Raise ValidationError naming every field that is not acceptable."""
        p = Problems()
        p.require("legal_given_names", self.legal_given_names, "Legal first name(s)")
        p.require("legal_family_name", self.legal_family_name, "Legal surname")
        for name, label in (
            ("legal_given_names", "Legal first name(s)"),
            ("legal_family_name", "Legal surname"),
            ("preferred_name", "Preferred name"),
        ):
            p.max_length(name, getattr(self, name), label, 120)
        p.max_length("room", self.room, "Room", 40)
        p.max_length("first_language", self.first_language, "First language", 60)
        p.max_length("interpreter_language", self.interpreter_language, "Interpreter's language", 60)
        p.not_future("admission_date", self.admission_date, "Admission date", today)
        if self.date_of_birth is None:
            p.add("date_of_birth", "Date of birth is required.")
        else:
            p.not_future("date_of_birth", self.date_of_birth, "Date of birth", today)
            if age_on(self.date_of_birth, today) > 125:
                p.add("date_of_birth", "Date of birth is more than 125 years ago: please check it.")
            p.not_before(
                "admission_date",
                self.admission_date,
                self.date_of_birth,
                "Admission date",
                "date of birth",
            )
        p.not_before(
            "discharge_date",
            self.discharge_date,
            self.admission_date,
            "Discharge date",
            "admission date",
        )
        if self.discharge_date is not None and self.admission_date is None:
            p.add("admission_date", "Give the admission date before a discharge date.")
        if self.nhs_number:
            problem = nhs_number_problem(self.nhs_number)
            if problem:
                p.add("nhs_number", problem)
        if self.needs_interpreter and not self.interpreter_language:
            p.add("interpreter_language", "Say which language the interpreter is needed for.")
        p.raise_if_any()


class NamedResident(Protocol):
    """Anything carrying a resident's names (a row, a summary, the details)."""

    @property
    def legal_given_names(self) -> str: ...
    @property
    def legal_family_name(self) -> str: ...
    @property
    def preferred_name(self) -> str: ...


def resident_name(resident: NamedResident) -> str:
    """How a resident is named in lists, headings and reports: see ``display_name``."""
    return display_name(resident.legal_given_names, resident.legal_family_name, resident.preferred_name)


def display_name(given: str, family: str, preferred: str = "") -> str:
    """'Margaret (Peggy) Jones': legal names with the preferred name where it differs."""
    first = given.split(maxsplit=1)[0] if given.split() else given
    if preferred and fold(preferred) not in (fold(first), fold(given)):
        return f"{given} ({preferred}) {family}".strip()
    return f"{given} {family}".strip()


def room_phrase(room: str) -> str:
    """ "room 12" for a room written "12"; a room already named "Room 1" or "Rose Suite" as it is
    written, so nothing reads "room Room 1"."""
    room = room.strip()
    if not room or not room[0].isdigit():
        return room
    return f"room {room}"
