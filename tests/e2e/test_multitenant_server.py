"""The real CPU server in selective mode with authenticated tenants, end to end.

One server for the module: tenants alice (victim), bob and mallory (attacker), an admin key,
one operator-declared public prefix, longest-prefix-match scheduling (SGLang 0.5.23 defaults to
FCFS) and --max-running-requests 1, so that queued requests expose the scheduler's order.
"""

from __future__ import annotations

import concurrent.futures
import random
import time
from pathlib import Path

import httpx
import openai
import pytest
from prometheus_client.parser import text_string_to_metric_families
from scipy import stats

from sglang_safekv.server.tenants import digest
from tests.e2e.cli_server import CliServer

pytestmark = pytest.mark.server

KEYS = {
    "alice": "sk-test-alice-7c1f0b9e",
    "bob": "sk-test-bob-52aa41d0",
    "mallory": "sk-test-mallory-0e93c4f1",
    # Attacker accounts used once each: an account's own earlier prompts are legitimately
    # reusable by it and would blur what it can learn about other tenants.
    **{f"probe{i}": f"sk-test-probe{i}-{i * 7919:08x}" for i in range(24)},
}
_unused_probes = iter(range(24))


def fresh_attacker() -> str:
    return f"probe{next(_unused_probes)}"


ADMIN_KEY = "sk-test-admin-9b0d2e77"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
DECLARED_SYSTEM = (
    "You are the assistant of a public library. Answer questions about opening hours, "
    "borrowing rules and events. Keep answers short and polite."
)
SYSTEM = (
    "You are a careful writing assistant. Improve the grammar and clarity of the text the "
    "user sends, keep the meaning, and answer with the improved text only. "
) * 3


def _secret_message(i: int) -> tuple[str, str]:
    rng = random.Random(i)
    ssn = f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    text = (
        f"Please fix this note: my social security number is {ssn} and the doctor said "
        f"my diagnosis is type {rng.randint(1, 2)} diabetes, so send the refill to me. "
        "Thank you very much for your help with this message."
    )
    return text, ssn


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("mt")
    tenants = "".join(
        f'[[tenants]]\nname = "{n}"\nkey_sha256 = "{digest(k)}"\n' for n, k in KEYS.items()
    )
    (d / "tenants.toml").write_text(f'[admin]\nkey_sha256 = "{digest(ADMIN_KEY)}"\n' + tenants)
    (d / "public.toml").write_text(
        f'[[prefixes]]\nname = "library"\nmessages = [{{role = "system", content = "{DECLARED_SYSTEM}"}}]\n'
    )
    srv = CliServer(
        [
            "--safekv-mode",
            "selective",
            "--tenants",
            str(d / "tenants.toml"),
            "--public-prefixes",
            str(d / "public.toml"),
            "--max-running-requests",
            "1",
            "--schedule-policy",
            "lpm",
        ],
        d / "server.log",
    )
    yield srv
    srv.stop()


def client(server, tenant: str) -> openai.OpenAI:
    return openai.OpenAI(
        base_url=server.base_url + "/v1", api_key=KEYS[tenant], max_retries=0, timeout=300
    )


def chat(c: openai.OpenAI, text: str, system: str = SYSTEM, **kw):
    return c.chat.completions.create(
        model="default",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": text}],
        max_tokens=kw.pop("max_tokens", 2),
        temperature=0,
        **kw,
    )


def cached(resp) -> int:
    return resp.usage.prompt_tokens_details.cached_tokens


def ttft(c: openai.OpenAI, user: str) -> float:
    start = time.perf_counter()
    # Closed here, not left to the garbage collector: an abandoned stream finalised while
    # httpcore holds its pool lock (inside the next request) deadlocks the test process.
    with c.chat.completions.create(
        model="default",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        max_tokens=1,
        temperature=0,
        stream=True,
    ) as stream:
        for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content is not None:
                return time.perf_counter() - start
    return time.perf_counter() - start


def wait_until_settled(server, timeout_s: float = 60) -> dict:
    """Wait until the detector has answered every job and the cache applied the answers
    (reading /safekv/stats makes the cache apply what is queued)."""
    deadline = time.monotonic() + timeout_s
    while True:
        snap = server.get_json("/safekv/stats", ADMIN)["schedulers"][0]
        gauges = snap["detector"]["gauges"]
        busy = gauges["queue_depth"] + gauges["inflight"] + snap["pending_results"]
        if busy == 0:
            return snap
        assert time.monotonic() < deadline, f"detector still busy after {timeout_s} s: {snap}"
        time.sleep(0.1)


def system_prompt_tokens(server) -> int:
    """Tokens of the chat prompt up to the end of SYSTEM (what sharing should cover)."""
    from transformers import AutoTokenizer

    from sglang_safekv.tooling.tiny_model import ensure_model

    tok = AutoTokenizer.from_pretrained(ensure_model())
    text = tok.apply_chat_template(
        [{"role": "system", "content": SYSTEM}], tokenize=False, add_generation_prompt=False
    )
    return len(tok.encode(text, add_special_tokens=False))


def secret_boundary(user: str, secret: str) -> int:
    """Index of the first prompt token that carries a character of ``secret``."""
    from transformers import AutoTokenizer

    from sglang_safekv.tooling.tiny_model import ensure_model

    tok = AutoTokenizer.from_pretrained(ensure_model())
    text = tok.apply_chat_template(
        [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        tokenize=False,
        add_generation_prompt=True,
    )
    start = text.index(secret)
    enc = tok(text, add_special_tokens=False, return_offsets_mapping=True)
    return next(i for i, (_, end) in enumerate(enc["offset_mapping"]) if end > start)


def test_unknown_key_is_rejected_and_inference_needs_a_key(server):
    bad = openai.OpenAI(base_url=server.base_url + "/v1", api_key="sk-wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        chat(bad, "hello")
    r = httpx.post(server.base_url + "/generate", json={"text": "hi"})
    assert r.status_code == 401


def test_admin_endpoints_need_the_admin_key(server):
    for path in ("/metrics", "/server_info", "/flush_cache", "/safekv/stats", "/v1/loads"):
        method = "POST" if path == "/flush_cache" else "GET"
        r = httpx.request(
            method, server.base_url + path, headers={"Authorization": "Bearer " + KEYS["bob"]}
        )
        assert r.status_code == 401, path


def _scrape(server) -> dict:
    r = httpx.get(server.base_url + "/metrics", headers=ADMIN)
    assert r.status_code == 200
    return {f.name: f for f in text_string_to_metric_families(r.text)}


def _total(family) -> float:
    return sum(s.value for s in family.samples if s.name.endswith("_total"))


def test_one_metrics_scrape_has_sglang_and_typed_safekv_series(server):
    before = _scrape(server)
    assert before["safekv_cache_match_calls"].type == "counter"
    assert before["safekv_gate_admitted"].type == "counter"
    assert before["safekv_cache_tokens"].type == "gauge"
    chat(client(server, "bob"), "What is the capital of France?")
    wait_until_settled(server)
    # The detector workers report their histograms a moment after their results: the series
    # appears once the insert's job (not only the arrival job) has been reported.
    deadline = time.monotonic() + 20
    after = _scrape(server)
    while "safekv_detector_time_to_result_seconds" not in after and time.monotonic() < deadline:
        time.sleep(0.2)
        after = _scrape(server)
    # SGLang's own series (written by its processes once a request was served) in the same scrape.
    assert any(name.startswith("sglang:") for name in after), sorted(after)[:20]
    assert _total(after["safekv_cache_match_calls"]) > _total(before["safekv_cache_match_calls"])
    latency = after["safekv_detector_time_to_result_seconds"]
    assert latency.type == "histogram"
    les = [s.labels["le"] for s in latency.samples if s.name.endswith("_bucket")]
    assert "+Inf" in les and len(les) > 2
    counts = [s.value for s in latency.samples if s.name.endswith("_count")]
    assert counts and counts[0] >= 1


def test_declared_public_prefix_is_shared_at_once(server):
    first = chat(client(server, "bob"), "When do you open on Sunday?", system=DECLARED_SYSTEM)
    # Nobody but the operator sent this system prompt: its KV is cached and public.
    assert cached(first) >= 30


def test_public_system_prompt_is_shared_across_tenants(server):
    n_system = system_prompt_tokens(server)
    chat(client(server, "alice"), "Their going to the park tomorow.")
    snap = wait_until_settled(server)
    resp = chat(client(server, "bob"), "Me and him was late.")
    # On failure, say whether the detector failed (timeouts leave content private).
    assert cached(resp) >= n_system - 2, (cached(resp), n_system, snap["detector"]["counters"])


def test_sensitive_suffix_is_invisible_to_others_but_reused_by_its_owner(server):
    alice, mallory = client(server, "alice"), client(server, fresh_attacker())
    user, ssn = _secret_message(0)
    first = chat(alice, user)
    wait_until_settled(server)
    boundary = secret_boundary(user, ssn)
    # Alice reuses her own prompt, secret included.
    again = chat(alice, user)
    assert cached(again) >= first.usage.prompt_tokens - 2
    # Mallory sending Alice's exact prompt gets nothing at or after the first sensitive token.
    probe = chat(mallory, user)
    assert cached(probe) <= boundary, (cached(probe), boundary)


def test_spoofed_identity_gains_nothing(server):
    alice = client(server, "alice")
    spoofs = [
        {"user": "alice"},
        {"extra_body": {"cache_salt": "alice"}},
        {"extra_headers": {"X-Tenant": "alice", "X-User": "alice", "OpenAI-Organization": "alice"}},
        {"extra_body": {"user": "alice", "cache_salt": "safekv1:alice:" + "0" * 32}},
    ]
    victims = [_secret_message(200 + i) for i in range(len(spoofs))]
    for user, _ in victims:
        chat(alice, user)
    wait_until_settled(server)
    for spoof, (user, ssn) in zip(spoofs, victims):
        attacker = client(server, fresh_attacker())
        got = cached(chat(attacker, user, **spoof))
        assert got <= secret_boundary(user, ssn), (spoof, got)


def test_ttft_of_a_victims_prompt_matches_a_cold_prompt(server):
    alice, mallory = client(server, "alice"), client(server, fresh_attacker())
    victims = [_secret_message(300 + i)[0] for i in range(10)]
    controls = [_secret_message(400 + i)[0] for i in range(10)]
    for v in victims:
        chat(alice, v)
    wait_until_settled(server)
    probe_t, control_t = [], []
    for v, c in zip(victims, controls):
        probe_t.append(ttft(mallory, v))
        control_t.append(ttft(mallory, c))
    # Identical cache behaviour makes the two arms one distribution; a leak (a hit on the
    # victim's suffix) would make the probe arm faster.
    result = stats.ks_2samp(probe_t, control_t, alternative="greater")
    assert result.pvalue >= 0.001, (probe_t, control_t)


def test_lpm_order_does_not_reveal_a_victims_prompt(server):
    """PromptPeek-style: with a busy server, LPM would schedule a probe that hits the victim's
    cache before an equally long fresh one. Selective sharing keeps arrival order."""
    alice = client(server, "alice")
    outcomes = []
    for trial in range(4):
        victim, _ = _secret_message(500 + trial)
        fresh, _ = _secret_message(600 + trial)
        chat(alice, victim)
        wait_until_settled(server)
        first, second = (victim, fresh) if trial % 2 == 0 else (fresh, victim)
        # Separate new accounts, so neither probe can reuse the other's or its own old content.
        blocker_c, first_c, second_c = (client(server, fresh_attacker()) for _ in range(3))
        done: list[str] = []

        def send(c, text, label, done=done):
            chat(c, text, max_tokens=4)
            done.append(label)

        with concurrent.futures.ThreadPoolExecutor(3) as pool:
            blocker = pool.submit(
                chat, blocker_c, "Write a long story about a cat.", max_tokens=120
            )
            time.sleep(0.3)  # the blocker holds the only running slot
            a = pool.submit(send, first_c, first, "first")
            time.sleep(0.1)
            b = pool.submit(send, second_c, second, "second")
            for f in (blocker, a, b):
                f.result()
        outcomes.append(done)
    assert all(order == ["first", "second"] for order in outcomes), outcomes


@pytest.mark.parametrize(
    "kind, request_kwargs, expected",
    [
        ("malformed json", {"content": b'{"model": "default", "messages": ['}, 400),
        ("wrong types", {"json": {"model": "default", "messages": "hi", "max_tokens": "x"}}, 400),
        (
            "invalid utf-8",
            {"content": b'{"model":"default","messages":[{"role":"user","content":"\xff"}]}'},
            400,
        ),
        (
            "unknown model",
            {"json": {"model": "gpt-9", "messages": [{"role": "user", "content": "hi"}]}},
            404,
        ),
        (
            "huge prompt",
            {
                "json": {
                    "model": "default",
                    "messages": [{"role": "user", "content": "word " * 20000}],
                }
            },
            400,
        ),
        (
            "negative max_tokens",
            {
                "json": {
                    "model": "default",
                    "messages": [{"role": "user", "content": "hi"}],
                    "max_tokens": -1,
                }
            },
            400,
        ),
    ],
)
def test_bad_input_is_a_clear_4xx_and_the_server_keeps_serving(
    server, kind, request_kwargs, expected
):
    headers = {"Authorization": "Bearer " + KEYS["bob"], "Content-Type": "application/json"}
    r = httpx.post(
        server.base_url + "/v1/chat/completions", headers=headers, timeout=60, **request_kwargs
    )
    assert r.status_code == expected, (kind, r.text[:200])
    assert chat(client(server, "bob"), "still there?").choices


def test_out_of_vocabulary_token_ids_do_not_crash_the_server(server):
    headers = {"Authorization": "Bearer " + KEYS["bob"]}
    r = httpx.post(
        server.base_url + "/generate",
        headers=headers,
        json={"input_ids": [5, 10**9], "sampling_params": {"max_new_tokens": 2}},
        timeout=60,
    )
    assert r.status_code == 400 and "outside the vocabulary" in r.text
    assert chat(client(server, "bob"), "still there?").choices


def test_client_disconnect_mid_stream(server):
    headers = {"Authorization": "Bearer " + KEYS["bob"]}
    body = {
        "model": "default",
        "messages": [{"role": "user", "content": "Tell me a long story."}],
        "max_tokens": 400,
        "stream": True,
    }
    with httpx.stream(
        "POST", server.base_url + "/v1/chat/completions", headers=headers, json=body, timeout=60
    ) as r:
        for i, _ in enumerate(r.iter_lines()):
            if i >= 3:
                break  # hang up mid-stream
    assert chat(client(server, "bob"), "still there?").choices
    assert httpx.get(server.base_url + "/health").status_code == 200


def match_events(server) -> int:
    return server.get_json("/safekv/stats", ADMIN)["schedulers"][0].get("match_events", 0)


def test_probes_reusing_one_rid_are_each_reported_to_the_monitor(server):
    """Attack: a prober sends every probe with the same client rid, so that the cache's
    per-request de-duplication would hide all but the first from the monitor."""
    prober = client(server, fresh_attacker())
    counts = [match_events(server)]
    for i in range(3):
        resp = chat(
            prober,
            f"Is the library open on day {i}?",
            system=DECLARED_SYSTEM,
            extra_body={"rid": "r"},
        )
        assert cached(resp) >= 30  # the declared public prefix, shared
        counts.append(match_events(server))
    assert all(b > a for a, b in zip(counts, counts[1:])), counts


def test_an_admin_key_generation_is_not_published(server):
    """An operator prompt sent through an admin route that generates is a tenant's prompt:
    pending until detected, its sensitive part never shared."""
    user, ssn = _secret_message(700)
    body = {
        "model": "default",
        "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        "max_tokens": 2,
        "temperature": 0,
    }
    r = httpx.post(server.base_url + "/invocations", headers=ADMIN, json=body, timeout=60)
    assert r.status_code == 200, r.text[:200]
    wait_until_settled(server)
    got = cached(chat(client(server, fresh_attacker()), user))
    assert got <= secret_boundary(user, ssn), got


def test_health_generate_needs_the_admin_key_and_health_stays_open(server):
    assert httpx.get(server.base_url + "/health", timeout=30).status_code == 200
    r = httpx.get(server.base_url + "/health_generate", timeout=30)
    assert r.status_code == 401
    bob = {"Authorization": "Bearer " + KEYS["bob"]}
    assert httpx.get(server.base_url + "/health_generate", headers=bob).status_code == 401
    r = httpx.get(server.base_url + "/health_generate", headers=ADMIN, timeout=60)
    assert r.status_code == 200


def test_sessions_are_refused(server):
    headers = {"Authorization": "Bearer " + KEYS["bob"]}
    r = httpx.post(
        server.base_url + "/generate",
        headers=headers,
        json={"text": "hello", "session_params": {"id": "someone-elses-session"}},
        timeout=60,
    )
    assert r.status_code == 400 and "session_params" in r.text


def test_the_internal_key_is_in_no_log_no_server_info_and_no_command_line(server):
    log = server.log_path.read_text(errors="replace")
    assert "server_args=" in log  # the line SGLang logs its arguments in, key included
    info = httpx.get(server.base_url + "/server_info", headers=ADMIN, timeout=30).text
    old_info = httpx.get(server.base_url + "/get_server_info", headers=ADMIN, timeout=30).text
    assert '"api_key":"<redacted>"' in info.replace(" ", "")
    cmdlines = []
    for pid in server.group_pids():
        try:
            cmdlines.append(Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"))
        except OSError:
            continue
    assert cmdlines
    for where, text in [("log", log), ("/server_info", info), ("/get_server_info", old_info)] + [
        ("argv", c) for c in cmdlines
    ]:
        assert "safekv-internal-" not in text, where
