"""Helper for test_crash_durability (not a test): log in, then admit residents one per
transaction for ever, printing ``committed N ID`` after each commit, until killed.

    python _crash_writer.py HOME STATE USER MEMORY_KIB ITERATIONS LANES   (password on stdin)
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from carelink_desktop.domain.residents import ResidentDetails
from carelink_desktop.paths import HomePaths
from carelink_desktop.services.access import unlock
from carelink_desktop.services.residents import admit_resident
from carelink_desktop.storage.keyslots import KdfParams


def main(argv: list[str]) -> None:
    home, state, user, memory, iterations, lanes = argv[1:7]
    password = sys.stdin.readline().rstrip("\r\n")
    kdf = KdfParams(int(memory), int(iterations), int(lanes))
    ws = unlock(HomePaths(Path(home)), user, password, state_dir=Path(state), kdf=kdf)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        view = admit_resident(
            ws,
            ResidentDetails(
                legal_given_names="Crash",
                legal_family_name=f"Test {n:05d}",
                date_of_birth=date(1940, 1, 1),
                room=str(n),
                admission_date=date(2024, 1, 1),
            ),
        )
        print(f"committed {n} {view.id}", flush=True)


if __name__ == "__main__":
    main(sys.argv)
