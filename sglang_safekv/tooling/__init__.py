"""Offline tooling: model builds, the detector's corpus and training, the monitor's replay and
ablation, and the end-to-end evaluation. Nothing here runs inside the server, and no runtime
module imports it (tests/test_layout.py checks): the server reads what builds produce through
``sglang_safekv.artifacts``."""
