"""Colluding accounts probing one secret, on the real cache and monitor (a small replay).

Eight accounts take turns guessing the secret in longest-prefix-match order from the cached
token counts, paced under the surge rule, or flooding the monitor's tables between probes. The
detector is a modelled result: public exactly up to the secret ("exact"), or half the secret
cleared by mistake ("partial"). With the monitor off the attackers get every cleared token,
so the replay can fail; with the defaults they may confirm at most one token of any secret.
The full measurement is eval/monitor_collusion.py.
"""

import pytest

from sglang_safekv.config import MonitorConfig
from sglang_safekv.tooling.monitor.collusion import CollusionSpec, run_secret, summarize

SEEDS = (0, 1)
PARTIAL = CollusionSpec().secret_len // 2


@pytest.mark.parametrize("strategy", ["paced", "flood"])
def test_monitor_off_the_attack_recovers_what_the_detector_cleared(strategy):
    for cleared in (0, PARTIAL):
        spec = CollusionSpec(strategy=strategy, cleared=cleared)
        for seed in SEEDS:
            outcome = run_secret(spec, seed, MonitorConfig(enabled=False))
            assert outcome.recovered == cleared, (cleared, outcome)
            assert outcome.actions == 0


@pytest.mark.parametrize("strategy", ["fast", "paced", "flood"])
def test_defaults_let_colluding_accounts_confirm_at_most_one_secret_token(strategy):
    outcomes = []
    for cleared in (0, PARTIAL):
        spec = CollusionSpec(strategy=strategy, cleared=cleared)
        for seed in SEEDS:
            outcome = run_secret(spec, seed, MonitorConfig())
            assert outcome.recovered <= 1, outcome
            assert not outcome.whole_secret
            if cleared:
                assert outcome.actions >= 1, "the monitor never acted on the victim"
            outcomes.append(outcome)
    summary = summarize(outcomes)
    assert summary["recovered_mean"] <= 2
    assert summary["false_actions"] == 0
