"""Runtime assembly helpers that need no server: executor choice and CPU accounting."""

from __future__ import annotations

import threading
import time

import pytest

from sglang_safekv.config import SafeKVConfig
from sglang_safekv.runtime import detector_for, thread_cpu_seconds


def test_an_unknown_detector_executor_is_refused():
    config = SafeKVConfig.from_dict({"detector": {"executor": "fork"}})
    with pytest.raises(ValueError, match="executor"):
        detector_for(config, "unused", cache=None)


def test_the_default_executor_is_worker_processes():
    assert SafeKVConfig().detector.executor == "process"


def test_thread_cpu_seconds_measures_one_thread_from_another():
    done, started = threading.Event(), threading.Event()

    def spin() -> None:
        started.set()
        end = time.thread_time() + 0.2
        while time.thread_time() < end:
            pass
        done.wait(10)

    worker = threading.Thread(target=spin)
    worker.start()
    started.wait(10)
    mine_before = thread_cpu_seconds(threading.get_ident())
    deadline = time.monotonic() + 30
    while thread_cpu_seconds(worker.ident) < 0.2 and time.monotonic() < deadline:
        time.sleep(0.01)
    spun = thread_cpu_seconds(worker.ident)
    done.set()
    worker.join()
    assert spun >= 0.2
    # This thread mostly slept meanwhile: the spinning thread's time is not counted here.
    assert thread_cpu_seconds(threading.get_ident()) - mine_before < spun
    assert thread_cpu_seconds(None) == 0.0
