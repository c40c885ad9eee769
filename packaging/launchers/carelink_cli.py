"""PyInstaller entry point of the command line (``carelink``)."""

import sys

from carelink_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
