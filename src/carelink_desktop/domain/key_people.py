"""Key people: family, friends, unpaid carers and others important to residents."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from carelink_desktop.domain.validation import Problems, cleaned_copy


class ContactMethod(StrEnum):
    """How a key person prefers to be contacted by the home."""

    PHONE = "phone"
    TEXT_MESSAGE = "text_message"
    EMAIL = "email"
    LETTER = "letter"
    VIDEO_CALL = "video_call"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class KeyPersonDetails:
    """What staff record about a key person."""

    given_names: str
    family_name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    preferred_contact: ContactMethod | None = None
    language: str = ""
    needs_interpreter: bool = False
    notes: str = ""

    def cleaned(self) -> KeyPersonDetails:
        """A copy with text trimmed (the contact method stays an enum)."""
        return cleaned_copy(self)

    def validate(self) -> None:
        """Raise ValidationError naming every field that is not acceptable."""
        p = Problems()
        if not self.given_names and not self.family_name:
            p.add("family_name", "Give the person's name.")
        p.max_length("given_names", self.given_names, "First name(s)", 120)
        p.max_length("family_name", self.family_name, "Surname", 120)
        p.max_length("email", self.email, "Email", 200)
        p.max_length("language", self.language, "Language", 60)
        p.max_length("address", self.address, "Address", 500)
        p.phone("phone", self.phone)
        p.email("email", self.email)
        if self.preferred_contact is ContactMethod.EMAIL and not self.email:
            p.add("email", "Email is the preferred contact: give the email address.")
        if self.preferred_contact in (ContactMethod.PHONE, ContactMethod.TEXT_MESSAGE) and not self.phone:
            p.add("phone", "Phone is the preferred contact: give the phone number.")
        if self.preferred_contact is ContactMethod.LETTER and not self.address:
            p.add("address", "Letters are the preferred contact: give the address.")
        if self.needs_interpreter and not self.language:
            p.add("language", "Say which language the interpreter is needed for.")
        p.raise_if_any()

    @property
    def full_name(self) -> str:
        return person_name(self)


class NamedPerson(Protocol):
    """Anything carrying a key person's names (a row or the details)."""

    @property
    def given_names(self) -> str: ...
    @property
    def family_name(self) -> str: ...


def person_name(person: NamedPerson) -> str:
    """A key person's name as shown everywhere: first names then surname."""
    return f"{person.given_names} {person.family_name}".strip()
