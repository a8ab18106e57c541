"""The ASGI gate, driven with real ASGI messages and a recording app behind it."""

import asyncio
import json

import pytest

from sglang_safekv import tenancy
from sglang_safekv.server import auth
from sglang_safekv.server.auth import Access, AuthGate, classify
from sglang_safekv.server.tenants import TenantKeys, digest

ALICE, BOB, ADMIN, INTERNAL = "sk-alice-1", "sk-bob-1", "sk-admin-1", "internal-1"


class Recorder:
    def __init__(self):
        self.calls = []

    async def __call__(self, scope, receive, send):
        headers = dict(scope.get("headers", ()))
        self.calls.append(
            {
                "tenant": scope["state"]["safekv_tenant"],
                "ctx_tenant": auth.current_tenant.get(),
                "authorization": headers.get(b"authorization"),
            }
        )
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _run(gate, method, path, token=None, scope_type="http"):
    headers = [(b"authorization", f"Bearer {token}".encode())] if token else []
    scope = {"type": scope_type, "method": method, "path": path, "headers": headers}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(msg):
        sent.append(msg)

    asyncio.run(gate(scope, receive, send))
    return sent


def _gate(with_keys=True, with_admin=True):
    keys = TenantKeys({digest(ALICE): "alice", digest(BOB): "bob"}, frozenset())
    admins = frozenset({digest(ADMIN)}) if with_admin else frozenset()
    app = Recorder()
    return AuthGate(app, keys if with_keys else None, admins, INTERNAL), app


@pytest.mark.parametrize(
    "method, path, access",
    [
        ("POST", "/v1/chat/completions", Access.TENANT),
        ("POST", "/v1/completions/", Access.TENANT),
        ("POST", "/generate", Access.TENANT),
        ("GET", "/v1/models", Access.TENANT),
        ("GET", "/v1/models/safekv-tiny-llama", Access.TENANT),
        ("GET", "/health", Access.OPEN),
        ("GET", "/health_generate", Access.ADMIN),
        ("GET", "/metrics", Access.ADMIN),
        ("POST", "/flush_cache", Access.ADMIN),
        ("GET", "/server_info", Access.ADMIN),
        ("POST", "/v1/responses", Access.ADMIN),
        ("GET", "/v1/loads", Access.ADMIN),
        ("POST", "/safekv/public-prefixes", Access.ADMIN),
        ("DELETE", "/v1/models", Access.ADMIN),
    ],
)
def test_route_classes(method, path, access):
    assert classify(method, path) is access


@pytest.mark.parametrize(
    "method, path, access",
    [
        ("GET", "/v1/models", Access.OPEN),
        ("GET", "/version", Access.OPEN),
        ("GET", "/v1/models/safekv-tiny-llama", Access.TENANT),
        ("POST", "/v1/chat/completions", Access.TENANT),
        ("GET", "/server_info", Access.ADMIN),
        ("GET", "/v1/loads", Access.ADMIN),
        ("DELETE", "/v1/models", Access.ADMIN),
    ],
)
def test_open_discovery_opens_only_the_static_listing(method, path, access):
    """Behind a gateway, only what registration reads is open; nothing tenant-specific."""
    assert classify(method, path, open_discovery=True) is access


def test_tenant_key_admits_with_its_tenant_and_the_internal_key():
    gate, app = _gate()
    sent = _run(gate, "POST", "/v1/chat/completions", ALICE)
    assert sent[0]["status"] == 200
    assert app.calls[-1]["tenant"] == app.calls[-1]["ctx_tenant"] == "alice"
    # SGLang sees only the internal key, never the tenant's.
    assert app.calls[-1]["authorization"] == f"Bearer {INTERNAL}".encode()
    _run(gate, "POST", "/generate", BOB)
    assert app.calls[-1]["tenant"] == "bob"


@pytest.mark.parametrize("token", [None, "sk-wrong", ADMIN])
def test_inference_without_a_tenant_key_is_401(token):
    gate, app = _gate()
    sent = _run(gate, "POST", "/v1/chat/completions", token)
    assert sent[0]["status"] == 401
    assert json.loads(sent[1]["body"])["error"]["code"] == 401
    assert app.calls == []
    assert gate.stats.unauthorized == 1


def test_admin_endpoints_need_the_admin_key():
    gate, app = _gate()
    assert _run(gate, "GET", "/metrics", ALICE)[0]["status"] == 401
    assert _run(gate, "GET", "/metrics")[0]["status"] == 401
    assert _run(gate, "GET", "/metrics", ADMIN)[0]["status"] == 200
    assert app.calls[-1]["tenant"] == tenancy.ADMIN


def test_admin_endpoints_are_closed_without_an_admin_key():
    gate, app = _gate(with_admin=False)
    sent = _run(gate, "POST", "/flush_cache", ADMIN)
    assert sent[0]["status"] == 403
    assert b"SAFEKV_ADMIN_KEY" in sent[1]["body"]
    assert app.calls == []


def test_without_a_key_file_each_request_is_its_own_anonymous_tenant():
    gate, app = _gate(with_keys=False)
    _run(gate, "POST", "/v1/chat/completions", "anything")
    _run(gate, "POST", "/v1/chat/completions", "anything")
    first, second = app.calls[0]["tenant"], app.calls[1]["tenant"]
    assert first.startswith(tenancy.ANONYMOUS_PREFIX) and second.startswith("anon:")
    assert first != second


def test_open_and_internal_requests_carry_no_tenant():
    gate, app = _gate()
    assert _run(gate, "GET", "/health")[0]["status"] == 200
    assert app.calls[-1]["tenant"] is None
    assert _run(gate, "POST", "/generate", INTERNAL)[0]["status"] == 200
    assert app.calls[-1]["tenant"] is None


def test_websockets_are_refused_and_lifespan_passes_through():
    gate, app = _gate()
    sent = _run(gate, "GET", "/v1/chat/completions", ALICE, scope_type="websocket")
    assert sent == [{"type": "websocket.close", "code": 1008}]

    seen = []

    async def lifespan_app(scope, receive, send):
        seen.append(scope["type"])

    lifespan_gate = AuthGate(lifespan_app, None, frozenset(), INTERNAL)
    asyncio.run(lifespan_gate({"type": "lifespan"}, None, None))
    assert seen == ["lifespan"]


def test_context_variable_is_reset_after_the_request():
    gate, _ = _gate()
    _run(gate, "POST", "/generate", ALICE)
    assert auth.current_tenant.get() is None
