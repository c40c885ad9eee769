"""Unsaved work kept safe while the PC is locked.

When the desktop locks, an open form's contents are sealed with AES-256-GCM under a key derived
from the home's database key and the person's account, and the database key is then forgotten.
Only that same person logging in again (which recovers the database key) can open the draft;
anyone else cannot, and the draft is dropped. Drafts live in memory only, never on disk.
"""

from __future__ import annotations

import json
import os
from typing import Any

from carelink_desktop.services.workspace import Workspace

_INFO = b"carelink draft v1"


def _key(database_key: bytes, actor_id: str) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, actor_id.encode(), _INFO).derive(database_key)


def seal_draft(ws: Workspace, draft: dict[str, Any]) -> bytes:
    """Encrypt ``draft`` (JSON-able) for the person logged in to ``ws``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    data = json.dumps(draft, ensure_ascii=False).encode("utf-8")
    return nonce + AESGCM(_key(ws.store.database_key, ws.actor.id)).encrypt(nonce, data, ws.actor.id.encode())


def open_draft(ws: Workspace, sealed: bytes) -> dict[str, Any] | None:
    """The draft, if ``ws`` belongs to the person who sealed it; otherwise None."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        data = AESGCM(_key(ws.store.database_key, ws.actor.id)).decrypt(
            sealed[:12], sealed[12:], ws.actor.id.encode()
        )
    except (InvalidTag, ValueError):
        return None
    value = json.loads(data)
    return value if isinstance(value, dict) else None
