"""Per-person screen layout on this PC (window size, column widths), kept encrypted.

Stored in ``local_state`` (never synced, never audited): it is about the screen, not the care.
"""

from __future__ import annotations

import json
from typing import Any

from carelink_desktop.services.workspace import Workspace
from carelink_desktop.storage.tables import LocalRow


def _key(ws: Workspace) -> str:
    return f"ui:{ws.actor.id}"


def screen_layout(ws: Workspace) -> dict[str, Any]:
    with ws.read() as s:
        row = s.get(LocalRow, _key(ws))
        if row is None:
            return {}
        try:
            value = json.loads(row.value)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}


def save_screen_layout(ws: Workspace, layout: dict[str, Any]) -> None:
    encoded = json.dumps(layout)
    with ws.work() as w:
        row = w.session.get(LocalRow, _key(ws))
        if row is None:
            w.session.add(LocalRow(key=_key(ws), value=encoded))
        else:
            row.value = encoded
