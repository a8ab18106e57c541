"""Offline work on the detector: the generated corpus, tier-3 training, and its evaluation."""
