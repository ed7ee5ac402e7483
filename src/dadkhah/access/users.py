"""Users of a case, recipient profiles, and resolving who a command reads as.

The case owner (named in ``dadkhah.toml``) is always an admin with full clearance. Other users are
added by an admin with a role; their clearance defaults to the role's highest and can be set
lower. Passwords (for the web application) are stored as Argon2id hashes only.

The command line is not a security boundary on its own: whoever holds the case folder and its key
can act as anyone. ``--user`` records who did what and keeps people to least privilege; the
case key is what keeps identities from those who do not hold it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, insert, select, update

from dadkhah.access import audit, tables
from dadkhah.access.reader import Reader
from dadkhah.access.roles import BUILTIN_PROFILES, ROLES, USES, Profile, Role, role, slug, use
from dadkhah.errors import AccessDenied, Conflict, InputError, NotFound
from dadkhah.model.types import Sensitivity

_NAME = re.compile(r"^[\w.@+-]{1,128}$")
_HASHER = PasswordHasher()  # argon2-cffi's defaults follow RFC 9106 (Argon2id)
MIN_PASSWORD = 10


@dataclass(frozen=True)
class User:
    name: str
    role: str
    clearance: Sensitivity
    disabled: bool
    has_password: bool
    created_at: datetime | None
    created_by: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "clearance": self.clearance.label,
            "disabled": self.disabled,
            "password": self.has_password,
            "created_at": self.created_at.isoformat() if self.created_at else None,
            "created_by": self.created_by,
        }


def _user(row: Any) -> User:
    return User(
        row.name,
        row.role,
        Sensitivity(row.clearance),
        bool(row.disabled),
        row.password_hash is not None,
        row.created_at,
        row.created_by,
    )


def _clearance(r: Role, clearance: Sensitivity | str | None) -> Sensitivity:
    level = Sensitivity.parse(clearance) if clearance is not None else r.max_clearance
    if level > r.max_clearance:
        raise InputError(
            f"a{'n' if r.name[0] in 'aeiou' else ''} {r.name} can hold at most {r.max_clearance.label} "
            f"clearance, not {level.label}",
            field="clearance",
        )
    return level


def _name(name: str) -> str:
    name = name.strip()
    if not _NAME.match(name):
        raise InputError("a user name is 1–128 letters, digits or . _ @ + - (no spaces)", field="user")
    return name


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(
            f"the password is too short: use at least {MIN_PASSWORD} characters", field="password"
        )
    return _HASHER.hash(password)


# -- users ------------------------------------------------------------------------------------


def get_user(conn: Connection, name: str) -> User | None:
    row = conn.execute(select(tables.users).where(tables.users.c.name == name)).first()
    return _user(row) if row else None


def list_users(conn: Connection, owner: str) -> list[User]:
    """Every user, the owner first (listed even when not stored)."""
    found = [_user(r) for r in conn.execute(select(tables.users).order_by(tables.users.c.name))]
    if not any(u.name == owner for u in found):
        found.insert(0, User(owner, "admin", Sensitivity.PROTECTED, False, False, None, "(case owner)"))
    return sorted(found, key=lambda u: (u.name != owner, u.name))


def add_user(
    conn: Connection,
    name: str,
    role_name: str,
    *,
    by: str,
    owner: str,
    clearance: Sensitivity | str | None = None,
    password: str | None = None,
) -> User:
    name, r = _name(name), role(role_name)
    if name == owner and r.name != "admin":
        raise Conflict(f"{name} owns the case and is always an admin")
    level = _clearance(r, clearance)
    if get_user(conn, name) is not None:
        raise Conflict(f"user '{name}' already exists; change their role with 'dadkhah user role'")
    now = datetime.now(UTC)
    conn.execute(
        insert(tables.users).values(
            name=name,
            role=r.name,
            clearance=int(level),
            password_hash=_hash(password) if password else None,
            disabled=False,
            created_at=now,
            created_by=by,
            updated_at=now,
        )
    )
    audit.record(conn, actor=by, action="user.add", detail=f"{name}: {r.name}, {level.label}")
    user = get_user(conn, name)
    assert user is not None
    return user


def set_role(
    conn: Connection,
    name: str,
    role_name: str,
    *,
    by: str,
    owner: str,
    clearance: Sensitivity | str | None = None,
) -> User:
    r = role(role_name)
    if name == owner and r.name != "admin":
        raise Conflict(f"{name} owns the case and is always an admin")
    _require(conn, name)
    level = _clearance(r, clearance)
    _update(conn, name, role=r.name, clearance=int(level))
    audit.record(conn, actor=by, action="user.role", detail=f"{name}: {r.name}, {level.label}")
    return _require(conn, name)


def set_password(conn: Connection, name: str, password: str, *, by: str, owner: str) -> None:
    if get_user(conn, name) is None and name == owner:
        add_user(conn, name, "admin", by=by, owner=owner)
    _require(conn, name)
    _update(conn, name, password_hash=_hash(password))
    audit.record(conn, actor=by, action="user.password", detail=name)


def set_disabled(conn: Connection, name: str, disabled: bool, *, by: str, owner: str) -> User:
    if name == owner:
        raise Conflict(f"{name} owns the case and cannot be disabled")
    _require(conn, name)
    _update(conn, name, disabled=disabled)
    audit.record(conn, actor=by, action="user.disable" if disabled else "user.enable", detail=name)
    return _require(conn, name)


def verify_password(conn: Connection, name: str, password: str) -> bool:
    """Whether ``password`` is the user's; false for unknown or disabled users and unset passwords."""
    user_row = conn.execute(select(tables.users).where(tables.users.c.name == name)).first()
    if user_row is None or user_row.disabled or user_row.password_hash is None:
        return False
    try:
        return _HASHER.verify(user_row.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _require(conn: Connection, name: str) -> User:
    user = get_user(conn, name)
    if user is None:
        raise NotFound(f"no user '{name[:60]}' in this case")
    return user


def _update(conn: Connection, name: str, **values: Any) -> None:
    conn.execute(
        update(tables.users).where(tables.users.c.name == name).values(**values, updated_at=datetime.now(UTC))
    )


# -- recipient profiles -----------------------------------------------------------------------


def get_profile(conn: Connection, name: str) -> Profile | None:
    if name in BUILTIN_PROFILES:
        return BUILTIN_PROFILES[name]
    row = conn.execute(select(tables.profiles).where(tables.profiles.c.name == name)).first()
    if row is None:
        return None
    return Profile(row.name, row.label, Sensitivity(row.clearance), row.purpose, row.description)


def list_profiles(conn: Connection) -> list[Profile]:
    stored = [
        Profile(r.name, r.label, Sensitivity(r.clearance), r.purpose, r.description)
        for r in conn.execute(select(tables.profiles).order_by(tables.profiles.c.name))
    ]
    return [*BUILTIN_PROFILES.values(), *stored]


def add_profile(
    conn: Connection,
    name: str,
    *,
    label: str,
    clearance: Sensitivity | str,
    purpose: str,
    by: str,
    description: str = "",
) -> Profile:
    """Define a recipient (e.g. ``un-fact-finding-mission``, reading for ``un-submission``)."""
    code = slug(name)
    if code in ROLES or code == "any":
        raise InputError(f"'{code}' is reserved; choose another profile name", field="profile")
    if get_profile(conn, code) is not None:
        raise Conflict(f"profile '{code}' already exists")
    level, purpose = Sensitivity.parse(clearance), use(purpose)
    label = " ".join(label.split())
    if not label or len(label) > 200:
        raise InputError("a label of 1–200 characters is required", field="label")
    conn.execute(
        insert(tables.profiles).values(
            name=code,
            label=label,
            clearance=int(level),
            purpose=purpose,
            description=description.strip(),
            created_at=datetime.now(UTC),
            created_by=by,
        )
    )
    audit.record(conn, actor=by, action="profile.add", detail=f"{code}: {level.label}, {purpose}")
    found = get_profile(conn, code)
    assert found is not None
    return found


def require_profiles(conn: Connection, names: list[str]) -> list[str]:
    """Recipient names checked against the defined profiles (``any`` stands for every recipient)."""
    result = []
    for raw in names:
        code = slug(raw, field="recipient")
        if code != "any" and get_profile(conn, code) is None:
            raise InputError(
                f"no recipient profile '{code}'; define it with 'dadkhah profile add {code} ...'",
                field="recipient",
            )
        result.append(code)
    return result


# -- who is reading ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A team member as the case knows them."""

    name: str
    role: Role
    clearance: Sensitivity


def member(conn: Connection, owner: str, name: str | None) -> Member:
    """The acting user: the owner (always admin) or a stored, enabled user."""
    name = name or owner
    if name == owner:
        return Member(owner, ROLES["admin"], Sensitivity.PROTECTED)
    user = get_user(conn, name)
    if user is None:
        raise NotFound(f"no user '{name[:60]}' in this case; an admin adds users with 'dadkhah user add'")
    if user.disabled:
        raise AccessDenied(f"user '{name}' is disabled")
    return Member(user.name, ROLES[user.role], user.clearance)


def resolve_reader(
    conn: Connection, *, owner: str, user: str | None, view_as: str | None, unlocked: bool
) -> Reader:
    """The reader for ``user`` (default: the owner), or what they would see as a role or profile.

    Previewing never raises clearance: a viewer previewing ``investigator`` still sees only what a
    viewer may.
    """
    who = member(conn, owner, user)

    def may_decrypt(level: Sensitivity) -> bool:
        return unlocked and level >= Sensitivity.PROTECTED

    if view_as is None:
        level = who.clearance
        return Reader(who.name, level, may_decrypt(level), role=who.role.name, user=who.name)
    key = view_as.strip().lower()
    if key in ROLES:
        level = min(who.clearance, ROLES[key].max_clearance)
        return Reader(key, level, may_decrypt(level), role=key, user=who.name)
    profile = get_profile(conn, slug(key, field="as"))
    if profile is None:
        names = ", ".join([*ROLES, *(p.name for p in list_profiles(conn))])
        raise InputError(f"--as: no role or profile '{view_as[:60]}' (known: {names})", field="as")
    level = min(who.clearance, profile.clearance)
    return Reader(
        profile.name,
        level,
        may_decrypt(level),
        profile=profile.name,
        purpose=profile.purpose,
        user=who.name,
    )


__all__ = [
    "USES",
    "Member",
    "User",
    "add_profile",
    "add_user",
    "get_profile",
    "get_user",
    "list_profiles",
    "list_users",
    "member",
    "require_profiles",
    "resolve_reader",
    "set_disabled",
    "set_password",
    "set_role",
    "verify_password",
]
