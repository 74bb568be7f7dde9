"""Render the app icon (resources/ui/icons/app.svg) into the formats installers want:
salesdesk.ico (Windows executable and shortcuts), salesdesk.icns (macOS app bundle) and
PNGs. Qt's own image plugins write ICO and ICNS, so no extra tool is needed on any
build machine.

    python packaging/make_icons.py OUTPUT_DIR
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "ui" / "icons" / "app.svg"
# Windows uses 16..256 px; macOS's ICNS up to 1024 px (Retina 512@2x).
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(output: Path, svg: Path = SVG) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["make_icons"])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")

    def image(size: int) -> QImage:
        picture = QImage(size, size, QImage.Format.Format_ARGB32)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        renderer.render(painter)
        painter.end()
        return picture

    output.mkdir(parents=True, exist_ok=True)
    pngs = {size: _png(image(size)) for size in sorted({*ICO_SIZES, *ICNS_SIZES})}
    written = []
    for size in (256, 512):
        path = output / f"salesdesk-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    ico = output / "salesdesk.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = output / "salesdesk.icns"
    icns.write_bytes(icns_bytes(pngs))
    written += [ico, icns]
    return written


def _png(picture: object) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage

    assert isinstance(picture, QImage)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12's stubs say the format is bytes; at run time only str is accepted.
    if not picture.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise SystemExit("cannot encode PNG")
    buffer.close()
    return bytes(data.data())


# Qt's ICO and ICNS writers store one image per file; an icon needs every size, so the
# containers are written here. Both formats take PNG-compressed images (Windows Vista
# and later, macOS 10.7 and later).
def ico_bytes(images: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries = b""
    body = b""
    for size, png in sorted(images.items()):
        edge = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset)
        body += png
        offset += len(png)
    return header + entries + body


_ICNS_TYPES = {
    16: b"icp4",
    32: b"icp5",
    64: b"icp6",
    128: b"ic07",
    256: b"ic08",
    512: b"ic09",
    1024: b"ic10",
}


def icns_bytes(images: dict[int, bytes]) -> bytes:
    chunks = b"".join(
        kind + struct.pack(">I", len(images[size]) + 8) + images[size]
        for size, kind in _ICNS_TYPES.items()
        if size in images
    )
    return b"icns" + struct.pack(">I", len(chunks) + 8) + chunks


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for path in render(Path(argv[1])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
