"""Two sglang-safekv workers behind SGLang's gateway, started by `sglang-safekv cluster`.

One cluster (selective mode) for the module: public sharing across tenants on whichever worker
the routing picks, private content never, identity that no header or detour changes, bad input
refused with the cluster still serving, a probe spread over workers that learns nothing and
lands on one worker, and a killed worker routed around and replaced. The last test stops the
cluster with SIGTERM and checks nothing outlives it.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import httpx
import openai
import pytest

from tests.e2e.cluster_harness import (
    ADMIN,
    KEYS,
    CliCluster,
    cached,
    chat,
    run_dir,
    secret_message,
    spread_probe,
)

# The cluster waits up to 16 minutes for its workers (--ready-timeout 900).
pytestmark = [pytest.mark.server, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def cluster():
    c = CliCluster("selective", run_dir("selective"))
    yield c
    c.stop()


def test_banner_and_health(cluster):
    assert "2 workers" in cluster.banner and "policy=prefix_hash" in cluster.banner
    assert httpx.get(cluster.url + "/health").status_code == 200
    for url in cluster.worker_urls:
        assert httpx.get(url + "/health").status_code == 200


def test_public_system_prompt_is_shared_across_tenants_on_one_worker(cluster):
    before = cluster.worker_requests()
    chat(cluster.client("alice"), "Their going to the park tomorow.")
    cluster.settle()
    resp = chat(cluster.client("bob"), "Me and him was late.")
    after = cluster.worker_requests()
    served = [a - b for a, b in zip(after, before)]
    # Both requests start with the same routing prefix: one worker served both.
    assert sorted(served) == [0, 2], served
    assert cached(resp) >= 60, cached(resp)


def test_private_content_is_never_shared(cluster):
    user, ssn = secret_message(7)
    first = chat(cluster.client("alice"), user)
    cluster.settle()
    again = chat(cluster.client("alice"), user)
    assert cached(again) >= first.usage.prompt_tokens - 2  # the owner reuses all of it
    probe = chat(cluster.client("probe39"), user)
    # The attacker's hit stops before the secret: the note's tail after the number is longer
    # than the whole gap, so any reuse of the secret would show.
    assert cached(probe) < first.usage.prompt_tokens - 30, (cached(probe), first.usage)


def test_no_header_picks_a_tenant(cluster):
    user, _ = secret_message(11)
    chat(cluster.client("alice"), user)
    cluster.settle()
    owner = cached(chat(cluster.client("alice"), user))
    spoofs = [
        {"x-smg-tenant-id": "alice"},
        {"x-tenant-id": "alice", "x-user": "alice", "OpenAI-Organization": "alice"},
    ]
    for i, headers in enumerate(spoofs):
        got = cached(chat(cluster.client(f"probe{30 + i}", **headers), user, user="alice"))
        assert got < owner - 30, (headers, got, owner)
    # A tenant header without a key is refused, through the gateway and at a worker.
    body = {"model": "default", "messages": [{"role": "user", "content": "hi"}]}
    for url in (cluster.url, *cluster.worker_urls):
        r = httpx.post(
            url + "/v1/chat/completions", json=body, headers={"x-smg-tenant-id": "alice"}
        )
        assert r.status_code == 401, (url, r.status_code, r.text)


def test_around_the_gateway_a_client_is_still_only_itself(cluster):
    """Direct worker access: no key, a forged stamp or another tenant's name gets nothing."""
    user, _ = secret_message(12)
    chat(cluster.client("alice"), user)
    cluster.settle()
    owner = cached(chat(cluster.client("alice"), user))
    for url in cluster.worker_urls:
        direct = openai.OpenAI(base_url=url + "/v1", api_key=KEYS["probe33"], max_retries=0)
        got = cached(
            chat(
                direct,
                user,
                extra_headers={"x-smg-tenant-id": "alice"},
                extra_body={"cache_salt": "safekv1:alice:" + "0" * 32, "user": "alice"},
            )
        )
        assert got < owner - 30, (url, got, owner)
        forged = openai.OpenAI(base_url=url + "/v1", api_key="sk-forged", max_retries=0)
        with pytest.raises(openai.AuthenticationError):
            chat(forged, "hello")
        for path in ("/server_info", "/safekv/stats", "/metrics", "/flush_cache"):
            method = "POST" if path == "/flush_cache" else "GET"
            r = httpx.request(
                method, url + path, headers={"Authorization": "Bearer " + KEYS["bob"]}
            )
            assert r.status_code == 401, (url, path, r.status_code)


def test_gateway_control_plane_is_locked(cluster):
    """Registering a backend would hand it other tenants' requests and keys."""
    evil = {"url": "http://127.0.0.1:9"}
    for headers in ({}, {"Authorization": "Bearer " + KEYS["bob"]}):
        assert httpx.post(cluster.url + "/workers", json=evil, headers=headers).status_code in (
            401,
            403,
        )
        assert httpx.get(cluster.url + "/workers", headers=headers).status_code in (401, 403)
    assert httpx.get(cluster.url + "/workers", headers=ADMIN).status_code == 200


def test_bad_input_is_refused_and_the_cluster_keeps_serving(cluster):
    auth = {"Authorization": "Bearer " + KEYS["bob"], "content-type": "application/json"}
    url = cluster.url + "/v1/chat/completions"
    bad = [
        b"{not json",
        b'{"model": "default", "messages": "hello"}',
        b'{"model": "default", "messages": [{"role": "user", "content": "hi"}], "max_tokens": -5}',
        b'{"model": "no-such-model", "messages": [{"role": "user", "content": "hi"}]}',
        b"\xff\xfe invalid utf-8",
    ]
    for body in bad:
        r = httpx.post(url, content=body, headers=auth, timeout=60)
        assert 400 <= r.status_code < 500, (body, r.status_code, r.text[:200])
    r = httpx.post(
        cluster.url + "/generate",
        json={"input_ids": [1, 2, 10**9], "sampling_params": {"max_new_tokens": 1}},
        headers=auth,
        timeout=60,
    )
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:200])
    assert chat(cluster.client("bob"), "Still there?").choices[0].message is not None


def test_a_probe_spread_over_workers_learns_nothing_and_meets_one_monitor(cluster):
    result = spread_probe(cluster, "alice", seed=21)
    # Every probe of the lineage reached one worker, whatever headers it sent.
    assert len(set(result["workers"])) == 1, result
    assert result["recovered"] is None, result
    assert len(set(result["cached"])) == 1, result


def test_a_killed_worker_is_routed_around_and_replaced(cluster):
    # The worker that serves SYSTEM-prefixed requests (all of the tests above) dies.
    before = cluster.worker_requests()
    chat(cluster.client("bob"), "Which worker am I on?")
    target = [a - b for a, b in zip(cluster.worker_requests(), before)].index(1)
    old_pid = cluster.worker_pid(target)
    os.killpg(old_pid, signal.SIGKILL)
    # Other tenants keep being served, on the same prefix and on others.
    for i, tenant in enumerate(["alice", "bob", "carol"] * 2):
        resp = chat(cluster.client(tenant), f"Request {i} while a worker is down.", max_tokens=1)
        assert resp.choices, resp
        resp = chat(cluster.client(tenant), "Hi.", system=f"Be brief, {tenant} {i}.", max_tokens=1)
        assert resp.choices, resp
    # The supervisor starts a replacement on the same port; the gateway takes it back.
    deadline = time.monotonic() + 30
    while True:
        try:
            if cluster.worker_pid(target) != old_pid:
                break
        except LookupError:
            pass
        assert time.monotonic() < deadline, "no replacement was started"
        time.sleep(0.5)
    deadline = time.monotonic() + 420  # a worker start takes minutes on a loaded 2-core box
    while cluster.health(target) != 200:
        assert time.monotonic() < deadline, "worker was not replaced"
        time.sleep(1)
    assert cluster.worker_pid(target) != old_pid
    assert chat(cluster.client("carol"), "Back to two workers.").choices


def test_sigterm_stops_every_process(cluster):
    pids = [cluster.worker_pid(i) for i in range(2)]
    assert cluster.stop() == 0
    time.sleep(1)
    alive = [p for p in pids if Path(f"/proc/{p}").exists()]
    assert not alive, alive
    for url in (cluster.url, *cluster.worker_urls):
        with pytest.raises(httpx.TransportError):
            httpx.get(url + "/health", timeout=2)
