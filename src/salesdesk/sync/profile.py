"""Which server this profile syncs with, as whom. Holds no secret (the token is in the
keyring); written atomically next to the local database."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

FILE = "sync.json"


@dataclass(frozen=True)
class SyncProfile:
    server_url: str
    user: str
    role: str = "agent"
    team: str | None = None
    ca_file: str | None = None  # extra CA bundle an admin policy may add; TLS stays verified


def load_profile(data_dir: Path) -> SyncProfile | None:
    path = data_dir / FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError:
        return None  # a damaged file means "not signed in"; login writes a fresh one
    return SyncProfile(**{k: data.get(k) for k in SyncProfile.__dataclass_fields__})


def save_profile(data_dir: Path, profile: SyncProfile) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".sync.")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(asdict(profile), fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, data_dir / FILE)


def clear_profile(data_dir: Path) -> None:
    (data_dir / FILE).unlink(missing_ok=True)
