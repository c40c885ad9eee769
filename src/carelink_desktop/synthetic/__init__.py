"""Synthetic data: clearly fictional residents, key people, staff and consent records.

Used for the demo home, tests and benchmarks. Generation is pure and seeded (``people``,
``personas``); ``demo_home`` writes a plan into a home through the services. Phone numbers come
only from Ofcom's drama ranges, emails only from example.org/.com/.net, NHS numbers only from
the 999 test range, and addresses are invented streets in invented towns without postcodes.
"""

from __future__ import annotations

from carelink_desktop.synthetic.people import (
    CircleMember,
    StaffPerson,
    generate_key_people,
    generate_residents,
    generate_staff,
)
from carelink_desktop.synthetic.personas import Persona, generate_personas

__all__ = [
    "CircleMember",
    "Persona",
    "StaffPerson",
    "generate_key_people",
    "generate_personas",
    "generate_residents",
    "generate_staff",
]
