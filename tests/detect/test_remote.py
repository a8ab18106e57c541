"""The out-of-process detector: the scheduler-side client with real worker processes.

Real parts throughout: the project's tokenizer, the real tier-1 recognizer in a real worker
process, real ZMQ sockets. A worker is made to hold jobs in flight by stopping it (SIGSTOP), and
to crash by SIGKILL, as an operator or the OOM killer would.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import psutil
import pytest
import zmq

from sglang_safekv.cache.events import ClassificationJob
from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect import wire
from sglang_safekv.detect.remote import RemoteDetector
from sglang_safekv.detect.stats import DetectorStats

from .conftest import chat_ids

SYSTEM = {"role": "system", "content": "You are a helpful assistant for Acme. Be brief."}
START_S = 300.0  # a loaded machine: a worker loads a tokenizer and the tier-1 patterns


def gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


class Results:
    """The sink: records results in arrival order (thread-safe append)."""

    def __init__(self) -> None:
        self.items = []
        self.lock = threading.Lock()

    def __call__(self, result) -> None:
        with self.lock:
            self.items.append(result)

    def take(self):
        with self.lock:
            out, self.items = self.items, []
        return out


@pytest.fixture(scope="module")
def tokenizer_path():
    from sglang_safekv.tooling.tiny_model import ensure_model

    return str(ensure_model())


@pytest.fixture(scope="module")
def remote(tokenizer_path):
    results = Results()
    config = DetectorConfig(
        tiers=(1,),
        tier1_engine="re",
        max_inflight=8,
        tenant_max_inflight=2,
        tenant_queue_size=300,
        queue_size=1000,
        timeout_s=20.0,
        worker_start_timeout_s=START_S,
    )
    detector = RemoteDetector(config, tokenizer_path, results).start()
    assert detector.wait_ready(1), detector.stats()["unavailable"]
    yield detector, results
    pids = detector.worker_pids()
    detector.close()
    assert all(gone(pid, 10) for pid in pids), "close() left a detector worker running"


def test_jobs_round_trip_through_a_worker_process(remote, tiny_tokenizer):
    detector, results = remote
    results.take()
    public = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "What is TCP?"}])
    secret = chat_ids(
        tiny_tokenizer, [SYSTEM, {"role": "user", "content": "Mail me at jane.doe@gmail.com ok"}]
    )
    assert all(pid != os.getpid() for pid in detector.worker_pids())
    assert detector.submit(ClassificationJob("alice", tuple(public), 0, len(public), "k", 1.5))
    assert detector.submit(ClassificationJob("bob", tuple(secret), 0, len(secret)))
    assert detector.wait_idle(30)
    by_owner = {r.owner: r for r in results.take()}
    alice, bob = by_owner["alice"], by_owner["bob"]
    assert not alice.failed and alice.first_sensitive is None
    assert (alice.extra_key, alice.created_at, alice.end) == ("k", 1.5, len(public))
    assert not bob.failed and bob.categories == ("email",)
    head = tiny_tokenizer.decode(secret[: bob.first_sensitive])
    assert head.endswith("Mail me at") and list(bob.token_ids) == secret
    # The worker's pipeline stats come back over IPC, in the pipeline's shape.
    assert detector.refresh_stats(30)
    stats = detector.stats()
    assert set(stats) >= {"counters", "gauges", "histograms", "unavailable"}
    assert stats["counters"]["jobs_sensitive"] >= 1 and stats["counters"]["jobs_public"] >= 1
    assert stats["histograms"]["batch_seconds"]["count"] >= 1
    assert detector.overhead()["detector_cpu_seconds"] > 0


def test_one_tenants_flood_does_not_starve_another(remote, tiny_tokenizer):
    detector, results = remote
    results.take()
    flood = [
        chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": f"Question number {i}?"}])
        for i in range(310)
    ]
    victim = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "Opening hours?"}])
    # The worker is stopped while the flood is queued: otherwise how many jobs it answers
    # during the loop (and so how many more fit) depends on the machine's speed.
    pids = detector.worker_pids()
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        accepted = [
            detector.submit(ClassificationJob("mallory", tuple(ids), 0, len(ids))) for ids in flood
        ]
        assert detector.submit(ClassificationJob("alice", tuple(victim), 0, len(victim)))
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)
    # Beyond its own queue bound (300 waiting; up to 2 may already be in flight) the
    # flooder's jobs fail at once; nobody else's do.
    assert 8 <= accepted.count(False) <= 10
    assert detector.wait_idle(120)
    order = [r.owner for r in results.take() if not r.failed]
    assert order.count("mallory") >= 250
    # FIFO would answer alice after all of mallory's jobs; round-robin within the in-flight
    # bounds answers her behind at most a few of them.
    assert order.index("alice") < 30, order.index("alice")
    assert detector.stats()["counters"]["failed_overflow"] >= 8


def test_bad_messages_are_counted_and_the_client_keeps_serving(remote, tiny_tokenizer):
    detector, results = remote
    results.take()
    before = detector.stats()["counters"]
    context = zmq.Context.instance()
    intruder = context.socket(zmq.PUSH)
    intruder.setsockopt(zmq.LINGER, 1000)
    intruder.connect(detector._results_address)
    intruder.send(b"\xc1 not msgpack")
    intruder.send(wire.encode(wire.RESULT, 1, "seq", 0))  # wrong field types
    intruder.send(wire.encode("launch", 1))  # unknown kind
    # no such job
    intruder.send(wire.encode(wire.RESULT, 10**6, 123456, 0, 1, None, False, [], None))
    intruder.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        counters = detector.stats()["counters"]
        if counters.get("bad_messages", 0) - before.get("bad_messages", 0) >= 3:
            break
        time.sleep(0.05)
    assert counters.get("bad_messages", 0) - before.get("bad_messages", 0) == 3
    assert counters.get("late_results", 0) - before.get("late_results", 0) == 1
    ids = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": "Still there?"}])
    assert detector.submit(ClassificationJob("alice", tuple(ids), 0, len(ids)))
    assert detector.wait_idle(30)
    (result,) = results.take()
    assert not result.failed and result.first_sensitive is None


def test_a_killed_worker_fails_its_jobs_closed_and_is_replaced(remote, tiny_tokenizer):
    detector, results = remote
    results.take()
    (pid,) = detector.worker_pids()
    before = detector.stats()["counters"]
    os.kill(pid, signal.SIGSTOP)  # jobs go out but are not answered
    jobs = []
    for i in range(3):
        ids = chat_ids(tiny_tokenizer, [SYSTEM, {"role": "user", "content": f"Item {i}"}])
        jobs.append(ClassificationJob(f"t{i}", tuple(ids), 0, len(ids)))
        assert detector.submit(jobs[-1])
    deadline = time.monotonic() + 30
    while detector.stats()["gauges"]["sent_inflight"] < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert detector.stats()["gauges"]["sent_inflight"] == 3
    os.kill(pid, signal.SIGKILL)
    assert detector.wait_idle(30)
    answered = results.take()
    assert {r.owner for r in answered} == {"t0", "t1", "t2"}
    assert all(r.failed and r.first_sensitive is None for r in answered)
    counters = detector.stats()["counters"]
    assert counters["failed_worker_died"] - before.get("failed_worker_died", 0) == 3
    assert counters["worker_exits"] - before.get("worker_exits", 0) == 1
    assert detector.wait_ready(START_S)
    assert detector.worker_pids() != [pid]
    assert detector.submit(jobs[0])
    assert detector.wait_idle(30)
    (result,) = results.take()
    assert not result.failed and result.owner == "t0"
    assert detector.stats()["counters"]["worker_restarts"] >= 1


CHILD = textwrap.dedent(
    """
    import sys, time
    from sglang_safekv.config import DetectorConfig
    from sglang_safekv.detect.remote import RemoteDetector
    config = DetectorConfig(tiers=(1,), tier1_engine="re", worker_start_timeout_s={start})
    detector = RemoteDetector(config, sys.argv[1], lambda result: None).start()
    print("workers", *detector.worker_pids(), flush=True)
    time.sleep(600)
    """
)


def test_workers_die_with_a_killed_parent(tokenizer_path):
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(start=START_S), tokenizer_path],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline().split()
        assert line and line[0] == "workers", line
        pids = [int(p) for p in line[1:]]
        assert pids and all(not gone(pid, 0.5) for pid in pids)
        child.kill()  # SIGKILL: no clean-up code runs in the parent
        child.wait(10)
        assert all(gone(pid, 20) for pid in pids), "a detector worker outlived its server"
    finally:
        if child.poll() is None:
            child.kill()


def test_a_worker_computes_tier_3_on_the_configured_threads():
    """``worker_torch_threads`` is applied in the worker process (here: a fresh interpreter),
    never in the scheduler's; 0 keeps torch's default; a negative count is refused."""
    from sglang_safekv.detect.remote import RemoteDetector

    code = (
        "import torch; from sglang_safekv.config import DetectorConfig;"
        "from sglang_safekv.detect.worker import limit_threads;"
        "default = torch.get_num_threads();"
        "limit_threads(DetectorConfig(worker_torch_threads={n}));"
        "print(default, torch.get_num_threads())"
    )
    for n in (1, 0):
        out = subprocess.run(
            [sys.executable, "-c", code.format(n=n)], capture_output=True, text=True, check=True
        ).stdout.split()
        default, now = int(out[0]), int(out[1])
        assert now == (1 if n else default)
    with pytest.raises(ValueError, match="worker_torch_threads"):
        RemoteDetector(DetectorConfig(worker_torch_threads=-1), "unused", lambda r: None)


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux per-thread priorities")
def test_every_thread_of_a_worker_runs_at_the_lower_priority():
    """Niceness is per thread on Linux: the pipeline's threads, started before the worker
    lowers its priority, must be lowered too (they were not, before)."""
    code = textwrap.dedent(
        """
        import os, threading
        from sglang_safekv.config import DetectorConfig
        from sglang_safekv.detect.worker import lower_priority
        started, stop = threading.Event(), threading.Event()
        def run():
            started.set()
            stop.wait()
        threading.Thread(target=run).start()
        started.wait()
        lower_priority(DetectorConfig(worker_nice=10))
        for tid in os.listdir("/proc/self/task"):
            print(os.getpriority(os.PRIO_PROCESS, int(tid)))
        stop.set()
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(out) >= 2 and all(int(nice) >= 10 for nice in out), out


@pytest.fixture
def detection_thread():
    """A parked thread standing in for a detection thread: its native id."""
    started, stop = threading.Event(), threading.Event()
    native: list[int] = []

    def run():
        native.append(threading.get_native_id())
        started.set()
        stop.wait()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait()
    yield native[0]
    stop.set()
    thread.join()


class _GuardedPipeline:
    """What IdleGuard uses of a DetectionPipeline: its threads, the oldest wait, its stats."""

    def __init__(self, tid: int) -> None:
        self.tids = [tid]
        self.wait = 0.0
        self.stats_ = DetectorStats()

    def thread_ids(self):
        return self.tids

    def oldest_wait(self):
        return self.wait


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling classes")
def test_detection_threads_leave_the_idle_class_while_a_job_waits_too_long(detection_thread):
    """Idle class while jobs move; the normal class at the worker's niceness while the oldest
    job has waited ``worker_idle_max_wait_s``, so a server that keeps every core busy cannot
    starve them (in the idle class a shared prompt stayed pending for half a second and more
    while another server's block ran)."""
    from sglang_safekv.detect.worker import IdleGuard

    tid = detection_thread
    pipeline = _GuardedPipeline(tid)
    boosts = lambda: pipeline.stats_.counter("idle_class_boosts")  # noqa: E731
    base = os.getpriority(os.PRIO_PROCESS, 0)
    lowered = min(19, base + 10)  # worker_nice, as lower_priority leaves the worker's threads
    guard = IdleGuard(
        pipeline,
        DetectorConfig(worker_idle_class=True, worker_idle_max_wait_s=0.25),
        normal_nice=lowered,
    )
    guard.start()
    guard.stop()  # drive it by hand from here
    assert os.sched_getscheduler(tid) == os.SCHED_IDLE
    pipeline.wait = 0.1
    guard.check()
    assert os.sched_getscheduler(tid) == os.SCHED_IDLE and boosts() == 0
    pipeline.wait = 0.3
    guard.check()
    assert os.sched_getscheduler(tid) == os.SCHED_OTHER and boosts() == 1
    assert os.getpriority(os.PRIO_PROCESS, tid) == lowered
    pipeline.wait = 0.0
    guard.check()
    assert os.sched_getscheduler(tid) == os.SCHED_IDLE
    off = IdleGuard(pipeline, DetectorConfig(worker_idle_class=False))
    assert not off.enabled


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling classes")
def test_the_idle_class_is_not_used_where_threads_could_not_leave_it(
    detection_thread, monkeypatch, caplog
):
    """Without CAP_SYS_NICE a thread in the idle class cannot return: the guard stays off
    (logged) rather than leave detection to starve on a busy server."""
    from sglang_safekv.detect import worker

    def refuse(tid, policy, param):
        if policy != os.SCHED_IDLE:
            raise PermissionError(1, "Operation not permitted")
        real(tid, policy, param)

    real = os.sched_setscheduler
    monkeypatch.setattr(worker.os, "sched_setscheduler", refuse)
    guard = worker.IdleGuard(
        _GuardedPipeline(detection_thread), DetectorConfig(worker_idle_class=True)
    )
    guard.start()
    assert not guard.enabled and not guard.idle
    assert os.sched_getscheduler(detection_thread) == os.SCHED_OTHER
    assert "idle class" in caplog.text
