"""CareLink Desktop: confidential records of relationships, visits and carer plans for care homes."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "CareLink Desktop"
