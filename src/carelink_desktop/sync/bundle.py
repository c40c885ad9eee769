"""The sync file format.

A sync file is a standard age file (https://age-encryption.org) encrypted to the organisation's
X25519 key, so the whole file is encrypted and authenticated and, in an emergency, the ``age``
tool with the organisation's key opens it. Inside is one zstd frame holding three lines of
UTF-8 JSON:

1. the header: format version, organisation, sending site, file id, when it was made, counts;
2. the records: ``{"tables": {name: {"columns": [...], "rows": [[...]], "versions": [{...}]}}}``;
3. ``{"signature": ...}``: the sending site's Ed25519 signature over lines 1 and 2.

Reading checks, in order and before anything touches the database: the size, the age layer
(another organisation's file or any damage fails here), a bounded decompression, the header, the
format version, the sender (known and not removed), the signature, then the shape of every row.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from carelink_desktop.domain.errors import SyncFileRefused
from carelink_desktop.sync import records
from carelink_desktop.sync.keys import OrganisationKeys, endorsement_text, signature_is_valid

FORMAT = 1
AGE_MAGIC = b"age-encryption.org/v1\n"
SUFFIX = ".clsync"
#: Far larger than any real export (250,000 contacts make about 60 MB): anything bigger is refused
#: before it is read.
MAX_FILE_BYTES = 512 * 1024 * 1024
#: The most a file may hold once decompressed (a "zip bomb" stops here, not at the end of memory).
MAX_CONTENT_BYTES = 512 * 1024 * 1024
#: A real age header (one recipient) is well under 1 KB; a longer one is refused before age
#: parses it (its parser slows down sharply on long headers).
MAX_AGE_HEADER = 4096
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class SiteKey:
    """What the reader knows of a sending site."""

    label: str
    public_key: str
    removed: bool


@dataclass(frozen=True)
class ChainLink:
    """A site and the endorsement of the site that added it."""

    site_id: str
    label: str
    public_key: str
    endorsed_by: str | None
    endorsement: str

    def as_json(self) -> dict[str, Any]:
        return {
            "site": self.site_id,
            "label": self.label,
            "key": self.public_key,
            "endorsed_by": self.endorsed_by,
            "endorsement": self.endorsement,
        }


MAX_CHAIN = 16


@dataclass(frozen=True)
class BundleHeader:
    """Line 1 of a sync file."""

    organisation_id: str
    site_id: str
    site_label: str
    file_id: str
    made_at: datetime
    full: bool
    to_site: str | None
    schema: str
    records: int
    format: int = FORMAT
    #: The sender's site, the site that added it, and so on: lets a PC that has not met the
    #: sender yet accept it through a site it knows.
    chain: tuple[ChainLink, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "carelink_sync": self.format,
            "organisation": self.organisation_id,
            "site": self.site_id,
            "site_label": self.site_label,
            "file_id": self.file_id,
            "made_at": self.made_at.isoformat(timespec="microseconds"),
            "full": self.full,
            "to_site": self.to_site,
            "schema": self.schema,
            "records": self.records,
            "chain": [link.as_json() for link in self.chain],
        }


@dataclass
class TableChanges:
    """The rows of one table in a file, as stored, with each row's version vector."""

    name: str
    columns: list[str]
    rows: list[list[Any]]
    versions: list[dict[str, str]] = field(default_factory=list)


@dataclass
class Bundle:
    """A sync file, read and checked."""

    header: BundleHeader
    tables: list[TableChanges]
    sha256: str

    @property
    def record_count(self) -> int:
        return sum(len(t.rows) for t in self.tables)


def write(keys: OrganisationKeys, header: BundleHeader, tables: list[TableChanges]) -> bytes:
    """The bytes of a sync file: signed, compressed, encrypted to the organisation."""
    import pyrage
    import zstandard

    head = json.dumps(header.as_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    payload = {
        "tables": {
            t.name: {"columns": t.columns, "rows": t.rows, "versions": t.versions} for t in tables if t.rows
        }
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    signed = head + b"\n" + body + b"\n"
    signature = base64.b64encode(keys.sign(signed)).decode("ascii")
    content = signed + json.dumps({"signature": signature}).encode("ascii") + b"\n"
    compressed = zstandard.ZstdCompressor(level=3, threads=-1).compress(content)
    recipient = pyrage.x25519.Recipient.from_str(keys.recipient)
    return bytes(pyrage.encrypt(compressed, [recipient]))


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(
    data: bytes,
    keys: OrganisationKeys,
    site_key: Callable[[str], SiteKey | None],
    *,
    schema: str,
) -> Bundle:
    """Open and check a sync file; SyncFileRefused with a plain reason for anything wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise SyncFileRefused(too_large_message(len(data)))
    if not data.startswith(AGE_MAGIC):
        raise SyncFileRefused("This is not a CareLink sync file. Nothing was imported.")
    content = _decompress(_decrypt(data, keys))
    header_line, body, signature_line, signed = _split(content)
    header = _header(header_line)
    if header.format > FORMAT:
        raise SyncFileRefused(
            "This sync file was made by a newer version of CareLink Desktop: update CareLink on "
            "this PC, then import it again. Nothing was imported."
        )
    if header.organisation_id != keys.organisation_id:
        raise SyncFileRefused("This sync file comes from another organisation. Nothing was imported.")
    if _revision_number(header.schema) > _revision_number(schema):
        raise SyncFileRefused(
            "This sync file comes from a PC with a newer version of CareLink Desktop: update "
            "CareLink on this PC, then import it again. Nothing was imported."
        )
    sender = site_key(header.site_id) or _vouched_for(header, site_key)
    if sender is None:
        raise SyncFileRefused(
            f"This sync file was signed by a PC this one does not know ({header.site_label or 'no name'}). "
            "Import a newer file from the PC that added it to the organisation first. Nothing was imported."
        )
    if sender.removed:
        raise SyncFileRefused(
            f"This sync file comes from {sender.label}, which has been removed from the organisation. "
            "Nothing was imported."
        )
    if not signature_is_valid(sender.public_key, _signature(signature_line), signed):
        raise SyncFileRefused(
            f"The signature on this sync file does not match {sender.label}'s key: it may have been "
            "tampered with. Nothing was imported."
        )
    tables = _tables(body)
    if sum(len(t.rows) for t in tables) != header.records:
        raise damaged()
    return Bundle(header, tables, file_sha256(data))


def _vouched_for(header: BundleHeader, site_key: Callable[[str], SiteKey | None]) -> SiteKey | None:
    """The sender's key when a chain of endorsements leads from it to a site this PC knows and
    has not removed, each link signed by the next; None otherwise."""
    links = {link.site_id: link for link in header.chain}
    path: list[ChainLink] = []
    current = links.get(header.site_id)
    while current is not None and len(path) < MAX_CHAIN and current not in path:
        path.append(current)
        if current.endorsed_by is None:
            return None
        known = site_key(current.endorsed_by)
        if known is not None:
            if known.removed:
                return None
            trusted = known.public_key
            for link in reversed(path):
                text = endorsement_text(header.organisation_id, link.site_id, link.public_key)
                try:
                    signature = base64.b64decode(link.endorsement, validate=True)
                except ValueError:  # (binascii.Error is one; so is a non-ASCII text)
                    return None
                if not signature_is_valid(trusted, signature, text):
                    return None
                trusted = link.public_key
            return SiteKey(path[0].label, path[0].public_key, False)
        current = links.get(current.endorsed_by)
    return None


def too_large_message(size: int) -> str:
    return (
        f"This file is {size / 1024 / 1024:,.0f} MB, far larger than any CareLink sync file: it was "
        "not read. Nothing was imported."
    )


def damaged() -> SyncFileRefused:
    return SyncFileRefused(
        "This sync file is damaged or incomplete (it may not have finished copying). Copy it again "
        "from the PC that made it. Nothing was imported."
    )


def check_age_header(data: bytes, *, invitation: bool = False) -> None:
    """Refuse, before age parses it, a header longer than any real one, and say plainly when
    an invitation is given to import (or a sync file to set a PC up with)."""
    head = data[:MAX_AGE_HEADER]
    if head.find(b"\n--- ") < 0:
        raise (
            damaged()
            if not invitation
            else SyncFileRefused("This invitation file is damaged: ask for a new one.")
        )
    if not invitation and b"\n-> scrypt " in head:
        raise SyncFileRefused(
            "This is an invitation for setting up a new PC, not a sync file: use it on the new PC "
            "(Set up this PC from an invitation). Nothing was imported."
        )
    if invitation and b"\n-> X25519 " in head:
        raise SyncFileRefused(
            "This is a sync file, not an invitation: import it on a PC that is already set up."
        )


def _decrypt(data: bytes, keys: OrganisationKeys) -> bytes:
    import pyrage

    check_age_header(data)
    identity = pyrage.x25519.Identity.from_str(keys.identity)
    try:
        return bytes(pyrage.decrypt(data, [identity]))
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise SyncFileRefused(
                "This sync file was not made for this organisation: it comes from another "
                "organisation, or its first lines are damaged. Nothing was imported."
            ) from None
        raise damaged() from None
    except Exception:  # pyrage raises plain errors on some malformed headers
        raise damaged() from None


def _decompress(compressed: bytes) -> bytes:
    import zstandard

    out = io.BytesIO()
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(compressed), read_across_frames=False)
        while chunk := reader.read(_CHUNK):
            out.write(chunk)
            if out.tell() > MAX_CONTENT_BYTES:
                raise SyncFileRefused(
                    "This sync file unpacks to far more than any real export: it was not read. "
                    "Nothing was imported."
                )
    except zstandard.ZstdError:
        raise damaged() from None
    return out.getvalue()


def _split(content: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    first = content.find(b"\n")
    if first < 0 or not content.endswith(b"\n"):
        raise damaged()
    last = content.rfind(b"\n", 0, len(content) - 1)
    if last <= first:
        raise damaged()
    return content[:first], content[first + 1 : last], content[last + 1 : -1], content[: last + 1]


def _loads(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise damaged() from None


def _header(line: bytes) -> BundleHeader:
    obj = _loads(line)
    if not isinstance(obj, dict) or not isinstance(obj.get("carelink_sync"), int):
        raise SyncFileRefused("This is not a CareLink sync file. Nothing was imported.")
    try:
        return BundleHeader(
            format=int(obj["carelink_sync"]),
            organisation_id=_text(obj["organisation"]),
            site_id=_text(obj["site"]),
            site_label=_text(obj.get("site_label", "")),
            file_id=_text(obj["file_id"]),
            made_at=_aware(datetime.fromisoformat(_text(obj["made_at"]))),
            full=bool(obj.get("full", False)),
            to_site=_text(obj["to_site"]) if obj.get("to_site") else None,
            schema=_text(obj.get("schema", "")),
            records=_count(obj["records"]),
            chain=tuple(_link(item) for item in obj.get("chain", [])[:MAX_CHAIN]),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        raise damaged() from None


def _link(item: Mapping[str, Any]) -> ChainLink:
    by = item["endorsed_by"]
    return ChainLink(
        _text(item["site"]),
        _text(item["label"]),
        _text(item["key"]),
        _text(by) if by is not None else None,
        _text(item["endorsement"]),
    )


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("a time without its time zone")
    return when


def _count(value: object) -> int:
    if type(value) is not int or not 0 <= value < 2**62:
        raise ValueError("not a count")
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or len(value) > 500:
        raise ValueError("not a short text")
    return value


def _signature(line: bytes) -> bytes:
    obj = _loads(line)
    try:
        return base64.b64decode(obj["signature"], validate=True)
    except (KeyError, TypeError, ValueError):
        raise damaged() from None


def _revision_number(revision: str) -> int:
    try:
        return int(revision)
    except ValueError:
        return 0


def _tables(body: bytes) -> list[TableChanges]:
    obj = _loads(body)
    if not isinstance(obj, dict) or not isinstance(obj.get("tables"), dict):
        raise damaged()
    out: list[TableChanges] = []
    for name, part in obj["tables"].items():
        if records.table_named(name) is None or not isinstance(part, dict):
            raise damaged()
        out.append(_table(name, part))
    order = {t.name: i for i, t in enumerate(records.synced_tables())}
    out.sort(key=lambda t: order[t.name])
    return out


def _table(name: str, part: Mapping[str, Any]) -> TableChanges:
    columns, rows, versions = part.get("columns"), part.get("rows"), part.get("versions")
    known = set(records.column_names(name))
    if (
        not isinstance(columns, list)
        or not isinstance(rows, list)
        or not isinstance(versions, list)
        or len(versions) != len(rows)
        or len(set(map(str, columns))) != len(columns)
        or not all(isinstance(c, str) and c in known for c in columns)
        or not {"id", "hlc", "site_id", "deleted"} <= set(columns)
    ):
        raise damaged()
    width = len(columns)
    id_at, hlc_at = columns.index("id"), columns.index("hlc")
    plain = _PLAIN_TYPES.issuperset
    for row in rows:
        if type(row) is not list or len(row) != width or not plain(map(type, row)):
            raise damaged()
        if type(row[id_at]) is not str or not 0 < len(row[id_at]) <= 36:
            raise damaged()
        _check_hlc(row[hlc_at])
    for vector in versions:
        if not isinstance(vector, dict):
            raise damaged()
        for site, hlc in vector.items():
            if len(site) > 36:
                raise damaged()
            _check_hlc(hlc)
    return TableChanges(name, columns, rows, versions)


#: What a stored value may be in a file (SQLite's text, integers, reals and NULL).
_PLAIN_TYPES = frozenset({str, int, float, type(None)})


#: A clock value as ``HlcTimestamp.encode`` writes it: fixed width, so text order is clock order.
_HLC = re.compile(r"[0-9]{15}-[0-9]{6}-[0-9A-Za-z-]{1,36}")


def _check_hlc(value: object) -> None:
    if type(value) is not str or _HLC.fullmatch(value) is None:
        raise damaged()
