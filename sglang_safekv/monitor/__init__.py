"""Reuse-Diversity-Ratio monitor: withdraws shared nodes that are being probed.

Wiring: ``monitor = RDRMonitor(config.monitor, CacheActionSink(cache))`` then
``cache.add_listener(monitor)``; the server asks ``monitor.is_throttled(tenant)`` and exports
``monitor.stats()``.
"""

from sglang_safekv.monitor.actions import (
    ActionSink,
    CacheActionSink,
    MonitorAction,
    RecordingSink,
)
from sglang_safekv.monitor.rdr_monitor import RDRMonitor, validate

__all__ = [
    "ActionSink",
    "CacheActionSink",
    "MonitorAction",
    "RDRMonitor",
    "RecordingSink",
    "validate",
]
