"""A tenant types secrets on the real server, a request every few characters (a code-completion
client); another tenant then sends the same text and must not reuse a token of the secret.

The real CPU server in selective mode (default detector), the completions API, two tenants.
"""

from __future__ import annotations

import time

import openai
import pytest

from sglang_safekv.server.tenants import digest
from tests.e2e.cli_server import CliServer

pytestmark = pytest.mark.server

KEYS = {"alice": "sk-test-alice-31d7a0c2", "bob": "sk-test-bob-8e44b9f1"}
ADMIN_KEY = "sk-test-admin-5a21c6e0"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
HEADER = "Notes for the deploy job of the web service\n"
TYPED = [
    ("export OPENAI_API_KEY=", "sk-proj-4fQ9x2LmN8pRt5VwZ1bC7dE3"),
    ("Please charge card ", "4111 1111 1111 1111"),
    ("DATABASE_URL=postgres://admin:", "S3cretPw0rd@db.internal:5432/app"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    d = tmp_path_factory.mktemp("typing")
    tenants = "".join(
        f'[[tenants]]\nname = "{n}"\nkey_sha256 = "{digest(k)}"\n' for n, k in KEYS.items()
    )
    (d / "tenants.toml").write_text(f'[admin]\nkey_sha256 = "{digest(ADMIN_KEY)}"\n' + tenants)
    srv = CliServer(
        ["--safekv-mode", "selective", "--tenants", str(d / "tenants.toml")], d / "server.log"
    )
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    from sglang_safekv.tooling.tiny_model import ensure_model

    return AutoTokenizer.from_pretrained(str(ensure_model()), local_files_only=True)


def complete(server, tenant: str, prompt: str):
    c = openai.OpenAI(base_url=server.base_url + "/v1", api_key=KEYS[tenant], max_retries=0)
    return c.completions.create(model="default", prompt=prompt, max_tokens=1, temperature=0)


def settle(server) -> None:
    """Until the detector answered everything and the cache applied it."""
    deadline = time.monotonic() + 60
    while True:
        snap = server.get_json("/safekv/stats", ADMIN)["schedulers"][0]
        gauges = snap["detector"]["gauges"]
        if gauges["queue_depth"] + gauges["inflight"] + snap["pending_results"] == 0:
            return
        assert time.monotonic() < deadline, snap
        time.sleep(0.1)


@pytest.mark.parametrize("lead,secret", TYPED)
def test_typed_secret_is_not_reused_by_another_tenant(server, tokenizer, lead, secret):
    text = HEADER + lead + secret + "\n"
    for k in range(4, len(text) + 4, 4):
        complete(server, "alice", text[:k])
    settle(server)
    enc = tokenizer(text, return_offsets_mapping=True)
    start = text.index(secret)
    offsets = enc["offset_mapping"]
    boundary = next(i for i, (a, e) in enumerate(offsets) if e > start and e > a)
    header = next(i for i, (a, e) in enumerate(offsets) if e > len(HEADER) and e > a)
    resp = complete(server, "bob", text)
    assert resp.usage.prompt_tokens == len(enc["input_ids"])
    reused = resp.usage.prompt_tokens_details.cached_tokens
    assert reused <= boundary, (secret, reused, boundary)
    # The complete header line is shared (its last token may merge differently in a prefix).
    assert reused >= header - 1, (secret, reused, header)
