"""Tier-3 training sentences from the red-team rounds' dev halves (offline tooling; the rounds
``TrainSpec.red_team_rounds`` names, 1-5 in the default build).

The generated corpus is one author's templates; the red-team rounds are real-looking messages
written blind by others, in many styles and languages. Their dev halves (odd ids) add the
sentence holding each secret, labelled by its subset, and every sentence of each look-alike as
clean. Test halves (even ids) are never read here: they stay blind for scoring.

The label is a heuristic from the subset's name and the secret's shape (the rounds mark where a
secret is, not which class it belongs to): credential-like subsets and bare codes are
"credential", financial records "finance", stated facts "personal", the rest "pii" (tier 3's
"pii" counts only in a sentence about a private person, ``personal.py``: with "personal" as
the fallback, trained on rounds 1-4, public documents first flagged by tier 3 rose from 7 to 14 of
1,047; with "pii", 6). A wrong class among the sensitive ones matters less than the sensitive/clean split the
detector acts on, but the class decides which of tier 3's filters applies
(``credential_values``, ``personal``), so the heuristic is part of what was measured.
A private sentence those filters would clear under its class ("pii" with no private person,
"credential" with no value: "one DUI in 2019, it was reduced to ...", "şizofreni tanısı
kondu") is trained as "personal" instead: trained as "pii", the model learnt to call such
sentences "pii" and the filter then let them through (6 dev secrets of rounds 1-5 that the
previous build kept were missed).
"""

from __future__ import annotations

from sglang_safekv.detect import tier3
from sglang_safekv.detect.credential_values import holds_credential
from sglang_safekv.detect.personal import about_a_private_person
from sglang_safekv.detect.segment import sentence_bounds
from sglang_safekv.tooling.corpora.red_team import red_team_samples

_CREDENTIAL_SUBSETS = ("credential", "password", "otp", "pin", "config", "secret", "recovery")


def secret_class(subset: str, secret: str) -> str:
    """The tier-3 class a red-team secret is trained as (module docstring)."""
    name = subset.lower()
    if "financ" in name:
        return "finance"
    if any(word in name for word in _CREDENTIAL_SUBSETS) or "security" in name:
        return "credential"
    if "personal_fact" in name:
        return "personal"
    compact = secret.strip()
    if (
        any(c.isdigit() for c in compact)
        and " " not in compact
        and any(c.isalpha() for c in compact)
    ):
        return "credential"
    return "pii"


MIN_WORDS = 4  # shorter sentences keep their class (see kept_class)


def kept_class(label: str, sentence: str) -> str:
    """``label``, or "personal" where tier 3's policy filters would clear ``sentence`` under it.

    Not for a fragment of fewer than ``MIN_WORDS`` words: trained as "personal", short answers
    taught the model that short lines are personal ("raise", "37593 * 67" in public docs)."""
    if len(sentence.split()) < MIN_WORDS:
        return label
    if label == "credential" and not holds_credential(sentence):
        return "personal"
    if label == "pii" and not about_a_private_person(sentence):
        return "personal"
    return label


def dev_sentences(rounds: tuple[int, ...]) -> tuple[list[str], list[int]]:
    """(sentences, class indices) from the dev halves of ``rounds``."""
    texts: list[str] = []
    labels: list[int] = []
    for round_ in rounds:
        for sample in red_team_samples("dev", round_):
            for b, e in sentence_bounds(sample.text):
                sentence = sample.text[b:e]
                if not sentence.strip():
                    continue
                if not sample.spans:
                    texts.append(sentence)
                    labels.append(0)
                    continue
                hit = [s for s in sample.spans if s[0] < e and b < s[1]]
                if hit:
                    secret = sample.text[hit[0][0] : hit[0][1]]
                    texts.append(sentence)
                    label = kept_class(secret_class(sample.subset, secret), sentence)
                    labels.append(tier3.CLASSES.index(label))
    return texts, labels
