"""The scheduler's side of out-of-process detection: a cache listener that talks to workers.

:class:`RemoteDetector` has the listener and stats interface of ``DetectionPipeline``, but the
detector runs in worker processes (:mod:`sglang_safekv.detect.worker`), so its CPU time and
its GIL are not the scheduler's. On the scheduler thread, ``on_classification_job`` only appends
the job to its owner's queue. One I/O thread sends queued jobs to the workers round-robin by
owner, within a bound on jobs in flight overall and per owner (one tenant's flood waits in its
own queue, not in front of everyone else's), receives results and hands them to the sink
(``SafeRadixCache.post``: applied on the scheduler thread), and restarts workers that died.

Failing closed: jobs in flight on a worker that died, jobs past their deadline, jobs over a
queue bound and jobs arriving while no worker is up are answered ``failed`` (the content stays
private), logged and counted, like the pipeline's own failures.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import zmq

from sglang_safekv.cache.events import ClassificationJob, DetectionResult, MatchEvent, result_for
from sglang_safekv.config import DetectorConfig, SafeKVConfig
from sglang_safekv.detect import wire
from sglang_safekv.detect.stats import DetectorStats
from sglang_safekv.detect.worker import CONFIG_ENV

logger = logging.getLogger(__name__)

Sink = Callable[[DetectionResult], None]
POLL_MS = 50
# Grace beyond the worker's own deadline before the client answers a job itself.
LOST_JOB_GRACE_S = 1.0


@dataclass
class _Worker:
    index: int
    generation: int = 0
    proc: subprocess.Popen | None = None
    socket: Any = None
    ready: bool = False
    started_at: float = 0.0
    restart_at: float = 0.0
    inflight: int = 0
    early_exits: int = 0  # exits before ready since the last ready: backs restarts off
    unavailable: dict[str, str] = field(default_factory=dict)
    stats: dict[str, Any] | None = None
    stats_at: float = 0.0
    cpu_seconds: float = 0.0


@dataclass(eq=False)
class _Sent:
    job: ClassificationJob
    worker: _Worker
    generation: int
    deadline: float


def _failed(job: ClassificationJob) -> DetectionResult:
    return result_for(job, first_sensitive=None, failed=True)


class RemoteDetector:
    """Construct with (config, tokenizer path, sink); ``start()`` waits for the workers."""

    def __init__(
        self,
        config: DetectorConfig,
        tokenizer_path: str,
        sink: Sink,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if config.worker_processes < 1 or config.max_inflight < 1:
            raise ValueError("detector worker_processes and max_inflight must be >= 1")
        if config.tenant_max_inflight < 1 or config.tenant_queue_size < 1:
            raise ValueError("detector tenant_max_inflight and tenant_queue_size must be >= 1")
        if config.worker_idle_max_wait_s < 0:
            raise ValueError("detector worker_idle_max_wait_s must be >= 0")
        if config.worker_torch_threads < 0:
            raise ValueError("detector worker_torch_threads must be >= 0 (0: torch's default)")
        if config.queue_size < 1 or config.timeout_s <= 0:
            raise ValueError("detector queue_size must be >= 1 and timeout_s > 0")
        self.config = config
        self.tokenizer_path = str(tokenizer_path)
        self.sink = sink
        self.clock = clock
        self.stats_ = DetectorStats()
        self.enqueue_seconds = 0.0  # scheduler-thread time spent in submit()
        self.io_thread_cpu_seconds = 0.0
        self._workers = [_Worker(i) for i in range(config.worker_processes)]
        self._by_generation: dict[int, _Worker] = {}
        self._generations = itertools.count(1)
        self._seqs = itertools.count()
        self._lock = threading.Lock()
        self._queues: collections.OrderedDict[str, collections.deque] = collections.OrderedDict()
        self._queued = 0
        self._sent: dict[int, _Sent] = {}
        self._owner_inflight: collections.Counter[str] = collections.Counter()
        self._retired: list[dict[str, Any]] = []  # last stats of workers that exited
        self._retired_cpu = 0.0
        self._start_errors: dict[str, str] = {}
        self._stop = threading.Event()
        self._started = threading.Event()
        self._stats_wanted = threading.Event()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        self._wake_pending = False
        self._dir = tempfile.mkdtemp(prefix="safekv-detector-")
        self._results_address = f"ipc://{self._dir}/results"
        self._thread: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------------------
    def start(self) -> RemoteDetector:
        """Start the workers and wait until each has loaded its tiers (or failed to start)."""
        if self._thread is not None:
            return self
        self._thread = threading.Thread(target=self._run, name="safekv-detector-client")
        self._thread.daemon = True
        self._thread.start()
        if not self._started.wait(self.config.worker_start_timeout_s + 5.0):
            self._start_errors["detector_worker"] = "workers did not start in time"
        return self

    def close(self, timeout: float = 5.0) -> None:
        """Stop the workers; jobs still queued or in flight are answered ``failed``."""
        self._stop.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(timeout + 5.0)
        self._fail_everything("stopped")
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> RemoteDetector:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the cache listener side (scheduler thread) -------------------------------------------
    def on_classification_job(self, job: ClassificationJob) -> None:
        self.submit(job)

    def on_match(self, event: MatchEvent) -> None:
        """Matches are the monitor's business."""

    def submit(self, job: ClassificationJob) -> bool:
        """Queue a job for its owner; False when it was answered ``failed`` at once. No I/O."""
        t0 = time.perf_counter()
        try:
            self.stats_.incr("jobs_submitted")
            if not 0 <= job.start <= job.end <= len(job.token_ids):
                self._fail(job, "bad_job", f"range [{job.start}, {job.end}) outside the path")
                return False
            if not self.config.enabled:
                self._fail(job, "disabled")
                return False
            if self._stop.is_set() or not self._started.is_set():
                self._fail(job, "stopped")
                return False
            with self._lock:
                owner_queue = self._queues.get(job.owner)
                full = self._queued >= self.config.queue_size or (
                    owner_queue is not None and len(owner_queue) >= self.config.tenant_queue_size
                )
                if not full:
                    if owner_queue is None:
                        owner_queue = self._queues[job.owner] = collections.deque()
                    owner_queue.append((job, self.clock()))
                    self._queued += 1
            if full:
                self._fail(job, "overflow")
                return False
            self._wake()
            return True
        finally:
            self.enqueue_seconds += time.perf_counter() - t0

    def _wake(self) -> None:
        if self._wake_pending:
            return
        self._wake_pending = True
        with contextlib.suppress(BlockingIOError, OSError):
            os.write(self._wake_w, b"x")

    # --- failures -----------------------------------------------------------------------------
    def _fail(self, job: ClassificationJob, reason: str, detail: str = "") -> None:
        self.stats_.incr("jobs_failed")
        self.stats_.incr(f"failed_{reason}")
        count = self.stats_.counter(f"failed_{reason}")
        if count == 1 or count % 100 == 0:  # every failure is counted; logs stay readable
            logger.warning(
                "detector job failed (%s, %d so far), content stays private%s",
                reason,
                count,
                f": {detail}" if detail else "",
            )
        try:
            self.sink(_failed(job))
        except Exception:
            self.stats_.incr("sink_errors")
            logger.exception("detector sink raised for owner %s", job.owner)

    def _fail_everything(self, reason: str) -> None:
        with self._lock:
            jobs = [job for q in self._queues.values() for job, _ in q]
            jobs += [s.job for s in self._sent.values()]
            self._queues.clear()
            self._queued = 0
            self._sent.clear()
            self._owner_inflight.clear()
            for w in self._workers:
                w.inflight = 0
        for job in jobs:
            self._fail(job, reason)

    # --- the I/O thread -----------------------------------------------------------------------
    def _run(self) -> None:
        context = zmq.Context()
        results = context.socket(zmq.PULL)
        results.setsockopt(zmq.LINGER, 0)
        results.bind(self._results_address)
        poller = zmq.Poller()
        poller.register(results, zmq.POLLIN)
        poller.register(self._wake_r, zmq.POLLIN)
        try:
            for w in self._workers:
                self._spawn(w, context)
            while not self._stop.is_set():
                events = dict(poller.poll(POLL_MS))
                if self._wake_r in events:
                    self._wake_pending = False
                    with contextlib.suppress(BlockingIOError):
                        os.read(self._wake_r, 4096)
                if results in events:
                    self._receive(results)
                now = self.clock()
                self._supervise(context, now)
                self._dispatch(now)
                self._expire(now)
                if self._stats_wanted.is_set():
                    self._stats_wanted.clear()
                    for w in self._workers:
                        if w.ready:
                            w.socket.send(wire.encode(wire.STATS_REQUEST, w.generation))
                self.io_thread_cpu_seconds = time.thread_time()
        except Exception:
            logger.exception("safekv detector client crashed; detection stops (fail closed)")
            self._start_errors["detector_client"] = "the client thread crashed"
            self._stop.set()
        finally:
            self._started.set()
            self._shutdown(context, results)

    def _spawn(self, w: _Worker, context: zmq.Context) -> None:
        w.generation = next(self._generations)
        self._by_generation[w.generation] = w
        address = f"ipc://{self._dir}/jobs-{w.index}-{w.generation}"
        w.socket = context.socket(zmq.PUSH)
        w.socket.setsockopt(zmq.LINGER, 0)
        w.socket.bind(address)
        env = dict(os.environ)
        env[CONFIG_ENV] = SafeKVConfig(detector=self.config).to_json()
        # Started from this thread, which lives as long as the workers should: the worker's
        # parent-death signal follows the thread that started it.
        w.proc = subprocess.Popen(
            [
                sys.executable, "-m", "sglang_safekv.detect.worker",
                "--jobs", address, "--results", self._results_address,
                "--tokenizer", self.tokenizer_path,
                "--generation", str(w.generation), "--parent", str(os.getpid()),
            ],
            env=env,
            stdin=subprocess.DEVNULL,
        )  # fmt: skip
        w.ready, w.started_at, w.inflight = False, self.clock(), 0
        logger.info("safekv: detector worker %d started (pid %d)", w.index, w.proc.pid)

    def _receive(self, results: zmq.Socket) -> None:
        while True:
            try:
                data = results.recv(zmq.NOBLOCK)
            except zmq.Again:
                return
            try:
                self._handle(data)
            except wire.BadMessage as exc:
                self.stats_.incr("bad_messages")
                count = self.stats_.counter("bad_messages")
                if count == 1 or count % 100 == 0:
                    logger.warning("safekv detector client: bad message dropped (%s)", exc)

    def _handle(self, data: bytes) -> None:
        kind, generation, fields = wire.decode(data)
        w = self._by_generation.get(generation)
        if kind == wire.RESULT:
            seq, start, end, first, failed, categories, held_from = wire.outcome_from(fields)
            with self._lock:
                sent = self._sent.get(seq)
                if sent is None or sent.generation != generation:
                    sent = None
                else:
                    del self._sent[seq]
                    self._release(sent)
            if sent is None:
                self.stats_.incr("late_results")  # already answered (timeout or dead worker)
                return
            job = sent.job
            result = result_for(
                job, start, end=end, first_sensitive=first, failed=failed,
                categories=categories, held_from=held_from,
            )  # fmt: skip
            try:
                self.sink(result)
            except Exception:
                self.stats_.incr("sink_errors")
                logger.exception("detector sink raised for owner %s", job.owner)
        elif kind == wire.STATS:
            if len(fields) != 2 or not _is_snapshot(fields[0]):
                raise wire.BadMessage("stats: not a stats snapshot")
            if w is not None and w.generation == generation:
                w.stats, w.stats_at = fields[0], self.clock()
                if isinstance(fields[1], (int, float)):
                    w.cpu_seconds = float(fields[1])
        elif kind == wire.READY:
            if len(fields) != 2 or not isinstance(fields[1], dict):
                raise wire.BadMessage("ready: expected pid and unavailable tiers")
            if w is not None and w.generation == generation:
                w.ready, w.early_exits = True, 0
                w.unavailable = {str(k): str(v) for k, v in fields[1].items()}
                logger.info("safekv: detector worker %d ready (pid %s)", w.index, fields[0])
                if all(x.ready for x in self._workers):
                    self._started.set()
        else:
            raise wire.BadMessage(f"unexpected message kind {kind!r}")

    def _release(self, sent: _Sent) -> None:
        owner = sent.job.owner
        self._owner_inflight[owner] -= 1
        if self._owner_inflight[owner] <= 0:
            del self._owner_inflight[owner]
        sent.worker.inflight -= 1

    def _supervise(self, context: zmq.Context, now: float) -> None:
        for w in self._workers:
            if w.proc is not None and w.proc.poll() is not None:
                self._worker_exited(w, w.proc, now)
            elif w.proc is None and self._started.is_set() and now >= w.restart_at:
                self.stats_.incr("worker_restarts")
                self._spawn(w, context)
            elif (
                w.proc is not None
                and not w.ready
                and now - w.started_at > self.config.worker_start_timeout_s
            ):
                logger.error("safekv: detector worker %d did not start in time", w.index)
                w.proc.kill()

    def _worker_exited(self, w: _Worker, proc: subprocess.Popen, now: float) -> None:
        code = proc.returncode
        self.stats_.incr("worker_exits")
        logger.error(
            "safekv: detector worker %d (pid %d) exited with code %s; %s",
            w.index,
            proc.pid,
            code,
            "restarting it" if self._started.is_set() else "start-up failed",
        )
        if not self._started.is_set():
            self._start_errors[f"detector_worker_{w.index}"] = f"exited with code {code}"
            self._started.set()
        with self._lock:
            lost = [self._sent.pop(k) for k, s in list(self._sent.items()) if s.worker is w]
            for s in lost:
                self._release(s)
        for s in lost:
            self._fail(s.job, "worker_died", f"worker {w.index} exited with code {code}")
        if w.stats is not None:  # folded into one snapshot, however many workers exit
            self._retired = [merge_snapshots([*self._retired, w.stats])]
        self._retired_cpu += w.cpu_seconds
        if not w.ready:
            w.early_exits += 1
        w.stats, w.cpu_seconds, w.ready = None, 0.0, False
        w.socket.close(linger=0)
        w.proc, w.socket = None, None
        # A worker that keeps dying while it loads is restarted less and less often.
        w.restart_at = now + self.config.worker_restart_delay_s * 2 ** min(w.early_exits, 6)

    def _dispatch(self, now: float) -> None:
        ready = [w for w in self._workers if w.ready]
        sends, dropped = [], []
        with self._lock:
            if not ready:
                if self._queued and self._started.is_set():
                    dropped = [job for q in self._queues.values() for job, _ in q]
                    self._queues.clear()
                    self._queued = 0
            else:
                progressed = True
                while progressed and self._queues and len(self._sent) < self.config.max_inflight:
                    progressed = False
                    for owner in list(self._queues):
                        if len(self._sent) >= self.config.max_inflight:
                            break
                        if self._owner_inflight[owner] >= self.config.tenant_max_inflight:
                            continue
                        owner_queue = self._queues[owner]
                        job, _queued_at = owner_queue.popleft()
                        self._queued -= 1
                        if owner_queue:
                            self._queues.move_to_end(owner)
                        else:
                            del self._queues[owner]
                        w = min(ready, key=lambda x: x.inflight)
                        seq = next(self._seqs)
                        deadline = now + self.config.timeout_s + LOST_JOB_GRACE_S
                        self._sent[seq] = _Sent(job, w, w.generation, deadline)
                        self._owner_inflight[owner] += 1
                        w.inflight += 1
                        sends.append((w, seq, job))
                        progressed = True
        for job in dropped:
            self._fail(job, "no_worker", "no detector worker is up")
        for w, seq, job in sends:
            w.socket.send(wire.encode_job(w.generation, seq, job))

    def _expire(self, now: float) -> None:
        late: list[ClassificationJob] = []
        with self._lock:
            for seq in [k for k, s in self._sent.items() if s.deadline <= now]:
                sent = self._sent.pop(seq)
                self._release(sent)
                late.append(sent.job)
            for owner in list(self._queues):
                owner_queue = self._queues[owner]
                while owner_queue and owner_queue[0][1] + self.config.timeout_s <= now:
                    late.append(owner_queue.popleft()[0])
                    self._queued -= 1
                if not owner_queue:
                    del self._queues[owner]
        for job in late:
            self._fail(job, "timeout", f"no decision within {self.config.timeout_s} s")

    def _shutdown(self, context: zmq.Context, results: zmq.Socket) -> None:
        for w in self._workers:
            if w.proc is not None and w.socket is not None:
                with contextlib.suppress(zmq.ZMQError):
                    w.socket.send(wire.encode(wire.STOP, w.generation), zmq.NOBLOCK)
        deadline = time.monotonic() + 3.0
        for w in self._workers:
            if w.proc is None:
                continue
            try:
                w.proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                w.proc.kill()
                w.proc.wait(5.0)
        results.close(linger=0)
        for w in self._workers:
            if w.socket is not None:
                w.socket.close(linger=0)
        context.term()

    # --- observability ------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """The pipeline's stats shape, summed over the workers (exited ones as last reported),
        plus this client's own failures and gauges."""
        snaps = list(self._retired) + [w.stats for w in self._workers if w.stats is not None]
        merged = merge_snapshots(snaps)
        counters = merged["counters"]
        client = self.stats_.snapshot()["counters"]
        counters["jobs_sent_to_workers"] = counters.pop("jobs_submitted", 0)
        for name, value in client.items():
            if name == "jobs_submitted":
                counters[name] = value
            else:
                counters[name] = counters.get(name, 0) + value
        gauges = {f"worker_{name}": value for name, value in merged["gauges"].items()}
        with self._lock:
            # As in the pipeline: waiting jobs, and every job not answered yet (this side's
            # view is current; the workers' gauges are as of their last report).
            gauges["queue_depth"] = self._queued
            gauges["inflight"] = self._queued + len(self._sent)
            gauges["sent_inflight"] = len(self._sent)
            gauges["queued_tenants"] = len(self._queues)
        merged["gauges"] = gauges
        gauges["workers_ready"] = sum(w.ready for w in self._workers)
        unavailable: dict[str, str] = {}
        for w in self._workers:
            unavailable.update(w.unavailable)
        unavailable.update(self._start_errors)
        merged["unavailable"] = unavailable
        return merged

    def overhead(self) -> dict[str, Any]:
        """CPU seconds of the worker processes and of this client (for the overhead report)."""
        workers = {str(w.index): w.cpu_seconds for w in self._workers}
        return {
            "detector_cpu_seconds": self._retired_cpu + sum(workers.values()),
            "detector_worker_cpu_seconds": workers,
            "detector_client_thread_cpu_seconds": self.io_thread_cpu_seconds,
            "scheduler_enqueue_seconds": self.enqueue_seconds,
        }

    def refresh_stats(self, timeout: float = 5.0) -> bool:
        """Ask every ready worker for fresh stats and wait for them (tests, the eval)."""
        asked = self.clock()
        self._stats_wanted.set()
        self._wake()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(w.stats_at >= asked for w in self._workers if w.ready):
                return True
            time.sleep(0.01)
        return False

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once every submitted job has been answered (for tests and the eval)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._queued and not self._sent:
                    return True
            time.sleep(0.002)
        return False

    def worker_pids(self) -> list[int]:
        return [w.proc.pid for w in self._workers if w.proc is not None]

    def wait_ready(self, timeout: float) -> bool:
        """True once every worker is up (after a restart, for tests)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(w.ready for w in self._workers):
                return True
            time.sleep(0.05)
        return False


def _is_snapshot(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(value.get(k), dict) for k in ("counters", "gauges", "histograms")
    )


def merge_snapshots(snaps: list[dict[str, Any]]) -> dict[str, Any]:
    """Sum counters, gauges and histogram buckets of several pipeline stats snapshots."""
    out: dict[str, Any] = {"counters": {}, "gauges": {}, "histograms": {}, "unavailable": {}}
    for snap in snaps:
        for part in ("counters", "gauges"):
            for name, value in snap[part].items():
                if isinstance(value, (int, float)):
                    out[part][name] = out[part].get(name, 0) + value
        for name, hist in snap["histograms"].items():
            if not isinstance(hist, dict) or not isinstance(hist.get("buckets"), dict):
                continue
            mine = out["histograms"].setdefault(name, {"buckets": {}, "sum": 0.0, "count": 0})
            for bound, n in hist["buckets"].items():
                mine["buckets"][bound] = mine["buckets"].get(bound, 0) + n
            mine["sum"] += hist.get("sum", 0.0)
            mine["count"] += hist.get("count", 0)
    return out
