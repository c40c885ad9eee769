"""Render a ReportDocument as a PDF, in memory, with reportlab.

Every page carries the home's name, the report's title and subject, "CONFIDENTIAL" with the
handling line, and a footer with "Page x of y", who printed it and when, and the redaction. Only
the fonts shipped in ``resources/fonts`` are used (DejaVu Sans, and Symbola for the emoji DejaVu
lacks: see ``pdf_style``), so every font is embedded and every name (Welsh, Polish, Turkish,
Vietnamese...) can be spelt. The PDF's metadata holds the generic
title only: never the subject, the home or the person who printed it.

Nothing is written to disk here: the caller decides where the bytes go (an atomic write, a print
preview, an encrypted export).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from carelink_desktop.reports.document import HANDLING_LINE, ReportDocument, page_label, printed_line
from carelink_desktop.reports.pdf_blocks import (
    DIAGRAMS,
    block_flowables,
    keep_headings_with_content,
    register_diagram,
)
from carelink_desktop.reports.pdf_style import (
    BOLD,
    CONFIDENTIAL_RED,
    INK,
    ITALIC,
    MUTED,
    NAVY,
    REGULAR,
    RULE,
    draw_text,
    markup,
    register_fonts,
    text_width,
)

__all__ = [
    "DIAGRAMS",
    "PAPER_SIZES",
    "block_flowables",
    "keep_headings_with_content",
    "markup",
    "register_diagram",
    "register_fonts",
    "render_pdf",
]

APP_NAME = "CareLink Desktop"
PAPER_SIZES: dict[str, tuple[float, float]] = {"A4": A4, "Letter": LETTER}

MARGIN_X = 18 * mm
HEADER_HEIGHT = 31.5 * mm
FOOTER_HEIGHT = 19.5 * mm


# -- pages ---------------------------------------------------------------------------------


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut to ``width`` points with an ellipsis if it is too long."""
    if text_width(text, font, size) <= width:
        return text
    text = text[: int(width / (size * 0.25))]  # no glyph is narrower than a quarter em
    while text and text_width(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _title_width(title: str, subject: str, size: float) -> float:
    return text_width(title, BOLD, size) + text_width(subject, REGULAR, size)


PAGE_NUMBER_SIZE = 8.0
PAGE_NUMBER_Y = 11 * mm


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds each page back until the end so it can write "Page x of y" with the real total."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(BOLD, PAGE_NUMBER_SIZE)
            self.setFillColor(NAVY)
            self.drawRightString(self._pagesize[0] - MARGIN_X, PAGE_NUMBER_Y, page_label(number, total))
            super().showPage()
        super().save()


def _decorate(doc: ReportDocument) -> Callable[[Canvas, Any], None]:
    printed = printed_line(doc)
    label = doc.redaction.label
    explanation = label.split(": ", 1)[1] if ": " in label else ""
    redaction = f"Redaction: {doc.redaction.short_label}" + (f" · {explanation}" if explanation else "")

    def draw(c: Canvas, _template: Any) -> None:
        w, h = c._pagesize
        right, usable = w - MARGIN_X, w - 2 * MARGIN_X
        c.saveState()
        # the home's name, with CONFIDENTIAL white on red at the right of the same line
        tag_w = pdfmetrics.stringWidth("CONFIDENTIAL", BOLD, 10) + 14
        c.setFillColor(CONFIDENTIAL_RED)
        c.roundRect(right - tag_w, h - 14.6 * mm, tag_w, 6.4 * mm, 2, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont(BOLD, 10)
        c.drawCentredString(right - tag_w / 2, h - 12.5 * mm, "CONFIDENTIAL")
        c.setFillColor(MUTED)
        draw_text(
            c,
            MARGIN_X,
            h - 12.5 * mm,
            _fit(doc.home_name, BOLD, 8.5, usable - tag_w - 10),
            font=BOLD,
            size=8.5,
        )
        # the report's title and whose report it is, smaller type before it is ever cut short
        subject = f"  —  {doc.subject}" if doc.subject else ""
        size = 13.0
        while size > 10.5 and _title_width(doc.title, subject, size) > usable:
            size -= 0.5
        title = _fit(doc.title, BOLD, size, usable)
        c.setFillColor(NAVY)
        title_w = draw_text(c, MARGIN_X, h - 20 * mm, title, font=BOLD, size=size)
        if subject and title_w < usable - 20:
            c.setFillColor(INK)
            fitted = _fit(subject, REGULAR, size, usable - title_w)
            draw_text(c, MARGIN_X + title_w, h - 20 * mm, fitted, font=REGULAR, size=size)
        c.setFillColor(CONFIDENTIAL_RED)
        c.setFont(ITALIC, 7.5)
        c.drawString(MARGIN_X, h - 25 * mm, _fit(HANDLING_LINE, ITALIC, 7.5, usable))
        c.setStrokeColor(NAVY)
        c.setLineWidth(0.8)
        c.line(MARGIN_X, h - 27.5 * mm, right, h - 27.5 * mm)
        # footer: rule, printed by, redaction (the page number is added by _NumberedCanvas)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(MARGIN_X, 15.5 * mm, right, 15.5 * mm)
        c.setFillColor(MUTED)
        draw_text(
            c, MARGIN_X, PAGE_NUMBER_Y, _fit(printed, REGULAR, 7.5, usable - 95), font=REGULAR, size=7.5
        )
        c.setFont(BOLD, 7.5)
        c.drawString(MARGIN_X, 7 * mm, _fit(redaction, BOLD, 7.5, usable))
        c.restoreState()

    return draw


def render_pdf(doc: ReportDocument, *, paper: str = "A4") -> bytes:
    """The document as PDF bytes, on ``paper`` ("A4" or "Letter"), made in memory only."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"Unknown paper size {paper!r}: use A4 or Letter.")
    register_fonts()
    size = PAPER_SIZES[paper]
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=HEADER_HEIGHT,
        bottomMargin=FOOTER_HEIGHT,
        title=doc.title,
        author=APP_NAME,
        creator=APP_NAME,
        producer=APP_NAME,
        subject="",
        keywords="",
        lang="en-GB",
        initialFontName=REGULAR,
        initialFontSize=9.5,
    )
    width = size[0] - 2 * MARGIN_X
    frame = Frame(
        MARGIN_X,
        FOOTER_HEIGHT,
        width,
        size[1] - HEADER_HEIGHT - FOOTER_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_decorate(doc))])
    story: list[Flowable] = []
    for block in doc.blocks:
        story.extend(block_flowables(block, width, doc.redaction))
    story = keep_headings_with_content(story) or [Spacer(1, 1)]
    template.build(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


# Drawings other modules teach the renderer: imported here so that any PDF can hold them.
from carelink_desktop.reports import relationship_circle_pdf as _relationship_circle  # noqa: E402,F401
