"""The spread probe of ``test_cluster.py`` against isolated and global clusters.

Global mode is the positive control: the same probe, through the same gateway and routing,
must recover the secret there, or the selective result proves nothing. Isolated mode must
leak nothing either. One 2-worker cluster per mode.
"""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.cluster_harness import ADMIN, CliCluster, chat, run_dir, spread_probe

# The cluster waits up to 16 minutes for its workers (--ready-timeout 900).
pytestmark = [pytest.mark.server, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module", params=["global", "isolated"])
def cluster(request):
    c = CliCluster(request.param, run_dir(request.param))
    c.mode = request.param
    yield c
    c.stop()


def test_spread_probe_lands_on_one_worker_and_leaks_only_in_global_mode(cluster):
    result = spread_probe(cluster, "alice", seed=5)
    assert len(set(result["workers"])) == 1, result
    if cluster.mode == "global":
        assert result["recovered"] == result["truth"], result
    else:
        assert result["recovered"] is None, result
        assert len(set(result["cached"])) == 1, result


def test_gateway_and_every_worker_are_scrapeable(cluster):
    chat(cluster.client("bob"), "Count me.")
    gateway = httpx.get(f"http://127.0.0.1:{cluster.metrics_port}/metrics", timeout=10)
    assert gateway.status_code == 200 and "smg_" in gateway.text
    for url in cluster.worker_urls:
        assert httpx.get(url + "/health", timeout=10).status_code == 200
        scrape = httpx.get(url + "/metrics", headers=ADMIN, timeout=10)
        # One scrape: SGLang's own series and sglang-safekv's.
        assert scrape.status_code == 200 and "sglang:num_requests_total" in scrape.text
        assert "safekv_" in scrape.text
        # Without the admin key the worker's metrics stay closed, as on one server.
        assert httpx.get(url + "/metrics", timeout=10).status_code == 401
    scrape = (cluster.run_dir / "prometheus.yml").read_text()
    assert f"127.0.0.1:{cluster.metrics_port}" in scrape
    assert all(f"127.0.0.1:{p}" in scrape for p in cluster.worker_ports)
