"""How reports look: the embedded fonts, the colours and the paragraph styles.

Only DejaVu Sans, shipped in ``resources/fonts``, is used: it is embedded in every PDF and spells
names from every community (Welsh ŵ and ŷ, Polish Ł, Turkish İ and ğ, Vietnamese tone marks).
"""

from __future__ import annotations

import threading
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph as RLParagraph

from carelink_desktop.domain.errors import CareLinkError
from carelink_desktop.paths import resources_dir

# -- fonts ---------------------------------------------------------------------------------

REGULAR, BOLD, ITALIC, BOLD_ITALIC = (
    "CareLinkSans",
    "CareLinkSans-Bold",
    "CareLinkSans-Oblique",
    "CareLinkSans-BoldOblique",
)
_FONT_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_font_lock = threading.Lock()
_registered: set[str] = set()  # the font names registered with reportlab in this process


def register_fonts() -> None:
    """Register DejaVu Sans (four styles) with reportlab, once per process."""
    with _font_lock:
        if _registered:
            return
        folder = resources_dir() / "fonts"
        try:
            for name, file in _FONT_FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(folder / file)))
        except Exception as exc:  # reportlab raises its own TTFError or OSError
            raise CareLinkError(
                f"The fonts for printing are missing or damaged in {folder}: reinstall CareLink Desktop."
            ) from exc
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered.update(_FONT_FILES)


# -- colours and styles --------------------------------------------------------------------

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
NAVY = colors.HexColor("#1F3A5F")
RULE = colors.HexColor("#C5CFDA")
HEADER_FILL = colors.HexColor("#E3EAF2")
SECTION_FILL = colors.HexColor("#EDF2F7")
ZEBRA = colors.HexColor("#F6F8FA")
CONFIDENTIAL_RED = colors.HexColor("#A61B1B")
INFO_FILL, INFO_BAR = colors.HexColor("#EEF4FA"), colors.HexColor("#3B6EA5")
WARN_FILL, WARN_BAR = colors.HexColor("#FCEFE9"), colors.HexColor("#B5400F")
SENSITIVE_FILL, SENSITIVE_BAR = colors.HexColor("#F5F1FA"), colors.HexColor("#6B4A9B")


def _style(name: str, **kw: Any) -> ParagraphStyle:
    base: dict[str, Any] = {"fontName": REGULAR, "fontSize": 9.5, "leading": 13, "textColor": INK}
    base.update(kw)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body", spaceAfter=5),
    "h1": _style(
        "h1",
        fontName=BOLD,
        fontSize=11.5,
        leading=15,
        textColor=NAVY,
        backColor=SECTION_FILL,
        borderPadding=(2.5, 5, 2.5, 5),
        leftIndent=5,
        rightIndent=5,
        spaceBefore=8,
        spaceAfter=4.5,
        keepWithNext=1,
    ),
    "h2": _style(
        "h2",
        fontName=BOLD,
        fontSize=10,
        leading=13,
        textColor=NAVY,
        spaceBefore=6,
        spaceAfter=2,
        keepWithNext=1,
    ),
    "caption": _style(
        "caption",
        fontName=BOLD,
        fontSize=8.5,
        leading=11,
        textColor=MUTED,
        spaceBefore=3,
        spaceAfter=2,
        keepWithNext=1,
    ),
    "cell": _style("cell", fontSize=8.5, leading=11),
    "cell_head": _style("cell_head", fontName=BOLD, fontSize=8.5, leading=11, textColor=NAVY),
    "label": _style("label", fontSize=8.5, leading=11.5, textColor=MUTED),
    "value": _style("value", fontSize=9.5, leading=12),
    "empty": _style("empty", fontName=ITALIC, fontSize=9, leading=12, textColor=MUTED, spaceAfter=5),
    "note": _style("note", fontSize=9, leading=12.5),
    "tag": _style("tag", fontName=BOLD, fontSize=7, leading=9, textColor=SENSITIVE_BAR, spaceAfter=1),
    "diagram": _style(
        "diagram", fontName=ITALIC, fontSize=9, leading=12, textColor=MUTED, alignment=TA_CENTER
    ),
    "sign_caption": _style("sign_caption", fontSize=7.5, leading=9, textColor=MUTED),
}


def markup(text: str) -> str:
    """Plain text made safe for reportlab's mini-markup: escaped, control characters dropped,
    line breaks kept."""
    kept = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    return escape(kept).replace("\r\n", "\n").replace("\n", "<br/>")


def para(text: str, style: str = "body") -> RLParagraph:
    return RLParagraph(markup(text), STYLES[style])
