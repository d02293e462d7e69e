"""API keys: created once and shown once, stored only as a salted hash.

A key looks like `cl_<prefix>_<secret>`. The prefix names the key (list, revoke, logs);
the secret is 256 random bits, so a salted SHA-256 is enough: a slow hash protects
guessable passwords, and these are not guessable. Verification is constant-time.

Auth is on when any active key exists, and also whenever the server listens on a
non-loopback address (so revoking the last key fails closed instead of opening the API).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
from dataclasses import dataclass

from app.db import ApiKeyRow, Database

KEY_PATTERN = re.compile(r"^cl_([a-f0-9]{12})_([A-Za-z0-9_-]{20,100})$")


@dataclass(frozen=True)
class Principal:
    """Who is calling: an API key (by prefix) or, with auth off, a client address."""

    kind: str  # "key" | "anonymous"
    id: str

    @property
    def rate_key(self) -> str:
        return f"{self.kind}:{self.id}"


class UnsafeBind(RuntimeError):
    """Refusing to listen beyond this machine with nothing guarding the API."""


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode()).hexdigest()


def create_key(db: Database, name: str) -> tuple[str, ApiKeyRow]:
    """A new key: the plaintext (show it once, it is not stored) and its stored row."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    salt = secrets.token_hex(16)
    row = db.add_key(prefix=prefix, name=name, salt=salt, digest=_digest(salt, secret))
    return f"cl_{prefix}_{secret}", row


def verify_key(db: Database, token: str) -> ApiKeyRow | None:
    match = KEY_PATTERN.match(token)
    if not match:
        return None
    prefix, secret = match.groups()
    row = db.get_key(prefix)
    if row is None or row.revoked_at is not None:
        return None
    return row if hmac.compare_digest(_digest(row.salt, secret), row.hash) else None


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def is_loopback(host: str) -> bool:
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a hostname other than localhost may resolve anywhere


def check_bind(host: str, active_keys: int) -> None:
    """Raises UnsafeBind when `host` is reachable from other machines and no key exists."""
    if active_keys > 0 or is_loopback(host):
        return
    raise UnsafeBind(
        f"refusing to listen on {host!r}: no API keys exist, so anyone who can reach this address "
        "could use the API. Create one with `castlist keys create --name NAME` (clients then send "
        "`Authorization: Bearer <key>`), or listen on 127.0.0.1."
    )
