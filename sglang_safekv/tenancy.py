"""Tenant identity as it travels from the HTTP front end to the tree cache.

The front end authenticates the API key and stamps the request's ``cache_salt`` (a field
SGLang already carries from the tokenizer to the scheduler, the tree and its in-batch prefix
matcher) with a *tenant stamp*: the tenant name plus an HMAC under a secret that only the
server's processes share. The cache accepts a stamp only if its MAC verifies, so a client that
sets ``cache_salt`` (or ``user``, or a header) itself never selects a tenant; anything without a
valid stamp is an anonymous tenant of its own, never a shared anonymous one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache

SECRET_ENV = "SAFEKV_TENANT_SECRET"
STAMP_PREFIX = "safekv1:"
ANONYMOUS_PREFIX = "anon:"
# Content inserted by the operator (declared public prefixes) belongs to this reserved tenant;
# tenant-file names must start with a letter or digit, so no tenant can be called this. Only
# the public-prefix declaration runs as the operator: its content is PUBLIC at once.
OPERATOR = "__operator__"
# Requests made with the admin key (admin routes that generate) belong to this reserved tenant:
# a tenant like any other, whose content stays private until the detector clears it.
ADMIN = "__admin__"


def _secret() -> bytes:
    """The per-deployment stamping secret; generated once per process tree if unset."""
    value = os.environ.get(SECRET_ENV)
    if not value:
        value = secrets.token_hex(32)
        # Child processes (SGLang's scheduler) inherit it, so stamps verify everywhere.
        os.environ[SECRET_ENV] = value
    return value.encode()


def ensure_secret() -> None:
    """Create the secret before SGLang forks its subprocesses."""
    _secret()


def _mac(tenant: str) -> str:
    return hmac.new(_secret(), tenant.encode(), hashlib.sha256).hexdigest()[:32]


def stamp(tenant: str) -> str:
    """The cache_salt value that carries ``tenant`` to the scheduler."""
    if not tenant:
        raise ValueError("tenant name must be non-empty")
    return f"{STAMP_PREFIX}{tenant}:{_mac(tenant)}"


@lru_cache(maxsize=65536)
def verify(salt: str | None) -> str | None:
    """The tenant a stamp names, or None if ``salt`` is not a valid stamp."""
    if not salt or not salt.startswith(STAMP_PREFIX):
        return None
    body = salt[len(STAMP_PREFIX) :]
    tenant, sep, mac = body.rpartition(":")
    if not sep or not tenant:
        return None
    if hmac.compare_digest(mac, _mac(tenant)):
        return tenant
    return None


def anonymous(request_id: str | None) -> str:
    """A tenant that only this one request belongs to."""
    return f"{ANONYMOUS_PREFIX}{request_id or secrets.token_hex(8)}"


def tenant_of(cache_salt: str | None, request_id: str | None) -> str:
    """Resolve the tenant of a request from its salt; unverifiable means its own tenant."""
    return verify(cache_salt) or anonymous(request_id)
