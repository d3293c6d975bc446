"""API keys with two roles. Keys are kept as SHA-256 hashes; a request shows the key, never the hash."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from pydantic import SecretStr

from planqa.errors import PlanQAError
from planqa.settings import Settings, normal_environment

ROLES = ("reader", "admin")
MIN_ADMIN_KEY_CHARS = 24
# Values people type when asked for a secret; a hash list can only refuse what it knows, hence the length rule too.
COMMON_KEYS = (
    "", "changeme", "change-me", "change_me", "admin", "admin123", "administrator", "secret", "password",
    "password1", "passw0rd", "planqa", "test", "testing", "example", "default", "root", "letmein", "qwerty",
    "123456", "12345678", "123456789", "1234567890", "000000", "111111", "a", "key", "apikey", "api-key",
    "changemechangemechangeme", "secretsecretsecretsecret", "adminadminadminadminadmin",
    "000000000000000000000000", "123456789012345678901234",
)


class ConfigurationError(PlanQAError):
    pass


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def weak_admin_key(key: str) -> bool:
    """Used by `planqa keys hash` to warn; the server only sees hashes and checks them against COMMON_KEYS."""
    return len(key) < MIN_ADMIN_KEY_CHARS or key.lower() in COMMON_KEYS


def _raw(value: SecretStr | str) -> str:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


def parse_entries(raw: str) -> dict[str, str]:
    """sha256 hex → role. A bad entry is reported by position only: it may hold a pasted secret."""
    hashes: dict[str, str] = {}
    for position, entry in enumerate(filter(None, (e.strip() for e in raw.split(","))), start=1):
        parts = entry.split(":")
        valid = len(parts) == 3 and parts[0] in ROLES and parts[1] == "sha256" and len(parts[2]) == 64
        if not valid or any(c not in "0123456789abcdefABCDEF" for c in parts[2]):
            raise ConfigurationError(
                f"PLANQA_API_KEYS entry #{position} is not role:sha256:HEX (roles: reader, admin); "
                "make one with `planqa keys hash --role admin KEY`"
            )
        digest, role = parts[2].lower(), parts[0]
        if hashes.get(digest, role) != role:
            raise ConfigurationError(
                f"PLANQA_API_KEYS entry #{position} gives a key the role {role}, an earlier entry gives it "
                f"{hashes[digest]}; list each key once"
            )
        hashes[digest] = role
    return hashes


def _check_production(hashes: dict[str, str]) -> None:
    admins = [h for h, role in hashes.items() if role == "admin"]
    if not admins:
        raise ConfigurationError("production needs at least one admin key in PLANQA_API_KEYS")
    weak = {hash_key(k) for k in COMMON_KEYS}
    if any(h in weak for h in admins):
        raise ConfigurationError(
            "refusing to start in production with a placeholder or common admin key; "
            f"make a random one with `planqa keys hash --role admin` (at least {MIN_ADMIN_KEY_CHARS} characters)"
        )


@dataclass(frozen=True)
class KeyRing:
    hashes: dict[str, str]  # sha256 hex -> role
    anonymous_read: bool

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        hashes = parse_entries(_raw(settings.api_keys))
        try:
            # model_copy() skips validation, so the spelling is checked here as well as in Settings.
            environment = normal_environment(settings.environment)
        except ValueError as exc:
            raise ConfigurationError(str(exc)) from exc
        if environment == "production":
            _check_production(hashes)
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


def key_from_headers(x_api_key: str | None, authorization: str | None) -> str | None:
    if x_api_key:
        return x_api_key
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None
