"""Colluding accounts probing one secret, on the real cache and monitor (a small replay).

Eight accounts take turns guessing the secret in longest-prefix-match order from the cached
token counts, paced under the surge rule, or flooding the monitor's tables between probes. The
detector is a modelled result: public exactly up to the secret ("exact"), or half the secret
cleared by mistake ("partial"). With the monitor off the attackers get every cleared token,
so the replay can fail. With the defaults the walk rule acts after ``walk_steps`` one-token
advances: the attackers confirm up to ``walk_steps + 1`` tokens (one more when their first guess
happens to be right) and never the whole secret. The stricter target (at most one token of any
secret, two on average) is not met by the defaults; the setting that meets it on these attacks
(``walk_steps = 1``) raised false alarms on benign traffic (results/monitor/collusion.md), so it
is recorded as an expected failure. The full measurement is eval/monitor_collusion.py.
"""

import pytest

from sglang_safekv.config import MonitorConfig
from sglang_safekv.tooling.monitor.collusion import CollusionSpec, run_secret, summarize

SEEDS = (0,)
PARTIAL = CollusionSpec().secret_len // 2


def test_monitor_off_the_attack_recovers_what_the_detector_cleared():
    for cleared in (0, PARTIAL):
        spec = CollusionSpec(strategy="paced", cleared=cleared)
        for seed in SEEDS:
            outcome = run_secret(spec, seed, MonitorConfig(enabled=False))
            assert outcome.recovered == cleared, (cleared, outcome)
            assert outcome.actions == 0


@pytest.mark.parametrize("strategy", ["paced", "flood"])
def test_defaults_stop_colluding_accounts_before_the_secret_is_out(strategy):
    defaults = MonitorConfig()
    for cleared in (0, PARTIAL):
        spec = CollusionSpec(strategy=strategy, cleared=cleared)
        for seed in SEEDS:
            outcome = run_secret(spec, seed, defaults)
            assert outcome.recovered <= defaults.walk_steps + 2, outcome
            assert outcome.recovered < cleared or cleared == 0, outcome
            assert not outcome.whole_secret
            assert outcome.false_actions == 0
            if cleared:
                assert outcome.actions >= 1, "the monitor never acted on the victim"
                assert outcome.gave_up, "the attackers could still confirm tokens"


@pytest.mark.xfail(strict=True, reason="target missed by the defaults (walk_steps + 1 tokens)")
def test_target_at_most_one_token_of_any_secret_with_the_defaults():
    spec = CollusionSpec(strategy="paced", cleared=PARTIAL)
    outcomes = [run_secret(spec, seed, MonitorConfig()) for seed in (0, 1)]
    assert all(o.recovered <= 1 for o in outcomes), [o.recovered for o in outcomes]
    assert summarize(outcomes)["recovered_mean"] <= 2
