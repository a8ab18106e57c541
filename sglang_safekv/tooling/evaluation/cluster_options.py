"""A local 2-worker cluster's options for the evaluation scripts (one place for the ports)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sglang_safekv.cache.ledger import IN_MEMORY
from sglang_safekv.config import ClusterConfig, Mode, SafeKVConfig
from sglang_safekv.server.cluster import ClusterOptions
from sglang_safekv.server.launcher import ServeOptions


def local_cluster_options(
    mode: Mode,
    tenants_file: Path,
    run_dir: Path,
    base_port: int,
    sglang_args: Sequence[str] = (),
    **cluster_settings: Any,
) -> ClusterOptions:
    """Two workers on this host with the embedded model: the gateway on ``base_port``, workers
    from ``base_port + 10``, the gateway's metrics on ``base_port + 20``; ``cluster_settings``
    override the rest of :class:`ClusterConfig` (policy, prefix_tokens, ...)."""
    config = SafeKVConfig(mode=mode)
    config.cache.withdrawal_ledger_file = IN_MEMORY  # each run starts from nothing
    config.server.tenants_file = str(tenants_file)
    config.cluster = ClusterConfig(
        workers=2,
        gateway_port=base_port,
        worker_base_port=base_port + 10,
        gateway_metrics_port=base_port + 20,
        **cluster_settings,
    )
    worker = ServeOptions(
        config=config,
        model_path=None,
        host="127.0.0.1",
        port=0,
        profile="cpu",
        sglang_args=list(sglang_args),
        ready_timeout_s=1200,
    )
    return ClusterOptions(worker=worker, cluster=config.cluster, run_dir=run_dir)
