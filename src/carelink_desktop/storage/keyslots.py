"""Key slots: the random database key, wrapped once per staff account and once for recovery.

The file beside the database holds, for each slot, the database key encrypted with AES-256-GCM
under a key derived from a password (Argon2id) or from the recovery key (HKDF, the recovery key
already carries 160 random bits). Changing a password rewrites one slot; the database itself is
never re-encrypted. Slots are found by a salted hash of the username, so the file names nobody.
The file is written atomically and holds no personal data.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from carelink_desktop.domain.errors import AuthenticationError, DatabaseDamaged
from carelink_desktop.storage.atomic import write_atomically

FORMAT = "carelink-keyslots"
VERSION = 1
KEY_BYTES = 32
MIN_MEMORY_KIB = 65536
RECOVERY_KEY_BYTES = 20
_B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_KEY_IN_TEXT = re.compile(r"\b[A-Z2-7]{4}(?:[- ][A-Z2-7]{4}){7}\b")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. At least 64 MiB of memory, whatever the other settings."""

    memory_kib: int = 131072
    iterations: int = 4
    lanes: int = 2

    def __post_init__(self) -> None:
        if self.memory_kib < MIN_MEMORY_KIB:
            raise ValueError("Argon2id needs at least 64 MiB of memory")
        if self.iterations < 1 or self.lanes < 1:
            raise ValueError("Argon2id needs at least one pass and one lane")

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        return Argon2id(
            salt=salt,
            length=KEY_BYTES,
            iterations=self.iterations,
            lanes=self.lanes,
            memory_cost=self.memory_kib,
        ).derive(secret)


@dataclass(frozen=True)
class Slot:
    """One wrapped copy of the database key."""

    id: str
    kind: str  # "password" or "recovery"
    lookup: str  # salted hash of the username; "" for the recovery slot
    salt: bytes
    nonce: bytes
    wrapped: bytes
    kdf: KdfParams | None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "lookup": self.lookup,
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }
        if self.kdf is not None:
            data["kdf"] = {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
            }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        kdf = data.get("kdf")
        return cls(
            id=str(data["id"]),
            kind=str(data["kind"]),
            lookup=str(data.get("lookup", "")),
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]),
            kdf=KdfParams(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"])) if kdf else None,
        )


def _aad(home_id: str, slot_id: str, kind: str) -> bytes:
    return f"{FORMAT}/{VERSION}/{home_id}/{slot_id}/{kind}".encode()


def _wrap(key_encryption_key: bytes, database_key: bytes, aad: bytes) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return nonce, AESGCM(key_encryption_key).encrypt(nonce, database_key, aad)


def _unwrap(key_encryption_key: bytes, slot: Slot, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key_encryption_key).decrypt(slot.nonce, slot.wrapped, aad)
    except InvalidTag:
        return None


def _recovery_kek(recovery_secret: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), KEY_BYTES, salt, b"carelink recovery slot").derive(recovery_secret)


def new_recovery_key() -> str:
    """160 random bits as eight groups of four letters and digits, e.g. ``K7QD-...``."""
    raw = secrets.token_bytes(RECOVERY_KEY_BYTES)
    text = base64.b32encode(raw).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    """The 20 bytes behind a recovery key as typed (case, spaces and dashes do not matter)."""
    found = _KEY_IN_TEXT.search(text.upper())
    if found:  # a file or note that holds the key among other words
        text = found.group(0)
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    letters = letters.replace("0", "O").replace("1", "I").replace("8", "B")
    if len(letters) != 32 or any(ch not in _B32 for ch in letters):
        raise AuthenticationError(
            "That is not a recovery key: it has 32 letters and digits in groups of four."
        )
    return base64.b32decode(letters)


@dataclass
class KeySlotFile:
    """The key slots of one home."""

    home_id: str
    lookup_salt: bytes
    slots: list[Slot] = field(default_factory=list)

    # -- reading and writing -------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        try:
            raw = json.loads(path.read_bytes())
        except FileNotFoundError:
            raise
        except (OSError, ValueError) as exc:
            raise DatabaseDamaged(
                f"The key file {path.name} in {path.parent} cannot be read: it is damaged. "
                "Restore the home from a backup."
            ) from exc
        try:
            if not isinstance(raw, dict) or raw.get("format") != FORMAT:
                raise ValueError("format")
            if int(raw["version"]) > VERSION:
                raise DatabaseDamaged(
                    f"{path.name} was written by a newer CareLink Desktop: update this PC first."
                )
            return cls(
                home_id=str(raw["home_id"]),
                lookup_salt=_unb64(raw["lookup_salt"]),
                slots=[Slot.from_json(s) for s in raw["slots"]],
            )
        except DatabaseDamaged:
            raise
        except (KeyError, TypeError, ValueError) as exc:
            raise DatabaseDamaged(
                f"The key file {path.name} in {path.parent} is damaged. Restore the home from a backup."
            ) from exc

    def to_bytes(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT,
                "version": VERSION,
                "home_id": self.home_id,
                "lookup_salt": _b64(self.lookup_salt),
                "slots": [s.to_json() for s in self.slots],
            },
            indent=1,
        ).encode("utf-8")

    def save(self, path: Path) -> None:
        write_atomically(path, self.to_bytes(), what="the key slots")

    @classmethod
    def new(cls) -> KeySlotFile:
        return cls(home_id=str(uuid.uuid4()), lookup_salt=secrets.token_bytes(16))

    # -- slots ---------------------------------------------------------------------------

    def lookup_for(self, username: str) -> str:
        name = username.strip().lower().encode("utf-8")
        return hmac.new(self.lookup_salt, name, hashlib.sha256).hexdigest()

    def slot_for_user(self, username: str) -> Slot | None:
        lookup = self.lookup_for(username)
        for slot in self.slots:
            if slot.kind == "password" and hmac.compare_digest(slot.lookup, lookup):
                return slot
        return None

    def recovery_slot(self) -> Slot | None:
        return next((s for s in self.slots if s.kind == "recovery"), None)

    def set_password_slot(self, username: str, password: str, database_key: bytes, kdf: KdfParams) -> Slot:
        """Add or replace the slot of ``username``; only that slot changes."""
        old = self.slot_for_user(username)
        slot_id = old.id if old else str(uuid.uuid4())
        salt = secrets.token_bytes(16)
        kek = kdf.derive(password.encode("utf-8"), salt)
        nonce, wrapped = _wrap(kek, database_key, _aad(self.home_id, slot_id, "password"))
        slot = Slot(slot_id, "password", self.lookup_for(username), salt, nonce, wrapped, kdf)
        self._put(slot)
        return slot

    def set_recovery_slot(self, recovery_key: str, database_key: bytes) -> Slot:
        old = self.recovery_slot()
        slot_id = old.id if old else str(uuid.uuid4())
        salt = secrets.token_bytes(16)
        kek = _recovery_kek(parse_recovery_key(recovery_key), salt)
        nonce, wrapped = _wrap(kek, database_key, _aad(self.home_id, slot_id, "recovery"))
        slot = Slot(slot_id, "recovery", "", salt, nonce, wrapped, None)
        self._put(slot)
        return slot

    def remove_user(self, username: str) -> bool:
        slot = self.slot_for_user(username)
        if slot is None:
            return False
        self.slots = [s for s in self.slots if s.id != slot.id]
        return True

    def _put(self, slot: Slot) -> None:
        self.slots = [s for s in self.slots if s.id != slot.id] + [slot]

    # -- unlocking -----------------------------------------------------------------------

    def unlock_with_password(self, username: str, password: str, dummy_kdf: KdfParams) -> bytes:
        """The database key, or AuthenticationError. Costs one Argon2id run either way,
        so a wrong username cannot be told apart from a wrong password by timing."""
        slot = self.slot_for_user(username)
        if slot is None or slot.kdf is None:
            dummy_kdf.derive(password.encode("utf-8"), b"\0" * 16)
            raise AuthenticationError("Wrong username or password.")
        kek = slot.kdf.derive(password.encode("utf-8"), slot.salt)
        key = _unwrap(kek, slot, _aad(self.home_id, slot.id, "password"))
        if key is None:
            raise AuthenticationError("Wrong username or password.")
        return key

    def unlock_with_recovery_key(self, recovery_key: str) -> bytes:
        slot = self.recovery_slot()
        secret = parse_recovery_key(recovery_key)
        if slot is None:
            raise AuthenticationError("This home has no recovery key.")
        key = _unwrap(_recovery_kek(secret, slot.salt), slot, _aad(self.home_id, slot.id, "recovery"))
        if key is None:
            raise AuthenticationError("Wrong recovery key.")
        return key
