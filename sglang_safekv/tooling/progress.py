"""Progress bars with an ETA for long offline work (ablation, detector build and eval, the eval).

Bars go to stderr, so results on stdout stay clean, and only to a terminal: in CI logs and pipes
they would be noise. ``--no-progress`` on each command (or :func:`disable`) turns them off.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

from tqdm import tqdm

_enabled = True


def disable() -> None:
    """Turn every later bar off (the commands' ``--no-progress``)."""
    global _enabled
    _enabled = False


def shown(enabled: bool = True) -> bool:
    """Whether a bar would be drawn: wanted, not turned off, and stderr is a terminal."""
    return enabled and _enabled and sys.stderr.isatty()


def bar(
    iterable: Iterable[Any] | None = None,
    *,
    desc: str,
    unit: str,
    total: int | None = None,
    enabled: bool = True,
) -> tqdm:
    """A tqdm bar on stderr with rate and ETA; a silent pass-through when not shown."""
    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=not shown(enabled),
        dynamic_ncols=True,
        leave=False,
    )
