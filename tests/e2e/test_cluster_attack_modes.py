"""The spread probe of ``test_cluster.py`` against isolated and global clusters.

Global mode is the positive control: the same probe, through the same gateway and routing,
must recover the secret there, or the selective result proves nothing. Isolated mode must
leak nothing either. One 2-worker cluster per mode.
"""

from __future__ import annotations

import pytest

from tests.e2e.cluster_harness import CliCluster, spread_probe

pytestmark = pytest.mark.server


@pytest.fixture(scope="module", params=["global", "isolated"])
def cluster(request, tmp_path_factory):
    c = CliCluster(request.param, tmp_path_factory.mktemp(f"cluster-{request.param}"))
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
