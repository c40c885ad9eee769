"""How reports look: the embedded fonts, the colours and the paragraph styles.

DejaVu Sans, shipped in ``resources/fonts``, sets all text: it is embedded in every PDF and spells
names from every community (Welsh ŵ and ŷ, Polish Ł, Turkish İ and ğ, Vietnamese tone marks).

Free text may hold characters DejaVu lacks, mostly emoji ("🎉", "🌹", "👍"). ``markup`` sets each
run of them in Symbola (also shipped, see ``resources/fonts/LICENSE-Symbola.txt``), so they are
drawn rather than shown as an empty box. A character neither font has (an emoji newer than
Unicode 9, such as "🥰") is drawn as a small box, yet still copied and searched as itself.

Text copied or extracted from the PDF is exactly what staff typed: reportlab writes characters
beyond U+FFFF into the PDF's ToUnicode map as invalid five-digit codes (so "😀" came out as
nothing or as garbage); ``register_fonts`` replaces that map's writer with one that writes
UTF-16, as the PDF standard asks.
"""

from __future__ import annotations

import threading
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
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
#: The fallback for characters DejaVu Sans lacks (emoji, pictographs): one face for every style.
SYMBOLS = "CareLinkSymbols"
SYMBOLS_FILE = "Symbola.ttf"
_font_lock = threading.Lock()
_registered: set[str] = set()  # the font names registered with reportlab in this process


class _Coverage:
    """Which characters each font draws, known once the fonts are registered."""

    def __init__(self) -> None:
        #: Code points every DejaVu face draws.
        self.dejavu: frozenset[int] = frozenset()
        #: The fallback face's own map of code points to glyphs (those no font has are added,
        #: with the box glyph, as they are met).
        self.symbols: dict[int, int] = {}


_coverage = _Coverage()
#: The fallback face's glyph for a character no font has: its white square, U+25A1.
_BOX = 0x25A1


def register_fonts() -> None:
    """Register DejaVu Sans (four styles) and the Symbola fallback with reportlab, and make
    reportlab write ToUnicode maps that hold characters beyond U+FFFF; once per process."""
    with _font_lock:
        if _registered:
            return
        folder = resources_dir() / "fonts"
        try:
            fonts = {name: TTFont(name, str(folder / file)) for name, file in _FONT_FILES.items()}
            symbols = TTFont(SYMBOLS, str(folder / SYMBOLS_FILE))
        except Exception as exc:  # reportlab raises its own TTFError or OSError
            raise CareLinkError(
                f"The fonts for printing are missing or damaged in {folder}: reinstall CareLink Desktop."
            ) from exc
        for font in (*fonts.values(), symbols):
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(
            REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        # one face for every style: <b> around a fallback run keeps the fallback font
        pdfmetrics.registerFontFamily(
            SYMBOLS, normal=SYMBOLS, bold=SYMBOLS, italic=SYMBOLS, boldItalic=SYMBOLS
        )
        _coverage.dejavu = frozenset.intersection(*(frozenset(f.face.charToGlyph) for f in fonts.values()))
        _coverage.symbols = symbols.face.charToGlyph
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
        _registered.update((*_FONT_FILES, SYMBOLS))


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """The ToUnicode CMap of one font subset (code i draws the character ``subset[i]``), with
    every character as UTF-16 (a pair of surrogates beyond U+FFFF), in blocks of at most 100
    as the PDF standard asks. Replaces reportlab's, which writes U+1F600 as ``<1F600>``."""

    def utf16(code: int) -> str:
        if code <= 0xFFFF:
            return f"{code:04X}"
        code -= 0x10000
        return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({font_name})",
        f"/Ordering ({font_name})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{font_name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    pairs = list(enumerate(subset))
    for start in range(0, len(pairs), 100):
        block = pairs[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(f"<{i:02X}> <{utf16(code)}>" for i, code in block)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _in_fallback(code: int) -> bool:
    """True when ``code`` is drawn with the fallback face: DejaVu lacks it (in any style).
    A character no font has is given the fallback's box glyph here, the first time it is met,
    so that it shows as a box and still has its own code (and so its own text) in the PDF."""
    if code in _coverage.dejavu:
        return False
    symbols = _coverage.symbols
    if code not in symbols:
        face = pdfmetrics.getFont(SYMBOLS).face
        with _font_lock:
            face.charWidths[code] = face.charWidths.get(_BOX, face.defaultWidth)
            symbols[code] = symbols[_BOX]
    return True


def drawn_by_dejavu(text: str) -> bool:
    """True when DejaVu Sans draws every character of ``text`` (no fallback run is needed)."""
    if text.isascii():
        return True
    if not _registered:
        register_fonts()
    dejavu = _coverage.dejavu
    return all(ord(ch) in dejavu for ch in text)


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
    line breaks kept, and each run of characters DejaVu lacks (emoji) set in the fallback font."""
    kept = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32)
    if drawn_by_dejavu(kept):
        return escape(kept).replace("\n", "<br/>")
    return "".join(_run(run, fallback) for run, fallback in font_runs(kept))


def font_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut where the font changes: (run, True when it is set in the fallback font)."""
    if drawn_by_dejavu(text):
        return [(text, False)] if text else []
    runs: list[tuple[str, bool]] = []
    run: list[str] = []
    fallback = False
    for ch in text:
        other = _in_fallback(ord(ch))
        if other != fallback and run:
            runs.append(("".join(run), fallback))
            run = []
        fallback = other
        run.append(ch)
    runs.append(("".join(run), fallback))
    return runs


def _run(text: str, fallback: bool) -> str:
    escaped = escape(text).replace("\n", "<br/>")
    return f'<font name="{SYMBOLS}">{escaped}</font>' if fallback else escaped


def text_width(text: str, font: str, size: float) -> float:
    """How wide ``text`` is drawn in ``font`` (its emoji in the fallback font), in points."""
    return float(
        sum(pdfmetrics.stringWidth(run, SYMBOLS if fb else font, size) for run, fb in font_runs(text))
    )


def draw_text(canvas: Any, x: float, y: float, text: str, *, font: str, size: float) -> float:
    """Draw one line of ``text`` at (x, y) in ``font``, its emoji in the fallback font, as one
    piece of text (so it is copied as one line); returns its width."""
    line = canvas.beginText(x, y)
    width = 0.0
    for run, fallback in font_runs(text):
        name = SYMBOLS if fallback else font
        line.setFont(name, size)
        line.textOut(run)
        width += pdfmetrics.stringWidth(run, name, size)
    canvas.drawText(line)
    return width


def para(text: str, style: str = "body") -> RLParagraph:
    return RLParagraph(markup(text), STYLES[style])
