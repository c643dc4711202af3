"""What is in the inbox: every entry gets a record, even those that are not read.

The inbox is walked without following links, so nothing outside it is ever read
through one; a link, a FIFO or a device is listed with the reason it was skipped.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import InboxError

SKIPPED = {
    "symlink": "a symbolic link: not followed, so that nothing outside the inbox is read",
    "fifo": "a named pipe (FIFO), not a file: skipped",
    "device": "a device, not a file: skipped",
    "socket": "a socket, not a file: skipped",
}


@dataclass(frozen=True)
class Entry:
    path: Path
    source: str  # relative to the inbox
    kind: str  # "file" or a key of SKIPPED

    @property
    def skip_reason(self) -> str:
        return SKIPPED.get(self.kind, "")


def _kind(path: Path) -> str:
    mode = os.lstat(path).st_mode
    if stat.S_ISLNK(mode):
        return "symlink"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "file"


def list_inbox(inbox: Path, ignore: tuple[str, ...] = ()) -> list[Entry]:
    """Every entry under the inbox but folders, in a stable order."""
    if not inbox.is_dir():
        raise InboxError(f"the inbox {inbox} is not a readable folder: check the path")
    if not os.access(inbox, os.R_OK | os.X_OK):
        raise InboxError(f"the inbox {inbox} cannot be read: check its permissions")
    inbox = inbox.absolute()  # workers, local or on a cluster, get a full path
    errors: list[OSError] = []
    entries = []
    for folder, dirs, files in os.walk(inbox, followlinks=False, onerror=errors.append):
        # a link to a folder is listed (and skipped), never walked into
        names = files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        for name in names:
            path = Path(folder) / name
            source = str(path.relative_to(inbox))
            if any(Path(source).match(g) for g in ignore):
                continue
            entries.append(Entry(path, source, _kind(path)))
    if errors and not entries:
        raise InboxError(f"the inbox {inbox} cannot be read ({errors[0]}): check its permissions")
    return sorted(entries, key=lambda e: e.source)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
