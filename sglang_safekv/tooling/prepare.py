"""Build what a server start needs before it starts: the embedded model and the tier-3 model.

The server itself only reads the manifests these builds write (``sglang_safekv.artifacts``);
the command line and the eval call :func:`ensure_artifacts` first, so a first ``serve`` from a
fresh machine builds them (once, cached) instead of starting without them.
"""

from __future__ import annotations

import logging

from sglang_safekv.config import Mode, SafeKVConfig

logger = logging.getLogger(__name__)


def needs_tier3_build(config: SafeKVConfig) -> bool:
    """Selective mode with tier 3 on and no operator-supplied model directory."""
    detector = config.detector
    return (
        config.mode is Mode.SELECTIVE
        and detector.enabled
        and 3 in detector.tiers
        and not detector.tier3_model_dir
    )


def ensure_artifacts(config: SafeKVConfig, model_path: str | None) -> None:
    """Build (or find cached) the embedded model when no model is given, and the default tier-3
    detector model when the config needs it."""
    if model_path is None:
        from sglang_safekv.tooling.tiny_model import ensure_model

        ensure_model()
    if needs_tier3_build(config):
        from sglang_safekv.tooling.detector.train import ensure_tier3_model

        ensure_tier3_model()
