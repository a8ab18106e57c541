"""Evaluation of sglang-safekv: global vs isolated vs selective on the real server.

Speed (TTFT, throughput, hit rate) on a synthetic multi-tenant workload, and leakage under
three attacks through the public API (TTFT reconstruction, LPM scheduling order, KS audit).
Entry point: :func:`sglang_safekv.tooling.evaluation.main.main`.
"""
