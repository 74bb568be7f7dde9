"""Price lists kept on this device: immutable files named by content hash.

Every version an open sale uses stays here; the sale itself embeds its snapshot, so this
store only serves new sales and the product picker.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from salesdesk.sales.pricelist import PriceList, load_price_list


class PriceListStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._current_file = folder / "current"

    def import_file(self, path: Path) -> PriceList:
        """Load, validate and store a price list file; it becomes the current one."""
        return self.add(load_price_list(path), make_current=True)

    def add(self, price_list: PriceList, *, make_current: bool = True) -> PriceList:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{price_list.content_hash()}.json"
        if not target.exists():
            _atomic_write(target, price_list.model_dump_json(indent=None).encode())
        if make_current:
            _atomic_write(self._current_file, price_list.content_hash().encode())
        return price_list

    def current(self) -> PriceList | None:
        try:
            content_hash = self._current_file.read_text().strip()
        except FileNotFoundError:
            return None
        return self.get(content_hash)

    def get(self, content_hash: str) -> PriceList | None:
        path = self.folder / f"{content_hash}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return PriceList.from_snapshot(data, content_hash)

    def hashes(self) -> list[str]:
        if not self.folder.exists():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json"))


def _atomic_write(path: Path, data: bytes) -> None:
    """Write-then-rename with fsync, so a crash leaves either the old or the new file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
