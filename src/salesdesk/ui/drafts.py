"""Unfinished form fields kept as local drafts, so closing a window loses nothing.

What the agent typed but has not yet confirmed is not part of the sale's history (a
signal is recorded only when a step is confirmed). It is kept beside the history as
``<data_dir>/drafts/<workflow_id>.json``, written atomically (temporary file, fsync,
rename), and restored when the sale is opened again. Drafts are plain files, never
synced: they belong to this device and this person. These functions touch the disk,
so the UI calls them only on its worker thread.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DRAFT_VERSION = 1
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


@dataclass(frozen=True)
class Draft:
    workflow_id: str
    page: str  # the step the agent was on
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)  # step -> field -> value
    saved_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": DRAFT_VERSION,
            "workflow_id": self.workflow_id,
            "page": self.page,
            "fields": self.fields,
            "saved_at": self.saved_at or datetime.now(UTC).isoformat(timespec="seconds"),
        }

    @classmethod
    def from_json(cls, data: Any) -> Draft:
        if not isinstance(data, dict) or data.get("version") != DRAFT_VERSION:
            raise ValueError("not a SalesDesk draft of a known version")
        fields = data.get("fields")
        if not isinstance(fields, dict) or not all(isinstance(v, dict) for v in fields.values()):
            raise ValueError("draft fields must be an object of objects")
        return cls(
            workflow_id=str(data["workflow_id"]),
            page=str(data.get("page") or ""),
            fields={str(k): dict(v) for k, v in fields.items()},
            saved_at=str(data.get("saved_at") or ""),
        )


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def path(self, workflow_id: str) -> Path:
        if not _SAFE_ID.match(workflow_id):
            raise ValueError(f"unexpected sale id {workflow_id!r}")
        return self.folder / f"{workflow_id}.json"

    def load(self, workflow_id: str) -> Draft | None:
        path = self.path(workflow_id)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            draft = Draft.from_json(json.loads(text))
        except (ValueError, KeyError) as exc:
            # Keep the damaged file for support instead of silently overwriting it.
            keep = path.with_suffix(".damaged.json")
            os.replace(path, keep)
            log.warning("draft %s is damaged (%s); kept as %s", path, exc, keep)
            return None
        return draft if draft.workflow_id == workflow_id else None

    def save(self, draft: Draft) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(draft.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self.path(draft.workflow_id), data)

    def delete(self, workflow_id: str) -> None:
        self.path(workflow_id).unlink(missing_ok=True)

    def workflow_ids(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob("*.json") if ".damaged" not in p.name)


def atomic_write(path: Path, data: bytes) -> None:
    """Write-then-rename with fsync: a crash leaves the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if os.name == "posix":
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
