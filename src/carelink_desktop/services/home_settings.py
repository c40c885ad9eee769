"""Settings for the whole home, kept in the encrypted database: declared once, typed, defaults."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy import select

from carelink_desktop.domain.errors import ValidationError
from carelink_desktop.domain.roles import Permission
from carelink_desktop.domain.shifts import ShiftTimes
from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import HomeSettingRow

KIND = "home_setting"
PAPER_SIZES = ("A4", "Letter")


@dataclass(frozen=True)
class HomeSettings:
    """What managers set for every PC of the home."""

    #: Lock the desktop after this many minutes without use (wall clock: a sleeping PC counts).
    lock_after_minutes: int = 5
    #: Paper for printed reports.
    paper_size: str = "A4"
    #: When the early, late and night shifts start (hh:mm, local time).
    early_shift_starts: str = "07:00"
    late_shift_starts: str = "14:00"
    night_shift_starts: str = "21:00"
    #: The Today board flags residents with no contact with any key person for this many days.
    no_contact_days: int = 14

    @property
    def shifts(self) -> ShiftTimes:
        """The shift times; the defaults if the stored ones are unusable."""
        try:
            times = ShiftTimes.parse(self.early_shift_starts, self.late_shift_starts, self.night_shift_starts)
        except ValueError:
            return ShiftTimes()
        return ShiftTimes() if times.problems() else times

    def validate(self) -> None:
        problems: dict[str, str] = {}
        try:
            times = ShiftTimes.parse(self.early_shift_starts, self.late_shift_starts, self.night_shift_starts)
        except ValueError as exc:
            problems["shifts"] = str(exc)
        else:
            if times.problems():
                problems["shifts"] = times.problems()
        if not 1 <= self.no_contact_days <= 365:
            problems["no_contact_days"] = "Flag no contact after between 1 and 365 days."
        if not 1 <= self.lock_after_minutes <= 60:
            problems["lock_after_minutes"] = "Lock after between 1 and 60 minutes."
        if self.paper_size not in PAPER_SIZES:
            problems["paper_size"] = "Paper is A4 or Letter."
        if problems:
            raise ValidationError(problems)


def home_settings(ws: Workspace) -> HomeSettings:
    """The home's settings; anything missing or unreadable takes its default."""
    with ws.read() as s:
        stored = {
            r.key: r.value for r in s.scalars(select(HomeSettingRow).where(HomeSettingRow.deleted.is_(False)))
        }
    base = HomeSettings()
    good: dict[str, Any] = {}
    for f in fields(HomeSettings):
        if f.name in stored:
            try:
                value = json.loads(stored[f.name])
            except ValueError:
                continue
            if type(value) is type(getattr(base, f.name)):
                good[f.name] = value
    return replace(base, **good)


def setting_id(name: str) -> str:
    """A setting's record id follows from its name, so two PCs that set it apart hold one record
    and the newer value wins when they exchange sync files (migration 0008 moved older ones)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"carelink:home-setting:{name}"))


def change_home_settings(ws: Workspace, **changes: Any) -> HomeSettings:
    """Managers change the home's settings; each change is audited with old and new values."""
    ws.require(Permission.MANAGE_ACCOUNTS, "change the home's settings")
    current = home_settings(ws)
    wanted = replace(current, **changes)
    wanted.validate()
    with ws.work() as w:
        rows = {r.key: r for r in w.session.scalars(select(HomeSettingRow))}
        for name, value in asdict(wanted).items():
            if value == getattr(current, name):  # unchanged (a default needs no row)
                continue
            encoded = json.dumps(value)
            row = rows.get(name)
            details = {"setting": name, "from": getattr(current, name), "to": value}
            if row is None:
                w.created(
                    HomeSettingRow(id=setting_id(name), key=name, value=encoded),
                    "setting_changed",
                    kind=KIND,
                    details=details,
                )
            elif row.value != encoded or row.deleted:
                row.value, row.deleted = encoded, False
                w.touched(row, "setting_changed", kind=KIND, details=details)
    return wanted
