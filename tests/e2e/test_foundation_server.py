"""The real SGLang server on CPU with the safekv backend, through the openai client."""

import time

import openai
import pytest

from tests.e2e.cli_server import CliServer

pytestmark = pytest.mark.server
ADMIN_KEY = "sk-admin-foundation-test"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}

SYSTEM = (
    "You are the support assistant of Northwind Outfitters. Answer questions about orders, "
    "returns and sizing in a friendly tone, in at most three sentences. "
) * 8


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = CliServer(
        ["--safekv-mode", "global"],
        tmp_path_factory.mktemp("srv") / "server.log",
        env={"SAFEKV_ADMIN_KEY": ADMIN_KEY},
    )
    yield srv
    srv.stop()


def _chat(client, user):
    return client.chat.completions.create(
        model="default",
        messages=[{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}],
        max_tokens=8,
        temperature=0,
    )


def test_banner_names_mode_and_address(server):
    assert server.banner.startswith(f"sglang-safekv: serving on {server.base_url}")
    assert "mode=global" in server.banner


def test_second_request_hits_the_cache_of_the_safekv_backend(server):
    client = openai.OpenAI(base_url=server.base_url + "/v1", api_key="unused")
    before = server.safekv_stats(ADMIN)
    first = _chat(client, "Where is my order 1?")
    second = _chat(client, "Can I return shoes?")
    assert first.choices[0].message.content
    assert second.usage.prompt_tokens > 200
    cached = second.usage.prompt_tokens_details.cached_tokens
    assert cached > 0.8 * second.usage.prompt_tokens - 20
    after = server.safekv_stats(ADMIN)
    assert after["backend"] == "SafeRadixCache"
    assert after["match_calls"] > before["match_calls"]
    assert after["hit_tokens"] - before["hit_tokens"] >= cached
    info = server.get_json("/server_info", ADMIN)
    assert info["radix_cache_backend"] == "safekv"


def test_sigterm_stops_every_server_process(server):
    pids = server.group_pids()
    assert len(pids) >= 2, "expected the HTTP server and its scheduler"
    start = time.monotonic()
    server.stop()
    while server.group_pids() and time.monotonic() - start < 30:
        time.sleep(0.2)
    assert server.group_pids() == []
