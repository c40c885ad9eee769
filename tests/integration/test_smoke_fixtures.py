from __future__ import annotations

from carelink_desktop.services.residents import admit_resident, find_residents
from tests.conftest import resident


def test_manager_can_admit_and_find_a_resident(manager) -> None:
    admitted = admit_resident(manager, resident("Siân", "Llewellyn", preferred_name="Sian"))
    found = find_residents(manager, "sian")
    assert [r.id for r in found] == [admitted.id]
    assert found[0].display_name == "Siân Llewellyn"
