"""The detector worker process: a DetectionPipeline beside the scheduler, not inside it.

Started by :class:`sglang_safekv.detect.remote.RemoteDetector` (``python -m
sglang_safekv.detect.worker``), like SGLang's tokenizer and detokenizer processes: jobs arrive on
a ZMQ PULL socket, results, readiness and stats leave on a PUSH socket. Once its tiers are
loaded, the worker lowers its own priority and optionally pins itself to CPUs. It exits when
its parent does (a parent-death signal, and a parent check every poll), so a killed server
leaves no detector behind.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import logging
import os
import queue
import signal
import sys
import threading
import time
from typing import Any

import zmq

from sglang_safekv.cache.events import ClassificationJob, DetectionResult
from sglang_safekv.config import DetectorConfig, SafeKVConfig
from sglang_safekv.detect import wire
from sglang_safekv.detect.pipeline import DetectionPipeline

logger = logging.getLogger("sglang_safekv.detect.worker")

CONFIG_ENV = "SAFEKV_DETECTOR_WORKER_CONFIG"
_PR_SET_PDEATHSIG = 1
STATS_PERIOD_S = 0.25


def die_with_parent(parent: int) -> None:
    """Ask the kernel to end this process when its parent ends; exit if it already has."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the poll loop's parent check remains
        pass
    if os.getppid() != parent:
        os._exit(0)


def limit_threads(config: DetectorConfig) -> None:
    """Keep tier 3's forward passes to ``worker_torch_threads`` cores (0: torch's default)."""
    if config.worker_torch_threads > 0 and 3 in config.tiers:
        import torch

        torch.set_num_threads(config.worker_torch_threads)


def _threads() -> list[int]:
    """Native ids of this process's threads (0, the calling thread, where /proc is missing)."""
    try:
        return [int(tid) for tid in os.listdir("/proc/self/task")]
    except OSError:
        return [0]


def _set_class(tids: list[int], idle: bool, nice: int) -> None:
    """SCHED_IDLE, or SCHED_OTHER at ``nice``, for each thread (raises PermissionError)."""
    policy = os.SCHED_IDLE if idle else os.SCHED_OTHER
    for tid in tids:
        try:
            os.sched_setscheduler(tid, policy, os.sched_param(0))
            if not idle:
                os.setpriority(os.PRIO_PROCESS, tid, nice)
        except ProcessLookupError:  # the thread ended meanwhile
            continue


def can_leave_idle_class(nice: int) -> bool:
    """Whether a thread of this process, once in the idle class, may return to the normal class
    at ``nice``. Without CAP_SYS_NICE (or an RLIMIT_NICE that allows it) Linux refuses."""
    result: list[bool] = []

    def probe() -> None:
        tid = threading.get_native_id()
        try:
            os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))
            _set_class([tid], idle=False, nice=nice)
            result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, name="safekv-idle-probe", daemon=True)
    thread.start()
    thread.join()
    return bool(result and result[0])


def lower_priority(config: DetectorConfig) -> None:
    """Niceness and CPUs for every thread of the worker. On Linux both are per thread, and the
    pipeline's threads run already (threads started later inherit them from the thread that
    starts them)."""
    for tid in _threads():
        try:
            if config.worker_nice > 0:
                nice = os.getpriority(os.PRIO_PROCESS, tid) + config.worker_nice
                os.setpriority(os.PRIO_PROCESS, tid, min(19, nice))
            if config.worker_cpus and hasattr(os, "sched_setaffinity"):
                os.sched_setaffinity(tid, set(config.worker_cpus))
        except ProcessLookupError:  # the thread ended meanwhile
            continue
        except OSError as e:
            logger.warning("safekv: detector worker thread %d keeps its priority: %s", tid, e)


class IdleGuard:
    """The detection threads in Linux's idle scheduling class (``worker_idle_class``): they get
    a core only when nothing else wants one, so they never preempt a forward pass. But never
    for long: while a job has waited ``worker_idle_max_wait_s`` or more, they run in the normal
    class at ``normal_nice`` (the worker's, ``worker_nice`` above the scheduler's), so a server
    that keeps every core busy still gets its content judged, only later. Without that bound
    the idle class starves detection on a busy machine: a shared prompt stays pending while
    other work runs. Not at the scheduler's own niceness: under a flood of jobs (an attack's
    probes) the threads stay lifted, and there they would take cores from forward passes.

    Leaving the idle class needs CAP_SYS_NICE (or an RLIMIT_NICE that allows ``normal_nice``);
    where Linux refuses, the guard stays off and the threads keep ``worker_nice`` (logged).
    The guard's own thread, the job receiver and the result sender stay where they are."""

    PERIOD_S = 0.01

    def __init__(self, pipeline: Any, config: DetectorConfig, normal_nice: int = 0) -> None:
        self.pipeline = pipeline
        self.max_wait = config.worker_idle_max_wait_s
        self.normal_nice = normal_nice
        self.enabled = config.worker_idle_class and hasattr(os, "SCHED_IDLE")
        self.idle = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="safekv-idle-guard", daemon=True)

    def start(self) -> None:
        if self.enabled and not can_leave_idle_class(self.normal_nice):
            self.enabled = False
            logger.warning(
                "safekv: detector threads stay out of the idle class: this process may not "
                "leave it again (needs CAP_SYS_NICE or RLIMIT_NICE), so a busy server could "
                "starve detection; they run at worker_nice instead"
            )
        if self.enabled:
            self._apply(idle=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _apply(self, idle: bool) -> None:
        _set_class(self.pipeline.thread_ids(), idle, self.normal_nice)
        self.idle = idle

    def check(self) -> None:
        """One look at the oldest job: lift the detection threads or put them back."""
        starved = self.pipeline.oldest_wait() >= self.max_wait
        if starved and self.idle:
            self.pipeline.stats_.incr("idle_class_boosts")  # in /safekv/stats
            self._apply(idle=False)
        elif not starved and not self.idle:
            self._apply(idle=True)

    def _run(self) -> None:
        while not self._stop.wait(self.PERIOD_S):
            try:
                self.check()
            except Exception:  # never let the guard die silently with the threads idle
                logger.exception("safekv: detector idle guard stopped")
                try:
                    self._apply(idle=False)
                except OSError:
                    logger.exception("safekv: detector threads stay in the idle class")
                return


class _Outbox:
    """Results and stats leave through one socket, owned by one sender thread."""

    def __init__(self, socket: zmq.Socket, generation: int, pipeline_stats: Any) -> None:
        self.socket = socket
        self.generation = generation
        self.pipeline_stats = pipeline_stats
        self.items: queue.Queue[bytes | None] = queue.Queue()
        self.stats_wanted = threading.Event()
        self.bad_messages = 0
        self.unmatched_results = 0

    def put(self, data: bytes | None) -> None:
        """Queue a message for the sender; None stops it."""
        self.items.put(data)

    def stats_message(self) -> bytes:
        snap = self.pipeline_stats()
        counters = snap["counters"]
        if self.bad_messages:
            counters["worker_bad_messages"] = self.bad_messages
        if self.unmatched_results:
            counters["worker_unmatched_results"] = self.unmatched_results
        return wire.encode(wire.STATS, self.generation, snap, time.process_time())

    def run(self) -> None:
        last_stats, dirty = 0.0, False
        while True:
            try:
                data = self.items.get(timeout=STATS_PERIOD_S)
            except queue.Empty:
                data = b""
            if data is None:
                break
            if data:
                self.socket.send(data)
                dirty = True
            now = time.monotonic()
            due = dirty and (not data or now - last_stats >= STATS_PERIOD_S)
            if due or self.stats_wanted.is_set():
                self.stats_wanted.clear()
                self.socket.send(self.stats_message())
                last_stats, dirty = now, False


class _Addressing:
    """Finds the job sequence number of each pipeline result (the pipeline knows no numbers).

    A result carries its job's token path object; should the pipeline ever build a new one,
    the owner, start and insert time still name the job.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[int, tuple[int, ClassificationJob]] = {}  # id(path) -> (seq, job)

    def add(self, seq: int, job: ClassificationJob) -> None:
        with self._lock:
            self._jobs[id(job.token_ids)] = (seq, job)  # the job keeps its path (and id) alive

    def take(self, result: DetectionResult) -> int | None:
        with self._lock:
            entry = self._jobs.pop(id(result.token_ids), None)
            if entry is not None:
                return entry[0]
            wanted = (result.owner, result.start, result.created_at)
            for path, (seq, job) in self._jobs.items():
                if (job.owner, job.start, job.created_at) == wanted:
                    del self._jobs[path]
                    return seq
            return None


def serve(args: argparse.Namespace, config: DetectorConfig) -> int:
    context = zmq.Context()
    jobs = context.socket(zmq.PULL)
    jobs.setsockopt(zmq.LINGER, 0)
    jobs.connect(args.jobs)
    results = context.socket(zmq.PUSH)
    results.setsockopt(zmq.LINGER, 1000)
    results.connect(args.results)
    addressing = _Addressing()
    outbox: _Outbox  # built below, before the pipeline can produce a result

    def sink(result: DetectionResult) -> None:
        seq = addressing.take(result)
        if seq is None:
            outbox.unmatched_results += 1
            return
        outbox.put(wire.encode_result(args.generation, seq, result))

    limit_threads(config)
    pipeline = DetectionPipeline(config, args.tokenizer, sink)
    outbox = _Outbox(results, args.generation, pipeline.stats)
    pipeline.start()
    # Only now: at lower priority on a busy machine, loading the tiers could take minutes,
    # and the server waits for it. Serving jobs is what must not compete with the scheduler.
    lower_priority(config)
    guard = IdleGuard(pipeline, config, os.getpriority(os.PRIO_PROCESS, 0))  # at worker_nice
    guard.start()
    sender = threading.Thread(target=outbox.run, name="safekv-worker-sender", daemon=True)
    sender.start()
    outbox.put(
        wire.encode(wire.READY, args.generation, os.getpid(), dict(pipeline.detector.unavailable))
    )
    poller = zmq.Poller()
    poller.register(jobs, zmq.POLLIN)
    try:
        while os.getppid() == args.parent:
            if not poller.poll(200):
                continue
            try:
                kind, generation, fields = wire.decode(jobs.recv())
                if kind == wire.STOP:
                    break
                if kind == wire.STATS_REQUEST:
                    outbox.stats_wanted.set()
                    outbox.put(b"")
                    continue
                if kind != wire.JOB or generation != args.generation:
                    raise wire.BadMessage(f"unexpected {kind!r} for generation {generation}")
                seq, job = wire.job_from(fields)
            except wire.BadMessage as exc:
                outbox.bad_messages += 1
                logger.warning("detector worker: bad message dropped (%s)", exc)
                continue
            addressing.add(seq, job)
            pipeline.submit(job)
    finally:
        guard.stop()
        pipeline.close(timeout=1.0)
        outbox.put(outbox.stats_message())
        outbox.put(None)
        sender.join(2.0)
        context.destroy(linger=1000)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", required=True, help="ZMQ address of the job socket")
    parser.add_argument("--results", required=True, help="ZMQ address of the result socket")
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--generation", type=int, required=True)
    parser.add_argument("--parent", type=int, required=True)
    args = parser.parse_args(argv)
    die_with_parent(args.parent)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s safekv-detector %(message)s")
    config = SafeKVConfig.from_dict(json.loads(os.environ[CONFIG_ENV])).detector
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    return serve(args, config)


if __name__ == "__main__":
    sys.exit(main())
