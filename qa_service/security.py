"""API keys with two roles. Keys are kept as SHA-256 hashes; a request shows the key, never the hash."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from planqa.errors import PlanQAError
from planqa.settings import Settings

ROLES = ("reader", "admin")
PLACEHOLDERS = ("changeme", "change-me", "admin", "secret", "password", "planqa", "test", "example", "")


class ConfigurationError(PlanQAError):
    pass


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class KeyRing:
    hashes: dict[str, str]  # sha256 hex -> role
    anonymous_read: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        hashes: dict[str, str] = {}
        for entry in filter(None, (e.strip() for e in settings.api_keys.split(","))):
            parts = entry.split(":")
            if len(parts) != 3 or parts[0] not in ROLES or parts[1] != "sha256" or len(parts[2]) != 64:
                raise ConfigurationError(
                    f"PLANQA_API_KEYS entry {entry[:20]!r} is not role:sha256:HEX (roles: reader, admin); "
                    "make one with `planqa keys hash --role admin KEY`"
                )
            hashes[parts[2].lower()] = parts[0]
        if settings.environment == "production":
            weak = {hash_key(p) for p in PLACEHOLDERS}
            if any(h in weak and role == "admin" for h, role in hashes.items()):
                raise ConfigurationError("refusing to start in production with a placeholder admin key")
            if not any(role == "admin" for role in hashes.values()):
                raise ConfigurationError("production needs at least one admin key in PLANQA_API_KEYS")
        return cls(hashes=hashes, anonymous_read=settings.anonymous_read)

    def role_of(self, key: str | None) -> str | None:
        if not key:
            return None
        digest = hash_key(key)
        for known, role in self.hashes.items():
            if hmac.compare_digest(known, digest):
                return role
        return None

    def allows(self, key: str | None, needed: str) -> tuple[bool, int, str]:
        """(allowed, status if not, message)."""
        role = self.role_of(key)
        if key and role is None and not (needed == "reader" and self.anonymous_read):
            # OpenAI-style clients always send some key; where reading is open, an unknown one reads.
            return False, 401, "unknown API key"
        if needed == "reader" and (role in ROLES or self.anonymous_read):
            return True, 200, ""
        if needed == "admin" and role == "admin":
            return True, 200, ""
        if role is None:
            return False, 401, "this endpoint needs an API key (X-API-Key or Authorization: Bearer)"
        return False, 403, f"the {role} role cannot do this; it needs {needed}"
