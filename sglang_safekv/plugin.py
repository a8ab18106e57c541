"""SGLang plugin entry point (group ``sglang.srt.plugins``), run in every SGLang process.

Registers the ``safekv`` radix-cache backend, the hooks that expose its state, and the
redaction of API keys from SGLang's serialised arguments. Keep this import-light: it runs at the
start of each SGLang process.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

BACKEND_NAME = "safekv"
INTERNAL_STATE_TARGET = (
    "sglang.srt.managers.scheduler_components.internal_state."
    "SchedulerInternalStateController.get_internal_state"
)
# SGLang logs this dict at start-up and returns it from /server_info and in crash dumps.
RESOLVED_ARGS_TARGET = "sglang.srt.server_args.ServerArgs.resolved_dict"
SECRET_ARGS = ("api_key", "admin_api_key")
REDACTED = "<redacted>"


def build_cache(ctx: Any):
    """Radix-cache factory: SGLang calls it in the scheduler process."""
    from sglang_safekv import runtime
    from sglang_safekv.config import load_from_env

    if ctx.is_hybrid_swa or ctx.is_hybrid_ssm:
        raise ValueError(
            "the safekv cache supports full-attention models only (no SWA or Mamba layers)"
        )
    if ctx.enable_hierarchical_cache:
        raise ValueError("the safekv cache does not support --enable-hierarchical-cache")
    config = load_from_env()
    server_args = ctx.server_args
    tokenizer_path = getattr(server_args, "tokenizer_path", None) or server_args.model_path
    cache = runtime.build(ctx.params, config, tokenizer_path)
    logger.info("safekv: radix cache %s in %s mode", type(cache).__name__, config.mode.value)
    return cache


def _add_safekv_state(result: Any, controller: Any, *args: Any, **kwargs: Any) -> Any:
    """AFTER hook: report the safekv cache's counters in /server_info's internal_states."""
    from sglang_safekv.runtime import stats_of

    stats = stats_of(getattr(controller.scheduler, "tree_cache", None))
    if stats is not None and isinstance(getattr(result, "internal_state", None), dict):
        result.internal_state["safekv"] = stats
    return result


def _redact_keys(result: Any, *args: Any, **kwargs: Any) -> Any:
    """AFTER hook: the safekv server's internal API key passes its gate on every route, so it
    must not reach the log or /server_info (SGLang reads the key from the arguments, not from
    this dict)."""
    if isinstance(result, dict):
        for name in SECRET_ARGS:
            if result.get(name):
                result[name] = REDACTED
    return result


def register() -> None:
    from sglang.srt.mem_cache.registry import (
        get_radix_cache_factory,
        register_radix_cache_backend,
    )
    from sglang.srt.plugins.hook_registry import HookRegistry, HookType

    if get_radix_cache_factory(BACKEND_NAME) is None:
        register_radix_cache_backend(BACKEND_NAME, build_cache)
    HookRegistry.register(INTERNAL_STATE_TARGET, _add_safekv_state, HookType.AFTER)
    HookRegistry.register(RESOLVED_ARGS_TARGET, _redact_keys, HookType.AFTER)
    if cpu_extend_attention_wanted():
        from sglang_safekv.cpu_compat import extend_attention

        HookRegistry.register(
            extend_attention.TARGET, extend_attention.extend_attention, HookType.AROUND
        )


def cpu_extend_attention_wanted() -> bool:
    """The CPU engine runs and the config did not turn the prefix-skipping attention off."""
    import os

    from sglang_safekv.config import load_from_env

    if os.environ.get("SGLANG_USE_CPU_ENGINE") != "1":
        return False
    return load_from_env().server.cpu_extend_attention_skips_prefix
