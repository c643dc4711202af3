"""People of the review station: Argon2 password hashes, roles, slowed-down log-ins.

There is no default account: ``mailroom users add`` creates each one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .tx import writing

ROLES = ("clerk", "supervisor")
HASHER = PasswordHasher()
# verified when the name is unknown, so that a wrong name costs as long as a wrong password
_DUMMY_HASH = HASHER.hash("not a password of anyone")
FREE_FAILURES = 3  # failed log-ins allowed before each try has to wait
MAX_WAIT = 300.0  # seconds: the longest wait between tries
FAILURE_WINDOW = 3600.0  # failures older than this are forgotten


class AuthError(ValueError):
    """A user cannot be created or changed as asked; the message says why."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    active: bool = True

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def valid_name(name: str) -> bool:
    return 1 <= len(name) <= 64 and all(c.isalnum() or c in "._-@" for c in name)


def add_user(db: sqlite3.Connection, name: str, password: str, role: str) -> User:
    """Creates a user; the password is kept only as its Argon2 hash."""
    if not valid_name(name):
        raise AuthError("a name is 1 to 64 letters, digits or . _ - @")
    if role not in ROLES:
        raise AuthError(f"the role is one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise AuthError("a password has at least 8 characters")
    try:
        with writing(db):
            db.execute("INSERT INTO users VALUES (?, ?, ?, 1, ?)",
                       (name, HASHER.hash(password), role,
                        dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
    except sqlite3.IntegrityError as exc:
        raise AuthError(f"there is already a user named {name}") from exc
    return User(name, role)


def get_user(db: sqlite3.Connection, name: str) -> User | None:
    row = db.execute("SELECT name, role, active FROM users WHERE name = ?", (name,)).fetchone()
    return User(row["name"], row["role"], bool(row["active"])) if row else None


def list_users(db: sqlite3.Connection) -> list[User]:
    rows = db.execute("SELECT name, role, active FROM users ORDER BY name").fetchall()
    return [User(r["name"], r["role"], bool(r["active"])) for r in rows]


def change_user(db: sqlite3.Connection, name: str, *, role: str | None = None,
                active: bool | None = None, password: str | None = None) -> None:
    """A supervisor's change to a user: role, active or not, a new password."""
    if get_user(db, name) is None:
        raise AuthError(f"there is no user named {name}")
    with writing(db):
        if role is not None:
            if role not in ROLES:
                raise AuthError(f"the role is one of {', '.join(ROLES)}")
            db.execute("UPDATE users SET role = ? WHERE name = ?", (role, name))
        if active is not None:
            db.execute("UPDATE users SET active = ? WHERE name = ?", (int(active), name))
        if password is not None:
            if len(password) < 8:
                raise AuthError("a password has at least 8 characters")
            db.execute("UPDATE users SET password_hash = ? WHERE name = ?",
                       (HASHER.hash(password), name))


def wait_before_next_try(db: sqlite3.Connection, name: str, now: float | None = None) -> float:
    """Seconds this name must wait before another log-in is tried (0: try now).

    After FREE_FAILURES failures each further one doubles the wait: 2, 4, 8 ... s.
    """
    now = time.time() if now is None else now
    rows = db.execute("SELECT at FROM login_failures WHERE name = ? AND at > ? ORDER BY at",
                      (name, now - FAILURE_WINDOW)).fetchall()
    if len(rows) < FREE_FAILURES:
        return 0.0
    wait = min(MAX_WAIT, 2.0 ** (len(rows) - FREE_FAILURES + 1))
    return max(0.0, rows[-1]["at"] + wait - now)


def check_password(db: sqlite3.Connection, name: str, password: str) -> User | None:
    """The user when the name and password match an active account, else None.

    A failure is remembered, and slows down the next tries for that name.
    """
    row = db.execute("SELECT name, role, active, password_hash FROM users WHERE name = ?",
                     (name,)).fetchone()
    try:
        HASHER.verify(row["password_hash"] if row else _DUMMY_HASH, password)
        ok = row is not None and bool(row["active"])
    except (VerificationError, InvalidHashError):
        ok = False
    with writing(db):
        if not ok:
            db.execute("INSERT INTO login_failures VALUES (?, ?)", (name[:64], time.time()))
            return None
        db.execute("DELETE FROM login_failures WHERE name = ?", (name,))
    return User(row["name"], row["role"], True)
