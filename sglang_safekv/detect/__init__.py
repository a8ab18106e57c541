"""Sensitivity detection: three tiers (patterns, spaCy NER, a small transformer) behind one
interface, run asynchronously off the scheduler loop (docs/design.md section 3)."""
