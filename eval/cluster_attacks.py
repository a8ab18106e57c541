"""The eval's attack suite through the gateway of a real 2-worker cluster, per mode.

Each mode gets its own cluster (``prefix_hash`` routing, as ``sglang-safekv cluster`` runs it,
and the attack profile's SGLang arguments on every worker). The attacks (TTFT reconstruction,
LPM order, KS audit) are the eval's own, run unchanged with the gateway as their server: every
request, the attacker's and the victims', goes through the gateway with the tenant's own API key.
Before each attack every worker's cache is flushed directly (admin key). Global mode is the
positive control: the same attacks through the same gateway must recover the secrets there.

The LPM attacker sends its probes in the victim's app's chat shape, as an attacker facing a
gateway would: smg routes a chat request by its messages' text and a completion by its prompt,
so completion probes (``--completion-probes``) can land on a worker the victim never used.

Usage: python eval/cluster_attacks.py [--profile smoke] [--modes global,isolated,selective]
       [--attacks lpm_order] [--system-words 260] [--audit-pairs 48]
       [--out results/cluster/attacks.json]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import tempfile
import time
from pathlib import Path

from sglang_safekv.config import Mode
from sglang_safekv.server.cluster import running_cluster
from sglang_safekv.tooling.evaluation.cluster_options import local_cluster_options
from sglang_safekv.tooling.evaluation.codec import Codec
from sglang_safekv.tooling.evaluation.main import RunContext, all_tenants, run_attacks, warm_up
from sglang_safekv.tooling.evaluation.profiles import PROFILES
from sglang_safekv.tooling.evaluation.server import flush_cache
from sglang_safekv.tooling.evaluation.tenant_keys import TenantDirectory
from sglang_safekv.tooling.prepare import ensure_artifacts
from sglang_safekv.tooling.tiny_model import ensure_model


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--profile", default="smoke", choices=sorted(PROFILES))
    ap.add_argument("--modes", default="global,isolated,selective")
    ap.add_argument("--attacks", help="comma-separated subset (default: the profile's)")
    ap.add_argument(
        "--system-words",
        type=int,
        help="words of the victims' system prompts (default: the profile's); more than the "
        "routing prefix puts the secret where every probe of it lands on one worker",
    )
    ap.add_argument(
        "--audit-pairs", type=int, help="KS audit prompts per arm (default: the profile's)"
    )
    ap.add_argument(
        "--completion-probes",
        action="store_true",
        help="LPM probes as text completions (routed by their own text, not the victim's)",
    )
    ap.add_argument("--base-port", type=int, default=35000)
    ap.add_argument("--out", default="results/cluster/attacks.json")
    args = ap.parse_args()

    profile = PROFILES[args.profile]
    if args.attacks:
        profile = dataclasses.replace(profile, attacks=tuple(args.attacks.split(",")))
    # What an attacker facing a gateway does: its probes take the victim's app's chat shape, so
    # the gateway routes them like the victim's prompt, and its blocker goes where they go.
    profile = dataclasses.replace(
        profile,
        lpm=dataclasses.replace(
            profile.lpm, blocker_routes_with_probes=True, chat_probes=not args.completion_probes
        ),
    )
    if args.system_words:
        profile = dataclasses.replace(
            profile,
            ttft_attack=dataclasses.replace(
                profile.ttft_attack, system_prompt_words=args.system_words
            ),
            lpm_attack=dataclasses.replace(
                profile.lpm_attack, system_prompt_words=args.system_words
            ),
            audit_attack=dataclasses.replace(
                profile.audit_attack, system_prompt_words=args.system_words
            ),
        )
    if args.audit_pairs:
        profile = dataclasses.replace(
            profile,
            audit_attack=dataclasses.replace(profile.audit_attack, audit_pairs=args.audit_pairs),
        )
    if not profile.attacks:
        raise SystemExit(f"profile {profile.name} runs no attack")
    keys = TenantDirectory(all_tenants(profile))
    codec = Codec(str(ensure_model()))
    report: dict = {
        "profile": profile.name,
        "attacks": list(profile.attacks),
        "system_words": args.system_words,
        "audit_pairs": profile.audit_attack.audit_pairs,
        "lpm_chat_probes": profile.lpm.chat_probes,
        "modes": {},
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="safekv-cluster-attacks-") as tmp:
        tenants_file = keys.write(Path(tmp) / "tenants.toml")
        for i, name in enumerate(m.strip() for m in args.modes.split(",") if m.strip()):
            mode = Mode(name)
            run_dir = Path(tmp) / name
            run_dir.mkdir()
            opts = local_cluster_options(
                mode, tenants_file, run_dir, args.base_port + 100 * i, profile.sglang_args
            )
            ensure_artifacts(opts.worker.config, None)
            ctx = RunContext(
                profile=profile,
                out_dir=run_dir,
                codec=codec,
                keys=keys,
                admin_key=keys.admin_key,
                progress=False,
                skip_perf=True,
                skip_attacks=False,
                text_prompts=True,  # the gateway refuses token-id prompts
            )

            def flush(urls: list[str] = opts.worker_urls) -> None:
                for url in urls:
                    flush_cache(url, keys.admin_key)

            t0 = time.monotonic()
            with running_cluster(opts):
                started = time.monotonic() - t0
                asyncio.run(warm_up(opts.gateway_url, ctx))
                result = asyncio.run(run_attacks(name, opts.gateway_url, ctx, flush=flush))
            report["modes"][name] = {
                "cluster_start_s": started,
                "seconds": time.monotonic() - t0,
                **result,
            }
            print(json.dumps({name: report["modes"][name]}, indent=1), flush=True)
            out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
