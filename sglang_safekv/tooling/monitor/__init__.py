"""Offline work on the monitor: generated traffic, replay against the real cache, ablation."""
