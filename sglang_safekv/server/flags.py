"""SGLang flags the safekv server refuses, because they would open a way around its guarantees.

Checked twice: by the launcher on the command line (a clear error before anything starts) and
by the server process on SGLang's parsed arguments (also covers ``--config`` files and a direct
``python -m sglang_safekv.server``). The README's "Refused SGLang flags" lists the same reasons.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from typing import Any

from sglang_safekv.config import Mode


@dataclasses.dataclass(frozen=True)
class RefusedFlag:
    flag: str
    reason: str
    modes: frozenset[Mode] = frozenset(Mode)  # the modes that refuse it

    @property
    def attribute(self) -> str:
        return self.flag[2:].replace("-", "_")


_PRIVATE_MODES = frozenset({Mode.SELECTIVE, Mode.ISOLATED})
_GATE_BYPASS = "serves requests without the authentication gate"
_OTHER_KV_STORE = (
    "keeps KV or embeddings in a store beside the safekv tree, shared without its tenant checks"
)

REFUSED: tuple[RefusedFlag, ...] = (
    RefusedFlag(
        "--enable-custom-logit-processor",
        "lets requests carry serialised Python callables that the scheduler deserialises and "
        "runs, with access to every tenant's cache",
    ),
    RefusedFlag(
        "--kv-events-config",
        "publishes the token ids of every cached block, private prompts included",
        _PRIVATE_MODES,
    ),
    RefusedFlag("--enable-http2", "runs Granian instead of uvicorn, so " + _GATE_BYPASS),
    RefusedFlag("--smg-grpc-mode", "replaces the HTTP server, so " + _GATE_BYPASS),
    RefusedFlag("--grpc-mode", "replaces the HTTP server, so " + _GATE_BYPASS),
    RefusedFlag("--grpc-port", "starts a gRPC server that " + _GATE_BYPASS),
    RefusedFlag("--sidecar", "starts a gRPC sidecar that " + _GATE_BYPASS),
    RefusedFlag("--enable-session-radix-cache", "keeps sessions that are not bound to a tenant"),
    RefusedFlag("--enable-streaming-session", "keeps sessions that are not bound to a tenant"),
    RefusedFlag("--enable-hierarchical-cache", _OTHER_KV_STORE),
    RefusedFlag("--enable-hicache", _OTHER_KV_STORE),
    RefusedFlag("--hicache-storage-backend", _OTHER_KV_STORE),
    RefusedFlag("--enable-lmcache", _OTHER_KV_STORE),
    RefusedFlag("--enable-flexkv", _OTHER_KV_STORE),
    RefusedFlag("--enable-unified-cache-external-linker", _OTHER_KV_STORE),
    RefusedFlag("--enable-mm-global-cache", _OTHER_KV_STORE),
    RefusedFlag("--enable-prefix-mm-cache", _OTHER_KV_STORE),
)
# Several HTTP workers import SGLang's app on their own, without the gate.
TOKENIZER_WORKERS_FLAG = "--tokenizer-worker-num"
# Environment switches with the same effect: SGLang's Rust HTTP server replaces the Python one
# and with it the gate; a gRPC port starts the native gRPC server beside it.
REFUSED_ENV: dict[str, str] = {
    "SGLANG_RUST_SERVER": "the Rust server " + _GATE_BYPASS,
    "SGLANG_GRPC_PORT": "the native gRPC server " + _GATE_BYPASS,
}


class RefusedFlagError(SystemExit):
    """An SGLang flag or setting the safekv server will not run with; says which and why."""


def _message(flag: str, reason: str) -> str:
    return f"sglang-safekv: {flag} is refused: it {reason}"


def _given(argv: Sequence[str], flag: str) -> str | None:
    """The flag's value as given on the command line ("" for a bare switch), else None."""
    for i, arg in enumerate(argv):
        if arg == flag:
            nxt = argv[i + 1] if i + 1 < len(argv) else ""
            return "" if nxt.startswith("--") else nxt
        if arg.startswith(flag + "="):
            return arg[len(flag) + 1 :]
    return None


def check_argv(argv: Sequence[str], mode: Mode) -> None:
    """Refuse the dangerous flags among the SGLang arguments the launcher forwards."""
    for refused in REFUSED:
        if mode in refused.modes and _given(argv, refused.flag) is not None:
            raise RefusedFlagError(_message(refused.flag, refused.reason))
    workers = _given(argv, TOKENIZER_WORKERS_FLAG)
    if workers is not None and workers.strip() != "1":
        raise RefusedFlagError(_message(TOKENIZER_WORKERS_FLAG, "other than 1 " + _GATE_BYPASS))


def check_server_args(server_args: Any, mode: Mode, env: Mapping[str, str] | None = None) -> None:
    """The same refusals on SGLang's parsed arguments, and on the environment switches."""
    for refused in REFUSED:
        value = getattr(server_args, refused.attribute, None)
        if mode in refused.modes and value not in (None, False, "", "null"):
            raise RefusedFlagError(_message(refused.flag, refused.reason))
    workers = getattr(server_args, TOKENIZER_WORKERS_FLAG[2:].replace("-", "_"), 1)
    if workers not in (None, 1):
        raise RefusedFlagError(_message(TOKENIZER_WORKERS_FLAG, "other than 1 " + _GATE_BYPASS))
    environ: Mapping[str, str] = os.environ if env is None else env
    for name, reason in REFUSED_ENV.items():
        if environ.get(name, "").strip().lower() not in ("", "0", "false", "no", "off"):
            raise RefusedFlagError(f"sglang-safekv: {name} is refused: {reason}")
