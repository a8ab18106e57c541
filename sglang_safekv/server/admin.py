"""The ``/safekv/`` admin API, added to SGLang's FastAPI app (the gate requires the admin key).

- ``GET /safekv/stats``: JSON counters of the gate and of each scheduler's cache, detector and
  monitor.
- ``GET /metrics``: the same as typed Prometheus series, in one scrape with SGLang's own
  (``--enable-metrics``, which the launcher turns on); see :mod:`sglang_safekv.server.metrics`.
- ``POST /safekv/public-prefixes``: declare a public prefix (``{"name", "text"}`` or
  ``{"name", "messages"}``); it is prefilled by the operator tenant and PUBLIC at once.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TYPE_CHECKING, Any

from sglang_safekv import tenancy
from sglang_safekv.server import auth
from sglang_safekv.server.metrics import exposition
from sglang_safekv.server.public_prefixes import PublicPrefix, PublicPrefixError, parse_entry

if TYPE_CHECKING:
    from sglang_safekv.server.frontend import FrontEnd


def _tokenizer_manager():
    from sglang.srt.entrypoints.http_server import _global_state

    return _global_state.tokenizer_manager


async def scheduler_stats() -> list[dict[str, Any]]:
    states = await _tokenizer_manager().get_internal_state()
    return [state.get("safekv", {}) for state in states]


def prefix_token_ids(tokenizer: Any, prefix: PublicPrefix) -> list[int]:
    """Token ids exactly as SGLang builds them for a request starting with this prefix."""
    if prefix.messages is not None:
        rendered = tokenizer.apply_chat_template(
            [{"role": r, "content": c} for r, c in prefix.messages],
            tokenize=False,
            add_generation_prompt=False,
        )
        # Chat templates carry their own special tokens: no second BOS.
        return list(tokenizer.encode(rendered, add_special_tokens=False))
    return list(tokenizer.encode(prefix.text))


async def declare_public_prefix(prefix: PublicPrefix) -> dict[str, Any]:
    from sglang.srt.managers.io_struct import GenerateReqInput

    manager = _tokenizer_manager()
    ids = prefix_token_ids(manager.tokenizer, prefix)
    if not ids:
        raise PublicPrefixError(f"{prefix.name}: the prefix has no tokens")
    obj = GenerateReqInput(input_ids=ids, sampling_params={"max_new_tokens": 0})
    reset = auth.current_tenant.set(tenancy.OPERATOR)
    start = time.perf_counter()
    try:
        async for _ in manager.generate_request(obj, None):
            pass
    finally:
        auth.current_tenant.reset(reset)
    return {"name": prefix.name, "tokens": len(ids), "seconds": time.perf_counter() - start}


def add_admin_routes(app: Any, front: FrontEnd) -> None:
    from fastapi import Body
    from fastapi.responses import JSONResponse, Response
    from prometheus_client import CONTENT_TYPE_LATEST

    def gate_stats() -> dict[str, int]:
        return dataclasses.asdict(front.gate.stats) if front.gate else {}

    @app.get("/safekv/stats")
    async def safekv_stats():
        return {"gate": gate_stats(), "schedulers": await scheduler_stats()}

    # Registered before SGLang mounts its own /metrics (at start-up), so this route answers:
    # the same multiprocess series plus safekv's.
    @app.get("/metrics")
    async def metrics():
        body = exposition(await scheduler_stats(), gate_stats())
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    @app.post("/safekv/public-prefixes")
    async def safekv_public_prefix(body: Any = Body(...)):  # noqa: B008 - FastAPI idiom
        try:
            prefix = parse_entry(body, "request")
            return await declare_public_prefix(prefix)
        except PublicPrefixError as e:
            return JSONResponse({"error": {"message": str(e), "code": 400}}, status_code=400)
