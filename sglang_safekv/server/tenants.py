"""The tenant key file: which API key belongs to which tenant, stored as SHA-256 digests.

Format (TOML or YAML, same structure)::

    [admin]                      # optional; SAFEKV_ADMIN_KEY in the environment also works
    key_sha256 = "9f86d0..."

    [[tenants]]
    name = "alice"
    key_sha256 = "2c26b4..."     # sha256 hex of alice's API key; several keys may map to alice

API keys are long random tokens, so a fast digest is enough (no password stretching needed);
only digests are stored, and lookups hash the presented key. ``sglang-safekv new-key`` prints a
fresh key with its digest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import secrets
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@:-]{0,127}$")
DIGEST_RE = re.compile(r"^[0-9a-f]{64}$")


class TenantFileError(ValueError):
    """The tenant key file is malformed; the message names the entry."""


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh API key and the digest to put in the tenant file."""
    key = "sk-safekv-" + secrets.token_urlsafe(32)
    return key, digest(key)


@dataclasses.dataclass(frozen=True)
class TenantKeys:
    by_digest: dict[str, str]  # sha256(key) -> tenant
    admin_digests: frozenset[str]

    @property
    def tenants(self) -> set[str]:
        return set(self.by_digest.values())

    def tenant_for(self, api_key: str | None) -> str | None:
        if not api_key:
            return None
        return self.by_digest.get(digest(api_key))

    def is_admin(self, api_key: str | None) -> bool:
        if not api_key:
            return False
        return digest(api_key) in self.admin_digests

    def with_admin_key(self, admin_key: str | None) -> TenantKeys:
        if not admin_key:
            return self
        return dataclasses.replace(self, admin_digests=self.admin_digests | {digest(admin_key)})


def _load_mapping(path: Path) -> dict:
    text = path.read_text()
    if path.suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise TenantFileError(f"{path}: not valid YAML: {e}") from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise TenantFileError(f"{path}: not valid TOML: {e}") from None
    if not isinstance(data, dict):
        raise TenantFileError(f"{path}: expected a table at the top level")
    return data


def _check_digest(value: object, where: str) -> str:
    if not isinstance(value, str) or not DIGEST_RE.match(value):
        raise TenantFileError(f"{where}: key_sha256 must be 64 lowercase hex characters")
    return value


def parse(data: dict, where: str = "tenant file") -> TenantKeys:
    unknown = set(data) - {"tenants", "admin"}
    if unknown:
        raise TenantFileError(f"{where}: unknown section(s) {', '.join(sorted(unknown))}")
    entries = data.get("tenants", [])
    if not isinstance(entries, list) or not entries:
        raise TenantFileError(f"{where}: needs a non-empty [[tenants]] list")
    by_digest: dict[str, str] = {}
    for i, entry in enumerate(entries):
        at = f"{where}: tenants[{i}]"
        if not isinstance(entry, dict):
            raise TenantFileError(f"{at}: expected a table")
        extra = set(entry) - {"name", "key_sha256"}
        if extra:
            raise TenantFileError(f"{at}: unknown key(s) {', '.join(sorted(extra))}")
        name = entry.get("name")
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise TenantFileError(
                f"{at}: name must be 1-128 characters of letters, digits, _ . @ : - "
                "and start with a letter or digit"
            )
        key_digest = _check_digest(entry.get("key_sha256"), f"{at} ({name})")
        if key_digest in by_digest:
            raise TenantFileError(
                f"{at} ({name}): key already belongs to tenant {by_digest[key_digest]!r}"
            )
        by_digest[key_digest] = name
    admin = data.get("admin", {})
    if not isinstance(admin, dict) or set(admin) - {"key_sha256"}:
        raise TenantFileError(f"{where}: [admin] takes only key_sha256")
    admin_digests: frozenset[str] = frozenset()
    if "key_sha256" in admin:
        admin_digest = _check_digest(admin["key_sha256"], f"{where}: [admin]")
        if admin_digest in by_digest:
            raise TenantFileError(f"{where}: the admin key is also a tenant key")
        admin_digests = frozenset({admin_digest})
    return TenantKeys(by_digest=by_digest, admin_digests=admin_digests)


def load(path: str | Path) -> TenantKeys:
    path = Path(path)
    if not path.is_file():
        raise TenantFileError(f"tenant file {path} does not exist")
    return parse(_load_mapping(path), str(path))
