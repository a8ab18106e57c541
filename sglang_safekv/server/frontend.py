"""Everything sglang-safekv adds to SGLang's HTTP process.

Installed by ``python -m sglang_safekv.server`` before SGLang starts (never by the plugin, so a
plain ``sglang serve`` in the same environment is unchanged):
- the authentication gate (:mod:`sglang_safekv.server.auth`) around SGLang's ASGI app;
- the tenant stamp: each request's ``cache_salt`` is overwritten with the authenticated
  tenant's stamp, whatever the client sent; client-chosen request ids are replaced by fresh
  server ids and SGLang sessions are refused (neither is bound to a tenant);
- refusal of SGLang flags that would bypass the gate or publish private state (``flags``);
- ``/health`` answers from the server's state without running a generation;
- the admin API under ``/safekv/`` (stats, Prometheus metrics, public prefixes);
- operator-declared public prefixes from a file, inserted once the server is up.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import secrets
import sys
import uuid
from collections.abc import MutableMapping
from typing import Any

from sglang_safekv import plugin, tenancy
from sglang_safekv.config import Mode, SafeKVConfig
from sglang_safekv.server import admin, auth, flags
from sglang_safekv.server.public_prefixes import PublicPrefix, load_public_prefixes
from sglang_safekv.server.tenants import TenantKeys, digest
from sglang_safekv.server.tenants import load as load_tenants

logger = logging.getLogger(__name__)

UVICORN_CONFIG_INIT = "uvicorn.Config.__init__"
GENERATE_REQUEST = "sglang.srt.managers.tokenizer_manager.TokenizerManager.generate_request"
VALIDATE_REQUEST = "sglang.srt.managers.tokenizer_manager.TokenizerManager._validate_one_request"
OPENAI_VALIDATORS = (
    "sglang.srt.entrypoints.openai.serving_chat.OpenAIServingChat._validate_request",
    "sglang.srt.entrypoints.openai.serving_completions.OpenAIServingCompletion._validate_request",
)
# OpenAI clients often send this placeholder; SGLang has always accepted it.
DEFAULT_MODEL_ALIAS = "default"
# SGLang's /health runs a one-token generation unless this is off.
HEALTH_GENERATION_ENV = "SGLANG_ENABLE_HEALTH_ENDPOINT_GENERATION"


@dataclasses.dataclass
class FrontEnd:
    config: SafeKVConfig
    keys: TenantKeys | None
    admin_digests: frozenset[str]
    public_prefixes: list[PublicPrefix]
    internal_key: str = dataclasses.field(
        default_factory=lambda: "safekv-internal-" + secrets.token_urlsafe(32)
    )
    gate: auth.AuthGate | None = None

    @classmethod
    def from_config(cls, config: SafeKVConfig) -> FrontEnd:
        keys = load_tenants(config.server.tenants_file) if config.server.tenants_file else None
        admin = set(keys.admin_digests) if keys else set()
        admin_key = os.environ.get(config.server.admin_key_env)
        if admin_key:
            admin.add(digest(admin_key))
        if keys is None:
            logger.warning(
                "safekv: no tenant key file (--tenants): every request is an anonymous tenant "
                "of its own, so only public content is shared and no client authenticates"
            )
        if not admin:
            logger.warning(
                "safekv: no admin key (%s or [admin] in the tenant file): /metrics, "
                "/server_info, /flush_cache and the /safekv admin API are closed",
                config.server.admin_key_env,
            )
        prefixes = (
            load_public_prefixes(config.server.public_prefixes_file)
            if config.server.public_prefixes_file
            else []
        )
        return cls(
            config=config, keys=keys, admin_digests=frozenset(admin), public_prefixes=prefixes
        )

    # ---------------------------------------------------------------- installation

    def prepare_server_args(
        self, server_args: Any, env: MutableMapping[str, str] | None = None
    ) -> None:
        """SGLang runs with an internal API key (only the gate hands it on; the plugin keeps
        it out of logs and /server_info), without the flags :mod:`flags` refuses, and with a
        /health that does not generate (an open route must not run the model)."""
        if server_args.api_key or server_args.admin_api_key:
            raise SystemExit(
                "sglang-safekv: do not pass --api-key/--admin-api-key; tenants authenticate "
                "through --tenants and the admin through SAFEKV_ADMIN_KEY"
            )
        environ: MutableMapping[str, str] = os.environ if env is None else env
        flags.check_server_args(server_args, self.config.mode, environ)
        environ[HEALTH_GENERATION_ENV] = "false"
        server_args.api_key = self.internal_key

    def install(self, server_args: Any) -> None:
        from sglang.srt.entrypoints import http_server
        from sglang.srt.plugins.hook_registry import HookRegistry, HookType

        self.prepare_server_args(server_args)
        sglang_app = http_server.app
        admin.add_admin_routes(sglang_app, self)

        def wrap_app(config_self, app=None, *args, **kwargs):
            if app is sglang_app:
                self.gate = auth.AuthGate(
                    app,
                    self.keys,
                    self.admin_digests,
                    self.internal_key,
                    open_discovery=self.config.server.open_discovery,
                )
                app = self.gate
            return (config_self, app, *args), kwargs

        HookRegistry.register(UVICORN_CONFIG_INIT, wrap_app, HookType.BEFORE)
        HookRegistry.register(GENERATE_REQUEST, stamp_tenant, HookType.BEFORE)
        HookRegistry.register(VALIDATE_REQUEST, check_token_ids, HookType.BEFORE)
        for target in OPENAI_VALIDATORS:
            HookRegistry.register(target, check_model_name, HookType.AFTER)
        HookRegistry.apply_hooks()
        require_hooks_applied(
            HookRegistry,
            [
                UVICORN_CONFIG_INIT,
                GENERATE_REQUEST,
                VALIDATE_REQUEST,
                plugin.RESOLVED_ARGS_TARGET,
            ],
        )

    def launch_callback(self) -> None:
        """Runs once SGLang's warm-up succeeded: insert the declared public prefixes."""
        if not self.public_prefixes:
            return
        if self.config.mode is Mode.ISOLATED:
            logger.info("safekv: isolated mode keeps declared public prefixes private")
        import requests

        url = f"http://127.0.0.1:{self._port}/safekv/public-prefixes"
        for prefix in self.public_prefixes:
            resp = requests.post(
                url,
                json=prefix.to_json(),
                headers={"Authorization": f"Bearer {self.internal_key}"},
                timeout=600,
            )
            if resp.status_code != 200:
                logger.error("safekv: public prefix %r failed: %s", prefix.name, resp.text)
            else:
                logger.info("safekv: public prefix %r: %s", prefix.name, resp.json())

    _port: int = 0


def require_hooks_applied(registry: Any, targets: list[str]) -> None:
    """Refuse to serve when a hook did not attach (SGLang only logs that): without the gate
    and the stamp, requests would go unauthenticated or unattributed."""
    missing = [t for t in targets if t not in registry._patched]
    if missing:
        raise RuntimeError(
            "sglang-safekv: could not attach to " + ", ".join(missing) + " in the installed "
            "SGLang (renamed or moved?); refusing to serve without tenant authentication"
        )


def stamp_tenant(tokenizer_manager: Any, obj: Any, *args: Any, **kwargs: Any):
    """BEFORE generate_request: bind the request to the tenant the gate authenticated.

    - The tenant becomes the cache_salt; a client-supplied cache_salt is discarded. A request
      without a gated tenant (SGLang's own warm-up and health checks) gets no stamp and so is
      an anonymous tenant in the cache.
    - On the tenant routes, a client-chosen ``rid`` (or a batch's list of them) is replaced by
      fresh server ids: the cache reports each request's cross-tenant matches to the monitor
      once per rid, so a prober reusing one rid would hide its probes, and a rid another
      tenant has in flight would be an oracle. Other routes choose their rids themselves and
      find the request by it again (health checks, stored responses): kept.
    - SGLang sessions (``session_params``) are refused: they continue a stored request by id,
      whoever stored it.
    """
    request = args[0] if args else kwargs.get("request")
    tenant = None
    if request is not None:
        tenant = request.scope.get("state", {}).get("safekv_tenant")
    if tenant is None:
        tenant = auth.current_tenant.get()
    if hasattr(obj, "cache_salt"):
        obj.cache_salt = tenancy.stamp(tenant) if tenant else None
    if tenant is not None:
        if getattr(obj, "session_params", None) is not None:
            raise ValueError(
                "session_params is not supported by this server: SGLang sessions are not "
                "bound to a tenant"
            )
        rid = getattr(obj, "rid", None) if _on_tenant_route(request) else None
        if isinstance(rid, list):
            obj.rid = [server_rid() for _ in rid]
        elif rid is not None:
            obj.rid = server_rid()
    return None


def server_rid() -> str:
    return uuid.uuid4().hex


def _on_tenant_route(request: Any) -> bool:
    if request is None:
        return False
    scope = request.scope
    return auth.classify(scope.get("method", "GET"), scope.get("path", "")) is auth.Access.TENANT


def check_token_ids(tokenizer_manager: Any, obj: Any, input_ids: Any, *args: Any, **kwargs: Any):
    """BEFORE request validation: client-given token ids must be inside the vocabulary.

    Stock SGLang 0.5.23 passes an out-of-range id in ``/generate``'s ``input_ids`` to the
    embedding layer, which crashes the scheduler and takes the whole server down; here it is
    a 400 for that request instead.
    """
    vocab_size = tokenizer_manager.model_config.vocab_size
    if (
        input_ids is not None
        and len(input_ids)
        and (min(input_ids) < 0 or max(input_ids) >= vocab_size)
    ):
        bad = next(t for t in input_ids if t < 0 or t >= vocab_size)
        raise ValueError(
            f"input_ids contains token id {bad} outside the vocabulary [0, {vocab_size})"
        )
    return None


def check_model_name(error: str | None, serving: Any, request: Any, *args: Any, **kwargs: Any):
    """AFTER OpenAI request validation: an unknown ``model`` is a 404, as with OpenAI's API
    (stock SGLang serves any name with its one model)."""
    from fastapi import HTTPException

    if error:
        return error
    served = serving.tokenizer_manager.served_model_name
    model = getattr(request, "model", None)
    if model and model not in (served, DEFAULT_MODEL_ALIAS):
        raise HTTPException(
            status_code=404,
            detail=f"The model '{model}' does not exist; this server serves '{served}'.",
        )
    return None


def main(argv: list[str]) -> None:
    """Entry of the server process: plugins, the front end, then SGLang's own launch."""
    from sglang.srt.entrypoints.http_server import launch_server
    from sglang.srt.plugins import load_plugins
    from sglang.srt.server_args import prepare_server_args
    from sglang.srt.utils import kill_process_tree

    from sglang_safekv.config import load_from_env

    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(message)s")
    load_plugins()
    server_args = prepare_server_args(argv)
    front = FrontEnd.from_config(load_from_env())
    front.install(server_args)
    front._port = server_args.port
    server_args.resolve_once()
    try:
        launch_server(server_args, launch_callback=front.launch_callback)
    finally:
        kill_process_tree(os.getpid(), include_parent=False)


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv[1:])
