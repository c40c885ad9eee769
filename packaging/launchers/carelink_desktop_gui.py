"""PyInstaller entry point of the desktop program (``carelink-desktop``)."""

import sys

from carelink_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
