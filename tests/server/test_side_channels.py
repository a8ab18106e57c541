"""Side channels a tenant with several accounts (or a reader of the logs) had around the gate.

Each test replays the attack through the real parts in process: the ASGI gate, the front end's
stamping hook and the real ``SafeRadixCache``. ``FakeRequest`` and ``FakeReq`` stand in for
FastAPI's request and SGLang's scheduler request, which only exist inside a running server.
"""

from __future__ import annotations

import asyncio
import dataclasses
import types
from array import array

import pytest
from sglang.srt.managers.io_struct import GenerateReqInput
from sglang.srt.mem_cache.base_prefix_cache import InsertParams, MatchPrefixParams
from sglang.srt.mem_cache.cache_init_params import CacheInitParams
from sglang.srt.mem_cache.radix_cache import RadixKey

from sglang_safekv import tenancy
from sglang_safekv.cache import SafeRadixCache
from sglang_safekv.config import Mode, SafeKVConfig
from sglang_safekv.server import auth, flags, frontend
from sglang_safekv.server.auth import Access, AuthGate, classify
from sglang_safekv.server.tenants import TenantKeys, digest

ALICE, MALLORY, ADMIN, INTERNAL = "sk-alice-1", "sk-mallory-1", "sk-admin-1", "internal-1"
SECRET_PROMPT = [11, 12, 13, 14, 15, 16, 17, 18]


@dataclasses.dataclass
class FakeRequest:
    """Test double for the FastAPI request SGLang hands to generate_request."""

    scope: dict


@dataclasses.dataclass
class FakeReq:
    """Test double for SGLang's scheduler request: the cache reads only its rid."""

    rid: str


def through_gate(method: str, path: str, token: str) -> FakeRequest:
    """The scope the gate hands to SGLang for this request."""
    keys = TenantKeys({digest(ALICE): "alice", digest(MALLORY): "mallory"}, frozenset())
    seen = []

    async def app(scope, receive, send):
        seen.append(scope)

    gate = AuthGate(app, keys, frozenset({digest(ADMIN)}), INTERNAL)
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(b"authorization", f"Bearer {token}".encode())],
    }
    asyncio.run(gate(scope, None, None))
    assert seen, f"the gate refused {method} {path}"
    return FakeRequest(seen[0])


def stamped(request: FakeRequest, **fields) -> GenerateReqInput:
    obj = GenerateReqInput(input_ids=SECRET_PROMPT, **fields)
    frontend.stamp_tenant(None, obj, request)
    return obj


def selective_cache() -> SafeRadixCache:
    params = CacheInitParams(
        disable=False, req_to_token_pool=None, token_to_kv_pool_allocator=None, page_size=1
    )
    return SafeRadixCache(params, SafeKVConfig(mode=Mode.SELECTIVE))


def serve(cache: SafeRadixCache, obj: GenerateReqInput) -> int:
    """Match then insert, as the scheduler does; returns the cached tokens."""
    key = RadixKey(array("q", obj.input_ids), None, cache_salt=obj.cache_salt)
    req = FakeReq(obj.rid if isinstance(obj.rid, str) else "warmup")
    cached = cache.match_prefix(MatchPrefixParams(key=key, req=req)).device_prefix_len
    cache.insert(
        InsertParams(key=RadixKey(array("q", obj.input_ids), None, cache_salt=obj.cache_salt))
    )
    return cached


def test_an_admin_key_generation_stays_private_until_the_detector_clears_it():
    # An operator prompt sent through an admin route that generates (e.g. /v1/responses).
    admin_obj = stamped(through_gate("POST", "/v1/responses", ADMIN))
    assert tenancy.verify(admin_obj.cache_salt) == tenancy.ADMIN != tenancy.OPERATOR
    cache = selective_cache()
    serve(cache, admin_obj)
    probe = stamped(through_gate("POST", "/v1/completions", MALLORY))
    # Pending content is its owner's only: nothing of the admin's prompt is shared yet.
    assert serve(cache, probe) == 0


def test_only_a_public_prefix_declaration_runs_as_the_operator():
    for method, path in [("GET", "/metrics"), ("POST", "/invocations"), ("POST", "/flush_cache")]:
        request = through_gate(method, path, ADMIN)
        assert request.scope["state"]["safekv_tenant"] == tenancy.ADMIN


def test_reusing_one_rid_no_longer_hides_probes_from_the_monitor():
    cache = selective_cache()
    events = []
    cache.add_listener(types.SimpleNamespace(on_match=events.append))
    cache.declare_public(SECRET_PROMPT[:6], None)
    serve(cache, stamped(through_gate("POST", "/generate", ALICE)))
    counts = []
    for guess in range(5):
        probe = stamped(through_gate("POST", "/generate", MALLORY), rid="same-rid-every-time")
        probe.input_ids = SECRET_PROMPT[:6] + [90 + guess]
        serve(cache, probe)
        counts.append(len(events))
    # Every probe walks the same public node to the same depth: each must still be reported.
    assert counts == [1, 2, 3, 4, 5], counts


def test_client_rids_become_fresh_server_ids_and_internal_rids_are_kept():
    mallory = through_gate("POST", "/generate", MALLORY)
    first, second = stamped(mallory, rid="mine"), stamped(mallory, rid="mine")
    assert first.rid != "mine" and second.rid != "mine" and first.rid != second.rid
    batch = GenerateReqInput(input_ids=[SECRET_PROMPT, SECRET_PROMPT], rid=["x", "x"])
    frontend.stamp_tenant(None, batch, mallory)
    assert len(batch.rid) == 2 and len(set(batch.rid)) == 2 and "x" not in batch.rid
    # SGLang's own requests, and routes that choose their rid and find the request by it
    # again (the health check pops its state by rid), keep theirs.
    internal = stamped(through_gate("POST", "/generate", INTERNAL), rid="warmup-1")
    assert internal.rid == "warmup-1" and internal.cache_salt is None
    health = stamped(through_gate("GET", "/health_generate", ADMIN), rid="HEALTH_CHECK_abc")
    assert health.rid == "HEALTH_CHECK_abc"


def test_sessions_are_refused_for_tenants():
    with pytest.raises(ValueError, match="session_params"):
        stamped(through_gate("POST", "/generate", MALLORY), session_params={"id": "s1"})


def test_health_generate_needs_the_admin_key_and_health_does_not_generate():
    assert classify("GET", "/health_generate") is Access.ADMIN
    assert classify("GET", "/health") is Access.OPEN
    from sglang.srt.environ import envs

    env: dict[str, str] = {}
    front = frontend.FrontEnd(SafeKVConfig(), None, frozenset(), [])
    front.prepare_server_args(_server_args(), env)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(frontend.HEALTH_GENERATION_ENV, env[frontend.HEALTH_GENERATION_ENV])
        assert envs.SGLANG_ENABLE_HEALTH_ENDPOINT_GENERATION.get() is False


def _server_args(**fields) -> types.SimpleNamespace:
    """Test double for SGLang's parsed arguments, with its defaults for the fields read."""
    values = {"api_key": None, "admin_api_key": None, "tokenizer_worker_num": 1}
    values.update({r.attribute: None for r in flags.REFUSED})
    values.update(fields)
    return types.SimpleNamespace(**values)


@pytest.mark.parametrize(
    "fields, mode, message",
    [
        ({"enable_custom_logit_processor": True}, Mode.GLOBAL, "custom-logit-processor"),
        ({"kv_events_config": '{"publisher": "zmq"}'}, Mode.SELECTIVE, "kv-events-config"),
        ({"kv_events_config": '{"publisher": "zmq"}'}, Mode.ISOLATED, "kv-events-config"),
        ({"tokenizer_worker_num": 4}, Mode.SELECTIVE, "tokenizer-worker-num"),
        ({"enable_http2": True}, Mode.SELECTIVE, "enable-http2"),
        ({"grpc_port": 50051}, Mode.SELECTIVE, "grpc-port"),
        ({"enable_streaming_session": True}, Mode.SELECTIVE, "streaming-session"),
    ],
)
def test_the_server_refuses_dangerous_sglang_settings(fields, mode, message):
    front = frontend.FrontEnd(SafeKVConfig(mode=mode), None, frozenset(), [])
    with pytest.raises(SystemExit, match=message):
        front.prepare_server_args(_server_args(**fields), {})


def test_kv_events_stay_allowed_in_global_mode_and_gate_bypassing_servers_are_refused():
    front = frontend.FrontEnd(SafeKVConfig(mode=Mode.GLOBAL), None, frozenset(), [])
    args = _server_args(kv_events_config='{"publisher": "zmq"}')
    front.prepare_server_args(args, {})
    assert args.api_key == front.internal_key
    for env in ({"SGLANG_RUST_SERVER": "1"}, {"SGLANG_GRPC_PORT": "50051"}):
        with pytest.raises(SystemExit, match=next(iter(env))):
            front.prepare_server_args(_server_args(), env)
    front.prepare_server_args(_server_args(), {"SGLANG_RUST_SERVER": "0"})


def test_the_internal_key_is_redacted_wherever_sglang_serialises_its_arguments():
    from sglang.srt.plugins.hook_registry import HookRegistry
    from sglang.srt.server_args import prepare_server_args
    from sglang.srt.utils.common import build_server_info

    from sglang_safekv import plugin
    from sglang_safekv.tooling.tiny_model import ensure_model

    plugin.register()
    HookRegistry.apply_hooks()
    server_args = prepare_server_args(["--model-path", str(ensure_model()), "--device", "cpu"])
    front = frontend.FrontEnd(SafeKVConfig(), None, frozenset(), [])
    front.prepare_server_args(server_args, {})
    assert server_args.api_key == front.internal_key  # SGLang's own key check still uses it
    logged = str(server_args.resolved_dict())  # what SGLang logs at start-up
    info = str(build_server_info(server_args, {}))  # what /server_info returns
    for text in (logged, info):
        assert front.internal_key not in text
        assert "'api_key': '<redacted>'" in text


def test_the_gate_still_admits_the_internal_key_and_refuses_near_misses():
    assert through_gate("GET", "/metrics", INTERNAL).scope["state"]["safekv_tenant"] is None
    keys = TenantKeys({digest(ALICE): "alice"}, frozenset())
    sent = []

    async def send(msg):
        sent.append(msg)

    gate = AuthGate(lambda *a: None, keys, frozenset({digest(ADMIN)}), INTERNAL)
    for near_miss in (INTERNAL[:-1], INTERNAL + "x", "ïnternal-1"):
        scope = {
            "type": "http",
            "method": "GET",
            "path": "/metrics",
            "headers": [(b"authorization", f"Bearer {near_miss}".encode())],
        }
        asyncio.run(gate(scope, None, send))
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [401] * 3
    assert auth.current_tenant.get() is None


def test_a_caught_prober_is_throttled_by_default():
    """The server's cache (built as the scheduler builds it, default settings): once the
    monitor withdraws what a prober walked into, the prober gets no shared content anywhere
    for a while, while other tenants still do."""
    from sglang_safekv import runtime
    from sglang_safekv.config import DetectorConfig

    params = CacheInitParams(
        disable=False, req_to_token_pool=None, token_to_kv_pool_allocator=None, page_size=1
    )
    config = SafeKVConfig(mode=Mode.SELECTIVE, detector=DetectorConfig(enabled=False))
    cache = runtime.build(params, config, None)
    secret, other = list(range(100, 130)), list(range(200, 230))
    for owner, content in (("alice", secret), ("bob", other)):
        cache.declare_public(content)
        _serve_as(cache, owner, content)
    assert _serve_as(cache, "mallory", other + [1]) == len(other)
    for k in range(5, 5 + config.monitor.walk_steps + 2):  # a token-by-token walk
        _serve_as(cache, "mallory", secret[:k] + [999])
    assert cache.safekv_runtime.monitor.stats()["actions_demote"] == 1
    assert _serve_as(cache, "mallory", other + [2]) == 0
    assert _serve_as(cache, "carol", other + [3]) == len(other)


def _serve_as(cache: SafeRadixCache, tenant: str, ids: list[int]) -> int:
    obj = GenerateReqInput(input_ids=ids, rid=frontend.server_rid())
    obj.cache_salt = tenancy.stamp(tenant)
    return serve(cache, obj)
