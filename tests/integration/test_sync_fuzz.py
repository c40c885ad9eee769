"""Fuzzing the sync file reader (issue #8): whatever bytes it is given, ``bundle.read`` refuses
them with SyncFileRefused or reads them; it never raises anything else, never hangs and uses
little memory on small inputs.

Two layers are fuzzed. The outer one: random bytes, and truncations, flips and splices of a real
sync file, read with the organisation's real keys (every change to a real file must be refused).
The inner one: files properly compressed, encrypted and signed by a known PC, whose content is
fuzzed: what a member PC with a bug, or anyone holding a site's keys, could send.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import tracemalloc
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from carelink_desktop.domain.errors import SyncFileRefused
from carelink_desktop.services import residents, sync, sync_enrolment
from carelink_desktop.storage import migrate
from carelink_desktop.sync import bundle, keys, records
from carelink_desktop.sync.bundle import SiteKey
from carelink_desktop.sync.keys import OrganisationKeys
from tests.conftest import resident as resident_details
from tests.integration.sync_helpers import (
    A_LABEL,
    B_LABEL,
    compress,
    encrypt,
    make_home,
    organisation_keys,
    seal,
    signed_lines,
)

#: Small inputs (a few KB) may use this much Python memory while being read: the reader's
#: decompression buffer is 1 MiB, the rest is small change.
MEMORY_LIMIT = 8 * 1024 * 1024
#: More examples on demand: CARELINK_FUZZ_SCALE=50 pytest tests/integration/test_sync_fuzz.py
SCALE = int(os.environ.get("CARELINK_FUZZ_SCALE", "1"))
#: Far above the few milliseconds a small file takes: an example slower than this is a hang.
FUZZ = settings(
    max_examples=100 * SCALE,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Org:
    keys: OrganisationKeys
    sender: str
    sites: dict[str, SiteKey]
    #: A real small sync file from ``sender`` and the three lines inside it.
    real: bytes
    content: bytes

    def read(self, data: bytes) -> bundle.Bundle:
        return bundle.read(data, self.keys, self.sites.get, schema=migrate.SCHEMA_HEAD)


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Org:
    root = tmp_path_factory.mktemp("org")
    a = make_home(root / "a")
    try:
        partner = sync_enrolment.add_site(a, B_LABEL, root / "b.clinvite")
        residents.admit_resident(a, resident_details(notes="Likes the garden; tea with two sugars."))
        sync.export_changes(a, root / "a.clsync", to_site=partner.site_id)
        org_keys = organisation_keys(a)
        sender = a.site_id
    finally:
        a.close()
    real = (root / "a.clsync").read_bytes()
    sites = {sender: SiteKey(A_LABEL, org_keys.public_signing_key, False)}
    found = Org(org_keys, sender, sites, real, b"")
    assert found.read(real).record_count >= 1
    return Org(org_keys, sender, sites, real, _content_of(found, real))


def _content_of(org: Org, data: bytes) -> bytes:
    import pyrage
    import zstandard

    compressed = pyrage.decrypt(data, [pyrage.x25519.Identity.from_str(org.keys.identity)])
    return zstandard.ZstdDecompressor().decompressobj().decompress(bytes(compressed))


# -- the property ---------------------------------------------------------------------------------


def outcome(org: Org, data: bytes) -> bundle.Bundle | SyncFileRefused:
    """Read ``data``: a Bundle, or the refusal; any other exception fails the test. Python memory
    used while reading stays under MEMORY_LIMIT."""
    tracemalloc.start()
    try:
        try:
            result: bundle.Bundle | SyncFileRefused = org.read(data)
        except SyncFileRefused as refused:
            result = refused
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_LIMIT, f"reading {len(data)} bytes used {peak / 1e6:.1f} MB"
    # What the examples came to (pytest --hypothesis-show-statistics): how deep the fuzzing goes.
    with contextlib.suppress(InvalidArgument):  # (outside a hypothesis test there is no event)
        event("read" if isinstance(result, bundle.Bundle) else str(result)[:48])
    if isinstance(result, SyncFileRefused):
        message = str(result)
        assert message.endswith("Nothing was imported.") and "\n" not in message, message
    return result


def refused(org: Org, data: bytes) -> bool:
    return isinstance(outcome(org, data), SyncFileRefused)


# -- the outer layer: bytes, and damage to a real file --------------------------------------------


@FUZZ
@given(data=st.binary(max_size=4096))
@example(data=b"")
@example(data=bundle.AGE_MAGIC)
@example(data=bundle.AGE_MAGIC + b"-> X25519 \n--- \n")
def test_random_bytes_are_refused(org: Org, data: bytes) -> None:
    assert refused(org, data)


@FUZZ
@given(rest=st.binary(max_size=4096))
def test_random_bytes_after_the_age_line_are_refused(org: Org, rest: bytes) -> None:
    assert refused(org, bundle.AGE_MAGIC + rest)


@st.composite
def damaged_copies(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` truncated, with bytes flipped, with a part replaced, inserted, deleted or
    repeated, or cut short and followed by other bytes."""
    n = len(original)
    at = st.integers(0, n - 1)
    kind = draw(st.sampled_from(["truncate", "flip", "splice", "insert", "delete", "repeat", "join"]))
    if kind == "truncate":
        return original[: draw(at)]
    if kind == "flip":
        out = bytearray(original)
        for position, mask in draw(st.lists(st.tuples(at, st.integers(1, 255)), min_size=1, max_size=8)):
            out[position] ^= mask
        return bytes(out)
    start = draw(at)
    end = draw(st.integers(start, min(n, start + 64)))
    if kind == "splice":
        return original[:start] + draw(st.binary(min_size=1, max_size=64)) + original[end:]
    if kind == "insert":
        return original[:start] + draw(st.binary(min_size=1, max_size=64)) + original[start:]
    if kind == "delete":
        return original[:start] + original[end + 1 :]
    if kind == "repeat":
        return original[:end] + original[start:end] + original[end:] if end > start else original + b"\n"
    return original[:start] + draw(st.binary(max_size=256))


@settings(FUZZ, max_examples=300 * SCALE)
@given(data=st.data())
def test_any_change_to_a_real_file_is_refused(org: Org, data: st.DataObject) -> None:
    damaged = data.draw(damaged_copies(org.real))
    assert refused(org, damaged) == (damaged != org.real)


def test_the_real_file_is_read(org: Org) -> None:
    """The control for the tests above: the undamaged file is read."""
    found = outcome(org, org.real)
    assert isinstance(found, bundle.Bundle)
    assert found.header.site_id == org.sender


# -- the layer under the encryption: the compressed content ---------------------------------------


@settings(FUZZ, max_examples=150 * SCALE)
@given(data=st.data())
def test_damaged_compressed_content_under_a_good_encryption_is_refused(org: Org, data: st.DataObject) -> None:
    compressed = compress(org.content)
    damaged = data.draw(damaged_copies(compressed) | st.binary(max_size=2048))
    # A damaged frame could unpack to anything up to the limit: keep the limit small here.
    with mock.patch.object(bundle, "MAX_CONTENT_BYTES", 2 * 1024 * 1024):
        result = outcome(org, encrypt(org.keys.recipient, damaged))
    if damaged != compressed:
        # Zstd frames carry no checksum by default, so a change may unpack to other content;
        # the signature then refuses it unless the content came out the same.
        assert isinstance(result, SyncFileRefused) or _unpacks_to(damaged) == org.content


def _unpacks_to(compressed: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdDecompressor().decompressobj().decompress(compressed)


# -- the content: three JSON lines, properly compressed, encrypted and signed ----------------------


@dataclass(frozen=True)
class Raw:
    """JSON text written as is (numbers JSON allows but Python's json would not write)."""

    text: str


RAW = st.sampled_from(
    [
        Raw("1" + "0" * 5000),  # more digits than Python turns into an int by default
        Raw("-" + "9" * 400),
        Raw("1e400"),
        Raw("-1e400"),
        Raw("Infinity"),
        Raw("NaN"),
        Raw("1.5e-400"),
        Raw("[" * 5000 + "]" * 5000),  # nested deeper than the parser recurses
        Raw('{"a":' * 3000 + "1" + "}" * 3000),
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.just("x" * 600)
    | RAW
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
TABLE_NAMES = [t.name for t in records.synced_tables()]


def _dump(value: Any) -> bytes:
    """JSON text of ``value``, with every Raw written as is."""
    raws: list[str] = []

    def mark(obj: Any) -> Any:
        if isinstance(obj, Raw):
            raws.append(obj.text)
            return f"@@raw{len(raws) - 1}@@"
        if isinstance(obj, list):
            return [mark(v) for v in obj]
        if isinstance(obj, dict):
            return {k: mark(v) for k, v in obj.items()}
        return obj

    text = json.dumps(mark(value), ensure_ascii=False, separators=(",", ":"))
    for i, raw in enumerate(raws):
        text = text.replace(f'"@@raw{i}@@"', raw)
    return text.encode("utf-8", "surrogatepass")


def hlcs(site: str) -> st.SearchStrategy[Any]:
    good = st.builds(
        lambda wall, counter: f"{wall:015d}-{counter:06d}-{site}",
        st.integers(0, 10**15 - 1),
        st.integers(0, 999_999),
    )
    return good | st.text(max_size=70) | st.just("1-2") | st.just("x-y-z") | SCALARS


#: Two PCs this one has not met: S (sends the file) was added by M, and M by the known sender.
STRANGER, MIDDLE = "5a5a5a5a-0000-4000-8000-000000000005", "3c3c3c3c-0000-4000-8000-00000000000c"
STRANGER_KEY, MIDDLE_KEY = bytes(range(32)), bytes(range(32, 64))


def _endorsed(org: Org, by: bytes, site: str, key: bytes) -> dict[str, Any]:
    """A well formed chain link for ``site``, endorsed with the signing key ``by``."""
    public = keys.public_key_text(key)
    text = keys.endorsement_text(org.keys.organisation_id, site, public)
    endorsement = base64.b64encode(OrganisationKeys("", "", by).sign(text)).decode("ascii")
    return {"site": site, "label": "New PC", "key": public, "endorsed_by": None, "endorsement": endorsement}


@st.composite
def chains(draw: st.DrawFn, org: Org) -> Any:
    """An endorsement chain from S to the known sender (directly or through M), each part of it
    possibly wrong; or any JSON."""
    direct = _endorsed(org, org.keys.signing_key, STRANGER, STRANGER_KEY) | {"endorsed_by": org.sender}
    via = _endorsed(org, MIDDLE_KEY, STRANGER, STRANGER_KEY) | {"endorsed_by": MIDDLE}
    middle = _endorsed(org, org.keys.signing_key, MIDDLE, MIDDLE_KEY) | {"endorsed_by": org.sender}
    links = draw(st.sampled_from([[direct], [via, middle], [middle, via], [via], [via, via, middle]]))
    links = [dict(link) for link in links]
    for link in draw(st.lists(st.sampled_from(links), max_size=2)):
        field = draw(st.sampled_from(sorted(link)))
        link[field] = draw(
            st.sampled_from([None, org.sender, STRANGER, MIDDLE, "é" * 8, "!!", link["key"]]) | JSON
        )
    return links if draw(st.integers(0, 9)) else draw(JSON)


@st.composite
def headers(draw: st.DrawFn, org: Org, rows: int, sender: str) -> Any:
    """A header: well formed, with some fields fuzzed, or any JSON at all."""
    good: dict[str, Any] = {
        "carelink_sync": bundle.FORMAT,
        "organisation": org.keys.organisation_id,
        "site": sender,
        "site_label": A_LABEL,
        "file_id": str(uuid.uuid4()),
        "made_at": datetime(2026, 3, 1, 9, 30, tzinfo=UTC).isoformat(timespec="microseconds"),
        "full": False,
        "to_site": None,
        "schema": migrate.SCHEMA_HEAD,
        "records": rows,
        "chain": draw(chains(org)) if sender == STRANGER else [],
    }
    shape = draw(st.sampled_from(["good", "good", "fields", "any"]))
    if shape == "any":
        return draw(JSON)
    if shape == "fields":
        for key in draw(st.lists(st.sampled_from(sorted(good)), max_size=4, unique=True)):
            if draw(st.booleans()):
                del good[key]
            else:
                good[key] = draw(JSON)
        good.update(draw(st.dictionaries(st.text(max_size=10), JSON, max_size=2)))
    return good


@st.composite
def tables(draw: st.DrawFn, org: Org) -> tuple[Any, int]:
    """A body: tables whose names, columns, rows and version vectors are mostly right, with
    some of each wrong; and the number of rows in it."""
    out: dict[str, Any] = {}
    total = 0
    for name in draw(st.lists(st.sampled_from(TABLE_NAMES) | st.text(max_size=12), max_size=3, unique=True)):
        known = list(records.column_names(name)) or ["id", "hlc", "site_id", "deleted"]
        columns: Any = draw(st.permutations(known))
        if draw(st.integers(0, 5)) == 0:
            columns = draw(st.lists(st.sampled_from([*known, "nope", ""]) | JSON, max_size=6))
        width = len(columns) if isinstance(columns, list) else 3
        at = {c: i for i, c in enumerate(columns) if isinstance(c, str)} if isinstance(columns, list) else {}
        rows: list[Any] = []
        for _ in range(draw(st.integers(0, 3))):
            row: Any = [draw(SCALARS) for _ in range(width + draw(st.sampled_from([0, 0, 0, -1, 1])))]
            if isinstance(at.get("id"), int) and at["id"] < len(row) and draw(st.booleans()):
                row[at["id"]] = draw(st.sampled_from([str(uuid.uuid4()), ""]) | SCALARS)
            if isinstance(at.get("hlc"), int) and at["hlc"] < len(row) and draw(st.booleans()):
                row[at["hlc"]] = draw(hlcs(org.sender))
            rows.append(row if draw(st.integers(0, 9)) else draw(JSON))
        versions = [
            draw(st.dictionaries(st.text(max_size=40), hlcs(org.sender), max_size=2) | JSON)
            for _ in range(len(rows) + draw(st.sampled_from([0, 0, 0, -1, 1])))
        ]
        part: Any = {"columns": columns, "rows": rows, "versions": versions}
        if draw(st.integers(0, 9)) == 0:
            part = draw(JSON)
        out[name] = part
        total += len(rows)
    body: Any = {"tables": out}
    if draw(st.integers(0, 9)) == 0:
        body = draw(JSON)
    return body, total


@st.composite
def contents(draw: st.DrawFn, org: Org) -> bytes:
    """The three lines of a sync file, signed by the known sender, or by a PC it added (with the
    chain of endorsements that vouches for it), so the reader goes past the signature; or with
    the signature or the lines themselves broken."""
    sender, key = draw(st.sampled_from([(org.sender, org.keys.signing_key), (STRANGER, STRANGER_KEY)]))
    body, rows = draw(tables(org))
    head = _dump(draw(headers(org, rows, sender)))
    text = _dump(body)
    shape = draw(st.sampled_from(["signed", "signed", "signed", "bad signature", "bad lines"]))
    if shape == "signed":
        return signed_lines(key, head, text)
    if shape == "bad signature":
        wrong = base64.b64encode(draw(st.binary(min_size=60, max_size=70))).decode("ascii")
        value = st.sampled_from([wrong, wrong + "é", "é"]) | st.text(max_size=90) | JSON
        signature = _dump(draw(st.fixed_dictionaries({"signature": value}) | JSON))
        return head + b"\n" + text + b"\n" + signature + b"\n"
    lines = draw(st.lists(st.sampled_from([head, text, draw(st.binary(max_size=40))]), max_size=5))
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n"]))


@settings(FUZZ, max_examples=300 * SCALE)
@given(data=st.data())
def test_fuzzed_content_signed_by_a_known_pc_is_refused_or_read(org: Org, data: st.DataObject) -> None:
    content = data.draw(contents(org))
    outcome(org, seal(org.keys.recipient, content))


@FUZZ
@given(content=st.binary(max_size=2048))
def test_random_content_under_a_good_encryption_is_refused(org: Org, content: bytes) -> None:
    assert refused(org, seal(org.keys.recipient, content))


def test_the_fuzzed_content_reaches_the_rows(org: Org) -> None:
    """The control for the content fuzzing: a well formed, signed content built the same way is
    read, and one bad row in it is refused, so the fuzzing goes past the signature."""
    header = json.loads(org.content.split(b"\n")[0])
    body = json.loads(org.content.split(b"\n")[1])
    good = signed_lines(org.keys.signing_key, header, body)
    assert isinstance(outcome(org, seal(org.keys.recipient, good)), bundle.Bundle)
    table = next(iter(body["tables"].values()))
    table["rows"][0] = table["rows"][0][:-1]
    bad = signed_lines(org.keys.signing_key, header, body)
    assert refused(org, seal(org.keys.recipient, bad))


def test_a_pc_vouched_for_by_the_known_one_is_read(org: Org) -> None:
    """The control for the chain fuzzing: S, added by M, added by the known sender, is accepted
    with a well formed chain, so the fuzzing reaches every step of the chain check."""
    header = json.loads(org.content.split(b"\n")[0])
    via = _endorsed(org, MIDDLE_KEY, STRANGER, STRANGER_KEY) | {"endorsed_by": MIDDLE}
    middle = _endorsed(org, org.keys.signing_key, MIDDLE, MIDDLE_KEY) | {"endorsed_by": org.sender}
    header.update(site=STRANGER, chain=[via, middle])
    body = org.content.split(b"\n")[1]
    found = outcome(org, seal(org.keys.recipient, signed_lines(STRANGER_KEY, header, body)))
    assert isinstance(found, bundle.Bundle)
    assert found.header.site_id == STRANGER


# -- crashes found, pinned until fixed ------------------------------------------------------------


def _signed(
    org: Org, header: bytes | dict[str, Any] | None = None, signature_line: bytes | None = None
) -> bytes:
    head = header if header is not None else org.content.split(b"\n")[0]
    body = org.content.split(b"\n")[1]
    content = signed_lines(org.keys.signing_key, head, body)
    if signature_line is not None:
        content = content[: content.rindex(b"\n", 0, len(content) - 1) + 1] + signature_line + b"\n"
    return seal(org.keys.recipient, content)


@pytest.mark.parametrize("number", ["Infinity", "1e400", "-Infinity"])
def test_a_header_count_that_is_not_a_finite_number_is_refused(org: Org, number: str) -> None:
    head = org.content.split(b"\n")[0]
    records_now = json.loads(head)["records"]
    changed = head.replace(f'"records":{records_now}'.encode(), f'"records":{number}'.encode())
    assert changed != head
    with pytest.raises(SyncFileRefused, match="damaged"):
        org.read(_signed(org, changed))


def test_a_signature_that_is_not_ascii_is_refused(org: Org) -> None:
    with pytest.raises(SyncFileRefused, match="damaged"):
        org.read(_signed(org, signature_line='{"signature": "é"}'.encode()))


def test_an_endorsement_that_is_not_ascii_is_refused(org: Org) -> None:
    header = json.loads(org.content.split(b"\n")[0])
    link = _endorsed(org, org.keys.signing_key, STRANGER, STRANGER_KEY)
    header.update(site=STRANGER, chain=[link | {"endorsed_by": org.sender, "endorsement": "é"}])
    content = signed_lines(STRANGER_KEY, header, org.content.split(b"\n")[1])
    with pytest.raises(SyncFileRefused, match="does not know"):
        org.read(seal(org.keys.recipient, content))


def test_a_header_date_without_a_time_zone_is_refused(org: Org) -> None:
    header = json.loads(org.content.split(b"\n")[0])
    header["made_at"] = "2026-03-01T09:30:00"
    with pytest.raises(SyncFileRefused, match="damaged"):
        org.read(_signed(org, header))


def test_a_file_with_an_age_header_longer_than_any_real_one_is_refused_before_age_parses_it(
    org: Org,
) -> None:
    stanza = b"-> grease\n" + b"A" * 64 + b"\n" + b"AAAA\n"
    data = bundle.AGE_MAGIC + stanza * 13_000 + org.real[org.real.index(b"--- ") :]
    assert data.index(b"\n--- ") > 1_000_000

    def no_parsing(*_: object) -> bytes:
        raise AssertionError("age was asked to parse a 1 MB header")

    import pyrage

    with mock.patch.object(pyrage, "decrypt", no_parsing), pytest.raises(SyncFileRefused, match="damaged"):
        org.read(data)


def test_the_real_header_is_far_shorter_than_the_proposed_limit(org: Org) -> None:
    assert org.real.index(b"\n--- ") < 1024
