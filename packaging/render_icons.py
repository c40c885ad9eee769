"""Render the application icon from its SVG sources into the PNG sizes and the Windows .ico.

    .venv/bin/python packaging/render_icons.py

``resources/icons/carelink.svg`` is the icon; ``carelink-small.svg`` is the same idea simplified
for 16 and 24 pixels, where three rings would blur into one. The outputs are committed (the build
never renders them), so this runs only when the SVGs change. It uses Qt's SVG renderer from the
development environment (PySide6) and writes the .ico by hand: 16-48 px as 32-bit bitmaps, which
every Windows version and Inno Setup read, and 64-256 px as PNG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL_UP_TO = 24


def _render(size: int):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    source = ICONS / ("carelink-small.svg" if size <= SMALL_UP_TO else "carelink.svg")
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {source}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def _png_bytes(image) -> bytes:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _bmp_entry(image) -> bytes:  # type: ignore[no-untyped-def]
    """A 32-bit BGRA DIB as an .ico stores it: bottom-up rows, then an all-zero AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in reversed(range(size)):
        row = bytearray()
        for x in range(size):
            argb = image.pixel(x, y)  # unpremultiplied ARGB (Format_ARGB32)
            row += struct.pack("<I", argb)  # little-endian ARGB is B, G, R, A
        rows.append(bytes(row))
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + b"\0" * (mask_row * size)


def _ico(images: dict[int, object]) -> bytes:
    entries = [(size, _bmp_entry(img) if size <= 48 else _png_bytes(img)) for size, img in images.items()]
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    directory, blobs = b"", b""
    for size, blob in entries:
        dim = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return out + directory + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    images = {size: _render(size) for size in PNG_SIZES}
    folder = ICONS / "png"
    folder.mkdir(exist_ok=True)
    for size, image in images.items():
        (folder / f"carelink-{size}.png").write_bytes(_png_bytes(image))
    (ICONS / "carelink.ico").write_bytes(_ico({s: images[s] for s in ICO_SIZES}))
    print(f"wrote {len(images)} PNGs to {folder} and {ICONS / 'carelink.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
