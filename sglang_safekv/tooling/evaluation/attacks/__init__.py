"""Attacks through the public API only: TTFT reconstruction, LPM scheduling order, KS audit."""
