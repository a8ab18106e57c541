"""How much real public text a second tenant reuses on the real server, selective vs global.

For each document (real system prompts of agent frameworks, and a per-source sample of the rest
of the public corpus, each clipped to ``--chars`` characters), tenant A sends it as the system
message of a chat request; once the detector has answered every job, tenant B sends the same
system message with another user turn and the server's ``cached_tokens`` says how much of B's
prompt came from the cache. The same requests run against a global-mode server, where B reuses
everything A's prompt shares with B's. The headline is selective's reused tokens over global's
(target >= 0.95), per corpus split (``test``: the agent prompts no detector part was built
from; ``train``: documentation sources), with the documents selective shared least.

With ``--gap G``, tenant B instead sends each document G seconds after tenant A's request for it
returned, without waiting for the detector: how much a second tenant arriving right after the
first reuses (cold start). Mode ``selective-late`` is selective with ``cache.judge_at_arrival``
off (content judged only after its prefill), for comparing the two side by side.

Usage: python eval/public_reuse_e2e.py [--prompts 40] [--per-source 5] [--chars 1600]
    [--gap SECONDS] [--modes global,selective[,selective-late]] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import httpx
import openai

from sglang_safekv.config import Mode
from sglang_safekv.server.launcher import running_server
from sglang_safekv.tooling.corpora.public import (
    balanced,
    clip,
    public_documents,
    source_split,
    system_prompts,
)
from sglang_safekv.tooling.evaluation.server import ServerSettings, serve_options
from sglang_safekv.tooling.evaluation.tenant_keys import TenantDirectory
from sglang_safekv.tooling.prepare import ensure_artifacts


def documents(n_prompts: int, per_source: int, chars: int) -> list[dict]:
    """The agent prompts first, then a balanced sample of the other public documents."""
    prompts = system_prompts(n=n_prompts)
    taken = {d.id for d in prompts}
    others = [d for d in balanced(public_documents(), per_source) if d.id not in taken]
    return [
        {"id": d.id, "source": d.source, "split": source_split(d), "text": clip(d.text, chars)}
        for d in [*prompts, *others]
    ]


def settle(base_url: str, admin_key: str, timeout_s: float = 300) -> None:
    """Wait until every detector job is answered and applied (reading the stats applies them)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        snaps = httpx.get(
            base_url + "/safekv/stats",
            headers={"Authorization": f"Bearer {admin_key}"},
            timeout=30,
        ).json()["schedulers"]
        busy = 0
        for snap in snaps:
            gauges = snap.get("detector", {}).get("gauges", {})
            busy += gauges.get("queue_depth", 0) + gauges.get("inflight", 0)
            busy += snap.get("pending_results", 0)
        if busy == 0:
            return
        time.sleep(0.2)
    raise RuntimeError(f"detector still busy after {timeout_s} s")


def ask(client: openai.OpenAI, system: str, user: str) -> tuple[int, int]:
    reply = client.chat.completions.create(
        model="default",
        messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
        max_tokens=1,
        temperature=0,
    )
    details = reply.usage.prompt_tokens_details
    return reply.usage.prompt_tokens, (details.cached_tokens or 0) if details else 0


def server_stats(base_url: str, admin_key: str) -> dict:
    snap = httpx.get(
        base_url + "/safekv/stats", headers={"Authorization": f"Bearer {admin_key}"}, timeout=30
    ).json()["schedulers"][0]
    return {
        "detector_counters": snap.get("detector", {}).get("counters", {}),
        "monitor": snap.get("monitor", {}),
        "cache_counters": {k: v for k, v in snap.items() if isinstance(v, int | float)},
    }


# Server variants by name: (mode, judge_at_arrival).
VARIANTS = {
    "global": (Mode.GLOBAL, True),
    "isolated": (Mode.ISOLATED, True),
    "selective": (Mode.SELECTIVE, True),
    "selective-late": (Mode.SELECTIVE, False),
}
FIRST, SECOND = "Hello, what can you do?", "Please introduce yourself briefly."


def run_mode(
    variant: str,
    docs: list[dict],
    keys: TenantDirectory,
    tenants_file: Path,
    readers: list[str],
    log: Path,
    gap: float | None = None,
) -> tuple[list[int], dict]:
    """The reader's cached tokens per document (reader ``i % len(readers)`` reads document
    ``i``), after tenant A sent every document and detection settled (``gap`` None), or
    ``gap`` seconds after A's request for that document returned; and the server's stats."""
    mode, at_arrival = VARIANTS[variant]
    settings = ServerSettings(
        model_path=None, profile="cpu", sglang_args=(), tenants_file=tenants_file
    )
    opts = serve_options(settings, mode)
    opts.config.cache.judge_at_arrival = at_arrival
    with running_server(opts, log_path=log) as base_url:
        a = openai.OpenAI(base_url=base_url + "/v1", api_key=keys.key_for("tenant-a"))
        clients = [
            openai.OpenAI(base_url=base_url + "/v1", api_key=keys.key_for(r)) for r in readers
        ]
        cached = []
        if gap is None:
            for doc in docs:
                ask(a, doc["text"], FIRST)
            if mode is not Mode.GLOBAL:
                settle(base_url, keys.admin_key)
            for i, doc in enumerate(docs):
                cached.append(ask(clients[i % len(clients)], doc["text"], SECOND)[1])
        else:
            for i, doc in enumerate(docs):
                ask(a, doc["text"], FIRST)
                time.sleep(gap)
                cached.append(ask(clients[i % len(clients)], doc["text"], SECOND)[1])
        return cached, server_stats(base_url, keys.admin_key)


def summarise(rows: list[dict], variant: str = "selective") -> dict:
    """``variant``'s reuse against global's over ``rows``."""
    col = f"{variant}_cached"
    glob = sum(r["global_cached"] for r in rows)
    sel = sum(r[col] for r in rows)
    full = [r for r in rows if r[col] >= r["global_cached"]]
    return {
        "documents": len(rows),
        "global_cached_tokens": glob,
        "selective_cached_tokens": sel,
        "reuse_vs_global": sel / glob if glob else None,
        "documents_fully_shared": len(full) / len(rows) if rows else None,
        "median_doc_ratio": statistics.median(
            r[col] / r["global_cached"] for r in rows if r["global_cached"]
        )
        if rows
        else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--prompts", type=int, default=40, help="agent-framework system prompts")
    ap.add_argument("--per-source", type=int, default=5, help="other documents per source")
    ap.add_argument("--chars", type=int, default=1600, help="clip each document to this")
    ap.add_argument(
        "--readers",
        type=int,
        default=1,
        help="second tenants, taking the documents in turn (1: one tenant reads them all)",
    )
    ap.add_argument(
        "--modes",
        default="global,selective",
        help=f"server variants, global first: {', '.join(VARIANTS)}",
    )
    ap.add_argument(
        "--gap",
        type=float,
        default=None,
        help="B sends each document this many seconds after A's request returned "
        "(default: after every document was sent and the detector settled)",
    )
    ap.add_argument(
        "--repeat", type=int, default=1, help="runs of every variant, in alternating order"
    )
    ap.add_argument("--out", default="results/detector/e2e_public_reuse.json")
    args = ap.parse_args()
    variants = args.modes.split(",")
    if variants[0] != "global" or not set(variants) <= set(VARIANTS):
        ap.error(f"--modes: global first, then any of {', '.join(VARIANTS)}")

    docs = documents(args.prompts, args.per_source, args.chars)
    readers = [f"reader-{i}" for i in range(args.readers)]
    keys = TenantDirectory(["tenant-a", *readers])
    ensure_artifacts(
        serve_options(ServerSettings(None, "cpu", (), None), Mode.SELECTIVE).config, None
    )
    runs: dict[str, list[list[int]]] = {name: [] for name in variants}
    stats: dict[str, dict] = {}
    out = Path(args.out)
    logs = Path(tempfile.mkdtemp(prefix="safekv-reuse-"))
    with tempfile.TemporaryDirectory() as tmp:
        tenants_file = keys.write(Path(tmp) / "tenants.toml")
        for rep in range(args.repeat):
            for name in variants if rep % 2 == 0 else variants[::-1]:
                t0 = time.monotonic()
                log = logs / f"{name}-{rep}.log"
                cached, stats[name] = run_mode(
                    name, docs, keys, tenants_file, readers, log, args.gap
                )
                runs[name].append(cached)
                print(
                    f"{name} run {rep}: {len(docs)} documents in {time.monotonic() - t0:.0f} s, "
                    f"{sum(cached)} tokens reused (log {log})",
                    flush=True,
                )
    # Per document, the tokens reused summed over the runs.
    rows = [
        {"id": d["id"], "source": d["source"], "split": d["split"]}
        | {f"{name}_cached": sum(run[i] for run in runs[name]) for name in variants}
        for i, d in enumerate(docs)
    ]
    main_variant = "selective" if "selective" in variants else variants[-1]
    report = {
        "settings": vars(args),
        "all": summarise(rows, main_variant),
        "variants": {name: summarise(rows, name) for name in variants[1:]},
        "per_run_reuse_vs_global": {
            name: [
                sum(run) / sum(g) if sum(g) else None
                for run, g in zip(runs[name], runs["global"], strict=True)
            ]
            for name in variants[1:]
        },
        "by_split": {
            split: summarise([r for r in rows if r["split"] == split], main_variant)
            for split in sorted({r["split"] for r in rows})
        },
        "by_source": {
            src: summarise([r for r in rows if r["source"] == src], main_variant)
            for src in sorted({r["source"] for r in rows})
        },
        "server_stats": stats,
        "least_shared": sorted(
            rows, key=lambda r: r[f"{main_variant}_cached"] / max(r["global_cached"], 1)
        )[:10],
        "rows": rows,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=1) + "\n")
    keep = ("all", "variants", "per_run_reuse_vs_global", "by_split")
    print(json.dumps({k: report[k] for k in keep}, indent=1))
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
