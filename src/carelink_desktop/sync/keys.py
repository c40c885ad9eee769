"""The organisation's keys, as this copy holds them.

Every site of an organisation holds the organisation's age identity: files are encrypted to it,
so any member (or, in an emergency, the standard ``age`` tool given the key) can open them.
Each site also holds its own Ed25519 signing key; the public half travels in the site's record,
so the others accept files only from sites they know and have not removed. The secrets live in
``local_state`` inside the encrypted database and never travel in a sync file.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.storage.tables import LocalRow

ORG_ID_KEY = "sync_organisation"
ORG_IDENTITY_KEY = "sync_organisation_key"
SITE_KEY_KEY = "sync_signing_key"


class SyncKeyError(CareLinkError):
    """A key (organisation or site) is missing or unusable."""


@dataclass(frozen=True)
class OrganisationKeys:
    """What this copy needs to write and read the organisation's sync files."""

    organisation_id: str
    #: The age identity ("AGE-SECRET-KEY-1...").
    identity: str
    #: This site's Ed25519 private key (32 raw bytes).
    signing_key: bytes

    @property
    def recipient(self) -> str:
        """The organisation's age public key ("age1...")."""
        import pyrage

        return str(pyrage.x25519.Identity.from_str(self.identity).to_public())

    def sign(self, data: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.signing_key).sign(data)

    @property
    def public_signing_key(self) -> str:
        return public_key_text(self.signing_key)

    def key_file_text(self) -> str:
        """The organisation's key as the ``age`` tool reads it (for the emergency copy)."""
        made = datetime.now(UTC).isoformat(timespec="seconds")
        return (
            f"# CareLink organisation key, saved {made}. Keep it locked away: it opens every sync\n"
            f"# file of this organisation, e.g. age -d -i this-file changes.clsync | zstd -d\n"
            f"# public key: {self.recipient}\n{self.identity}\n"
        )


def new_identity() -> str:
    import pyrage

    return str(pyrage.x25519.Identity.generate())


def new_signing_key() -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_key_text(private: bytes) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    raw = (
        Ed25519PrivateKey.from_private_bytes(private)
        .public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )
    return base64.b64encode(raw).decode("ascii")


def signature_is_valid(public_key: str, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` over ``data`` was made with the private half of ``public_key``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def endorsement_text(organisation_id: str, site_id: str, public_key: str) -> bytes:
    """What a site signs when it adds another: this key belongs to that site of this organisation."""
    return f"carelink-site/{organisation_id}/{site_id}/{public_key}".encode()


def load(session: Session) -> OrganisationKeys | None:
    """This copy's keys, or None while sync has not been set up."""
    values = {
        row.key: row.value
        for row in session.query(LocalRow).filter(
            LocalRow.key.in_((ORG_ID_KEY, ORG_IDENTITY_KEY, SITE_KEY_KEY))
        )
    }
    if len(values) < 3:
        return None
    try:
        return OrganisationKeys(
            values[ORG_ID_KEY], values[ORG_IDENTITY_KEY], base64.b64decode(values[SITE_KEY_KEY])
        )
    except ValueError as exc:
        raise SyncKeyError("This PC's sync keys are damaged: restore the home from a backup.") from exc


def store(session: Session, keys: OrganisationKeys) -> None:
    """Keep the keys in ``local_state`` (inside the caller's transaction)."""
    for key, value in (
        (ORG_ID_KEY, keys.organisation_id),
        (ORG_IDENTITY_KEY, keys.identity),
        (SITE_KEY_KEY, base64.b64encode(keys.signing_key).decode("ascii")),
    ):
        row = session.get(LocalRow, key)
        if row is None:
            session.add(LocalRow(key=key, value=value))
        else:
            row.value = value


def new_organisation() -> OrganisationKeys:
    """Keys for a new organisation whose first site is this copy."""
    return OrganisationKeys(str(uuid.uuid4()), new_identity(), new_signing_key())
