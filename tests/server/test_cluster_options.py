"""The cluster's command lines and refusals, without starting anything."""

from __future__ import annotations

import argparse
import json

import pytest

from sglang_safekv.config import SafeKVConfig
from sglang_safekv.server import cluster, launcher


def _opts(*args: str, rest: tuple[str, ...] = ()) -> cluster.ClusterOptions:
    parser = argparse.ArgumentParser()
    launcher.add_serve_arguments(parser)
    cluster.add_cluster_arguments(parser)
    return cluster.options_from_args(parser.parse_args(["--profile", "cpu", *args]), list(rest))


def _flag(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_gateway_routes_on_text_only_and_locks_its_control_plane():
    opts = _opts("--workers", "3", "--port", "18000", "--worker-base-port", "18100")
    argv = cluster.gateway_argv(opts, "ctl-key", "tiny")
    assert _flag(argv, "--policy") == "prefix_hash"
    urls = argv[argv.index("--worker-urls") + 1 : argv.index("--worker-urls") + 4]
    assert urls == [f"http://127.0.0.1:{p}" for p in (18100, 18101, 18102)]
    # Load never moves a request: the spill-over thresholds are out of reach.
    assert float(_flag(argv, "--prefix-hash-load-factor")) >= 1e6
    assert float(_flag(argv, "--prefix-hash-balance-abs-threshold")) >= 1e6
    # No header selects a worker or a tenant.
    i = argv.index("--routing-key-headers")
    assert i == len(argv) - 1 or argv[i + 1].startswith("--")
    assert "--trust-tenant-header" not in argv
    assert _flag(argv, "--control-plane-api-keys").endswith(":admin:ctl-key")
    assert _flag(argv, "--model-alias") == "default=tiny"
    assert _flag(argv, "--host") == "127.0.0.1"
    assert _flag(argv, "--prometheus-host") == "127.0.0.1"


@pytest.mark.parametrize(
    "gateway_arg",
    [
        "--trust-tenant-header",
        "--tenant-header-name=x-tenant",
        "--routing-key-headers=x-smg-routing-key",
        "--sticky-sessions",
        "--policy=random",
    ],
)
def test_gateway_flags_that_would_break_a_guarantee_are_refused(gateway_arg):
    with pytest.raises(cluster.ClusterError):
        cluster.check(_opts(f"--gateway-arg={gateway_arg}"))


def test_policies_that_read_other_tenants_state_are_refused_unless_measuring():
    opts = _opts("--policy", "cache_aware")
    with pytest.raises(cluster.ClusterError, match="prefix_hash"):
        cluster.check(opts)
    opts.cluster.allow_unsafe_policy = True
    cluster.check(opts)
    assert "--prefix-hash-load-factor" not in cluster.gateway_argv(opts, "k", None)


def test_workers_share_one_config_and_open_only_discovery():
    opts = _opts(
        "--workers", "2", "--worker-base-port", "18200", rest=("--max-running-requests", "4")
    )
    w0, w1 = (cluster.worker_options(opts, i) for i in range(2))
    assert (w0.port, w1.port) == (18200, 18201)
    assert w0.config.server.open_discovery and w1.config.server.open_discovery
    assert "--enable-metrics" in w0.sglang_args and "--max-running-requests" in w0.sglang_args
    # Cluster settings travel to the workers with the rest of the config, unchanged.
    back = SafeKVConfig.from_dict(json.loads(w0.config.to_json()))
    assert back.cluster.workers == 2 and back.cluster.worker_base_port == 18200


def test_config_file_cluster_section_is_used_and_flags_win(tmp_path):
    cfg = tmp_path / "safekv.toml"
    cfg.write_text("[cluster]\nworkers = 4\nprefix_tokens = 32\n")
    opts = _opts("--safekv-config", str(cfg), "--prefix-tokens", "16")
    assert opts.cluster.workers == 4 and opts.cluster.prefix_tokens == 16


def test_prometheus_file_names_the_gateway_and_every_worker():
    opts = _opts("--workers", "2", "--worker-base-port", "18300", "--gateway-metrics-port", "18399")
    text = cluster.prometheus_config(opts)
    for target in ("127.0.0.1:18399", "127.0.0.1:18300", "127.0.0.1:18301"):
        assert target in text
    assert "metrics_path: /metrics" in text and "credentials_file" in text
    assert "/safekv/metrics" not in text  # one scrape per worker carries both families


def test_zero_workers_is_an_error():
    with pytest.raises(cluster.ClusterError):
        cluster.check(_opts("--workers", "0"))
