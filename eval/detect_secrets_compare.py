"""detect-secrets' plugins against tier 1 on secrets: the hand-written credentials subset
(samples flagged) and a balanced sample of the real public corpus (documents flagged, time).

    python eval/detect_secrets_compare.py [--no-entropy]

Needs `pip install detect-secrets` (not a project dependency: measured, not adopted; see
sglang_safekv/detect/README.md).
"""

from __future__ import annotations

import argparse
import time

from detect_secrets.core.scan import scan_line
from detect_secrets.settings import default_settings

from sglang_safekv.detect.categories import Category
from sglang_safekv.detect.tier1 import PatternRecognizer
from sglang_safekv.tooling.corpora import public
from sglang_safekv.tooling.corpora.private import private_samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-entropy", action="store_true", help="leave out entropy plugins")
    parser.add_argument("--per-source", type=int, default=40)
    args = parser.parse_args()
    recognizer = PatternRecognizer(engine="auto")

    def secrets_plugins(text: str) -> bool:
        hits = [h for line in text.splitlines() for h in scan_line(line)]
        return any(not (args.no_entropy and "Entropy" in str(h.type)) for h in hits)

    def tier1(text: str) -> bool:
        return any(
            s.score >= 0.5 and s.category is Category.CREDENTIAL for s in recognizer.scan(text)
        )

    creds = [s.text for s in private_samples() if s.subset == "credentials"]
    docs = [public.clip(d.text, 2000) for d in public.balanced(public.public_documents(), 40)]
    with default_settings():
        for name, flag in (("detect-secrets", secrets_plugins), ("tier 1", tier1)):
            found = sum(flag(t) for t in creds)
            t0 = time.perf_counter()
            alarms = sum(flag(t) for t in docs)
            seconds = time.perf_counter() - t0
            print(
                f"{name}: credentials {found}/{len(creds)} flagged; public documents "
                f"{alarms}/{len(docs)} flagged in {seconds:.2f} s"
            )


if __name__ == "__main__":
    main()
