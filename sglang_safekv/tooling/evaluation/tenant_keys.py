"""API keys for every tenant the evaluation plays, and the server's tenant key file.

The file follows the server's format (``sglang_safekv.server.tenants``): one ``[[tenants]]``
entry per tenant with the SHA-256 digest of its key, plus an ``[admin]`` digest so the harness
can flush the cache between phases. Keys are fresh random tokens per run and never written
anywhere but this process's memory (the file holds digests only).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from pathlib import Path


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class TenantDirectory:
    def __init__(self, tenants: Iterable[str]):
        names = sorted(set(tenants))
        if not names:
            raise ValueError("the evaluation needs at least one tenant")
        self.keys = {name: "sk-eval-" + secrets.token_urlsafe(24) for name in names}
        self.admin_key = "sk-eval-admin-" + secrets.token_urlsafe(24)

    def key_for(self, tenant: str) -> str:
        try:
            return self.keys[tenant]
        except KeyError:
            raise KeyError(f"tenant {tenant!r} has no API key in this run") from None

    def toml(self) -> str:
        lines = ["[admin]", f'key_sha256 = "{_digest(self.admin_key)}"', ""]
        for name, key in self.keys.items():
            lines += ["[[tenants]]", f'name = "{name}"', f'key_sha256 = "{_digest(key)}"', ""]
        return "\n".join(lines)

    def write(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.toml())
        return path
