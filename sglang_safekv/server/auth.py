"""The authentication gate in front of SGLang's HTTP app (an ASGI wrapper).

Every request is classified by route:
- liveness probes (``/health``, ``/ping``, ``/ready``) are open; none of them generates
  (``/health_generate`` runs a generation and needs the admin key);
- the inference API (chat, completions, native generate, model listing) needs a tenant's API
  key when a tenant file is configured; without one, each request is an anonymous tenant of
  its own;
- everything else (``/metrics``, ``/flush_cache``, ``/server_info``, weight updates, profiling,
  the ``/safekv/*`` admin API, ...) needs the admin key, and is closed when none is set.
  Admin-key requests run as the reserved admin tenant, never as the operator: what they
  generate stays private until the detector clears it; only a public-prefix declaration makes
  content public.

The tenant goes into the ASGI scope (``scope["state"]["safekv_tenant"]``) and a context
variable; the stamping hook turns it into the request's ``cache_salt``. SGLang itself runs with
an internal API key only this process knows: the gate replaces the client's Authorization header
with it for requests it admits, so anything that slipped past the gate is refused by SGLang's own
key check (fail closed). Keys are compared in constant time.
"""

from __future__ import annotations

import contextvars
import dataclasses
import enum
import hmac
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sglang_safekv import tenancy
from sglang_safekv.server.tenants import TenantKeys

logger = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable, Callable], Awaitable[None]]

current_tenant: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "safekv_tenant", default=None
)


class Access(enum.Enum):
    OPEN = "open"
    TENANT = "tenant"
    ADMIN = "admin"


OPEN_PATHS = frozenset({"/health", "/ping", "/ready"})
# What a gateway reads to register a worker (its model name, its engine's version): static,
# the same for every tenant. Open only behind a gateway ([server] open_discovery).
DISCOVERY_GETS = frozenset({"/v1/models", "/version"})
TENANT_ROUTES = frozenset(
    {
        ("POST", "/v1/chat/completions"),
        ("POST", "/v1/completions"),
        ("POST", "/generate"),
        ("GET", "/generate"),
        ("GET", "/v1/models"),
        ("GET", "/model_info"),
        ("GET", "/get_model_info"),
    }
)


def classify(method: str, path: str, open_discovery: bool = False) -> Access:
    path = path.rstrip("/") or "/"
    if path in OPEN_PATHS or (open_discovery and method == "GET" and path in DISCOVERY_GETS):
        return Access.OPEN
    if (method, path) in TENANT_ROUTES or (method == "GET" and path.startswith("/v1/models/")):
        return Access.TENANT
    return Access.ADMIN


def bearer_token(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, token = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
            return None
    return None


@dataclasses.dataclass
class GateStats:
    admitted: int = 0
    unauthorized: int = 0
    forbidden: int = 0


class AuthGate:
    def __init__(
        self,
        app: ASGIApp,
        keys: TenantKeys | None,
        admin_digests: frozenset[str],
        internal_key: str,
        open_discovery: bool = False,
    ):
        self.app = app
        self.open_discovery = open_discovery
        self.keys = keys
        self.admin_digests = admin_digests
        self.internal_key = internal_key
        self.stats = GateStats()

    def _is_admin(self, token: str | None) -> bool:
        from sglang_safekv.server.tenants import digest

        if not token:
            return False
        presented = digest(token)
        return any(hmac.compare_digest(presented, d) for d in self.admin_digests)

    def _is_internal(self, token: str | None) -> bool:
        return token is not None and hmac.compare_digest(
            token.encode("utf-8", "surrogateescape"), self.internal_key.encode()
        )

    async def __call__(self, scope: Scope, receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket"):  # lifespan events
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            # No SGLang endpoint this gate admits speaks WebSocket.
            await send({"type": "websocket.close", "code": 1008})
            return
        token = bearer_token(scope)
        internal = self._is_internal(token)
        access = classify(scope.get("method", "GET"), scope["path"], self.open_discovery)
        tenant: str | None = None
        if internal:
            tenant = None  # SGLang's own warm-up calls: an anonymous tenant per request
        elif access is Access.ADMIN:
            if not self.admin_digests:
                await self._reject(
                    send,
                    403,
                    "admin endpoints are disabled: set SAFEKV_ADMIN_KEY or [admin] key_sha256 "
                    "in the tenant file",
                )
                return
            if not self._is_admin(token):
                await self._reject(send, 401, "this endpoint needs the admin key")
                return
            tenant = tenancy.ADMIN
        elif access is Access.TENANT:
            if self.keys is None:
                tenant = tenancy.anonymous(None)
            else:
                tenant = self.keys.tenant_for(token)
                if tenant is None:
                    await self._reject(send, 401, "invalid or missing API key")
                    return
        self.stats.admitted += 1
        state = scope.setdefault("state", {})
        state["safekv_tenant"] = tenant
        scope["headers"] = [
            (k, v) for k, v in scope.get("headers", ()) if k != b"authorization"
        ] + [(b"authorization", f"Bearer {self.internal_key}".encode())]
        reset = current_tenant.set(tenant)
        try:
            await self.app(scope, receive, send)
        finally:
            current_tenant.reset(reset)

    async def _reject(self, send: Callable, status: int, message: str) -> None:
        if status == 401:
            self.stats.unauthorized += 1
        else:
            self.stats.forbidden += 1
        logger.info("safekv gate: %d %s", status, message)
        body = json.dumps(
            {
                "error": {
                    "message": message,
                    "type": "authentication_error" if status == 401 else "permission_error",
                    "code": status,
                }
            }
        ).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
        if status == 401:
            headers.append((b"www-authenticate", b"Bearer"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
