from __future__ import annotations

import sys

from carelink_desktop.cli import main

sys.exit(main())
