"""The asynchronous detection pipeline between the cache and the detector.

The cache calls :meth:`DetectionPipeline.on_classification_job` on the scheduler thread; that
only enqueues (or, when the bounded queue is full, answers ``failed`` at once: the content stays
private). Worker threads take batches of jobs, decode tokens to text, judge each content run
(the text between chat-template special tokens) and hand a :class:`DetectionResult` to the sink,
which in the server is ``SafeRadixCache.post`` (thread-safe; applied on the scheduler thread).

Right context: no token becomes public before the detector has judged it with the rest of its
line. A job that ends inside a line (a code-completion client's keystroke request, a chunk of a
chunked prefill, an output cut by ``max_tokens``) is judged to its end, but the result holds
back the unfinished line (``held_from``): the cache keeps it PENDING and sends it again with the
next insert that extends the path. A job that starts inside a line is judged from that line's
start (the result's ``start`` reaches back), so the held tail of an earlier job of the same path
is decided with its right context even when the next chunk was submitted before the earlier
result came back. Lines are the unit because no recognizer reports a span across a line break
(sentences end there; patterns stay within a line); a chat prompt ends with its generation
prompt, so its messages are complete and nothing is held back.

What the detector cannot read fails closed: ids outside the vocabulary (image and audio
placeholders) are sensitive from the first of them on.

Decisions are cached by owner and content: the key of a run is a hash of the owner, every token
up to the run's end and where judging starts. What a job judges lies below the public frontier
(nothing before ``start`` is judged again), so it is private to its owner until cleared; a
cache shared across owners would answer faster for a message another tenant already sent (an
oracle on exactly that message). Content already public is never resubmitted, so tenants still
share its decision through the tree. A watchdog answers ``failed`` for jobs past their deadline; crashes answer
``failed`` too. Every failure is logged and counted, and leaves the content private.
"""

from __future__ import annotations

import array
import collections
import hashlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sglang_safekv.cache.events import ClassificationJob, DetectionResult, MatchEvent, result_for
from sglang_safekv.config import DetectorConfig
from sglang_safekv.detect.detector import Detector, TierUnavailable
from sglang_safekv.detect.registry import TextWindow
from sglang_safekv.detect.stats import DetectorStats
from sglang_safekv.detect.tokens import TokenText, special_token_ids, vocabulary_size

logger = logging.getLogger(__name__)

Sink = Callable[[DetectionResult], None]


@dataclass(eq=False)
class _Pending:
    job: ClassificationJob
    submitted: float
    deadline: float
    done: bool = False


UNREADABLE = "unreadable"  # the category of ids the tokenizer cannot decode


@dataclass
class _RunDecision:
    first_token: int | None
    categories: tuple[str, ...] = field(default_factory=tuple)


class DecisionCache:
    """LRU map from run key to decision; thread-safe."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: collections.OrderedDict[bytes, _RunDecision] = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: bytes) -> _RunDecision | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: bytes, value: _RunDecision) -> None:
        if self.capacity <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


def run_keys(
    ids: Sequence[int], runs: list[tuple[int, int]], start: int, owner: str
) -> list[bytes]:
    """Key per run: hash of the owner and all tokens up to the run's end, and the first judged
    token."""
    h = hashlib.blake2b(digest_size=16)
    h.update(owner.encode() + b"\0")
    keys, pos = [], 0
    for a, b in runs:
        h.update(array.array("q", ids[pos:b]).tobytes())
        pos = b
        keys.append(h.copy().digest() + max(a, start).to_bytes(8, "little"))
    return keys


class DetectionPipeline:
    """Construct with (config, tokenizer, sink); ``start()`` loads the tiers and the threads."""

    def __init__(
        self,
        config: DetectorConfig,
        tokenizer,
        sink: Sink,
        detector: Detector | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if config.queue_size < 1 or config.workers < 1 or config.batch_size < 1:
            raise ValueError("detector queue_size, workers and batch_size must be >= 1")
        if config.timeout_s <= 0:
            raise ValueError("detector timeout_s must be > 0")
        if isinstance(tokenizer, str):
            from transformers import AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(tokenizer, local_files_only=True)
        self.config = config
        self.tokenizer = tokenizer
        self.special_ids = special_token_ids(tokenizer)
        self.vocab_size = vocabulary_size(tokenizer)
        self.sink = sink
        self.detector = detector or Detector.from_config(config)
        self.clock = clock
        self.stats_ = DetectorStats()
        self.decisions = DecisionCache(config.decision_cache_size)
        self._queue: queue.Queue[_Pending] = queue.Queue(maxsize=config.queue_size)
        self._inflight: dict[int, _Pending] = {}
        self._lock = threading.Lock()
        self._tokenizer_lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._started = False

    # --- lifecycle ----------------------------------------------------------------------------
    def start(self) -> DetectionPipeline:
        """Load every tier (blocking: seconds) and start the worker and watchdog threads."""
        if self._started:
            return self
        if self.config.enabled:
            for name, reason in self.detector.load().items():
                self.stats_.incr("tier_load_failures")
                logger.error("detector recognizer %s unavailable: %s", name, reason)
        for i in range(self.config.workers):
            self._spawn(self._worker, f"safekv-detector-{i}")
        self._spawn(self._watchdog, "safekv-detector-watchdog")
        self._started = True
        return self

    def _spawn(self, target: Callable[[], None], name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def thread_ids(self) -> list[int]:
        """Native ids of the threads that run detection (for the worker's scheduling class)."""
        return [t.native_id for t in self._threads if t.native_id is not None and t.is_alive()]

    def oldest_wait(self) -> float:
        """Seconds the oldest job not yet answered has been in the pipeline (0 when none)."""
        with self._lock:
            submitted = [p.submitted for p in self._inflight.values()]
        return self.clock() - min(submitted) if submitted else 0.0

    def close(self, timeout: float = 5.0) -> None:
        """Stop the threads; jobs still queued or running are answered ``failed``."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)
        with self._lock:
            pending = list(self._inflight.values())
        for p in pending:
            self._fail(p, "stopped")

    def __enter__(self) -> DetectionPipeline:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # --- the cache listener side --------------------------------------------------------------
    def on_classification_job(self, job: ClassificationJob) -> None:
        self.submit(job)

    def on_match(self, event: MatchEvent) -> None:
        """Matches are the monitor's business."""

    def submit(self, job: ClassificationJob) -> bool:
        """Queue a job; returns False when it was answered ``failed`` at once (full, stopped,
        disabled or malformed). Never blocks."""
        now = self.clock()
        pending = _Pending(job, now, now + self.config.timeout_s)
        self.stats_.incr("jobs_submitted")
        if not 0 <= job.start <= job.end <= len(job.token_ids):
            self._fail(pending, "bad_job", f"range [{job.start}, {job.end}) outside the path")
            return False
        if not self.config.enabled:
            self._fail(pending, "disabled")
            return False
        if self._stop.is_set() or not self._started:
            self._fail(pending, "stopped")
            return False
        with self._lock:
            self._inflight[id(pending)] = pending
        try:
            self._queue.put_nowait(pending)
        except queue.Full:
            self._fail(pending, "overflow")
            return False
        self.stats_.set("queue_depth", self._queue.qsize())
        return True

    # --- results ------------------------------------------------------------------------------
    def _resolve(self, pending: _Pending, result: DetectionResult) -> bool:
        with self._lock:
            if pending.done:
                return False
            pending.done = True
        now = self.clock()
        self.stats_.incr("jobs_done")
        if pending.job.ahead:  # judged before its insert: time to public is the insert's job's
            self.stats_.incr("ahead_jobs_done")
        else:
            created = pending.job.created_at or pending.submitted
            self.stats_.observe("time_to_result_seconds", max(0.0, now - created))
        try:
            self.sink(result)
        except Exception:
            self.stats_.incr("sink_errors")
            logger.exception("detector sink raised for owner %s", pending.job.owner)
        finally:
            # Only now: until the sink has the result, the job must count as in flight, or
            # "idle" (stats, wait_idle) could be seen while its result is on no queue at all.
            with self._lock:
                self._inflight.pop(id(pending), None)
        return True

    def _fail(self, pending: _Pending, reason: str, detail: str = "") -> None:
        result = result_for(pending.job, first_sensitive=None, failed=True)
        if self._resolve(pending, result):
            self.stats_.incr("jobs_failed")
            count = self.stats_.counter(f"failed_{reason}") + 1
            self.stats_.incr(f"failed_{reason}")
            if count == 1 or count % 100 == 0:  # every failure is counted; logs stay readable
                logger.warning(
                    "detector job failed (%s, %d so far), content stays private%s",
                    reason,
                    count,
                    f": {detail}" if detail else "",
                )

    def _answer(
        self,
        pending: _Pending,
        start: int,
        first: int | None,
        categories: tuple[str, ...],
        held_from: int | None,
    ) -> None:
        result = result_for(
            pending.job, start, first_sensitive=first, categories=categories, held_from=held_from
        )
        if self._resolve(pending, result):
            self.stats_.incr("jobs_sensitive" if first is not None else "jobs_public")
            if held_from is not None and (first is None or first > held_from):
                self.stats_.incr("jobs_held")
                self.stats_.incr("held_tokens", pending.job.end - held_from)

    # --- threads ------------------------------------------------------------------------------
    def _worker(self) -> None:
        while not self._stop.is_set():
            try:
                first = self._queue.get(timeout=0.05)
            except queue.Empty:
                continue
            batch = [first]
            while len(batch) < self.config.batch_size:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            self.stats_.set("queue_depth", self._queue.qsize())
            self._process(batch)

    def _watchdog(self) -> None:
        period = min(0.05, self.config.timeout_s / 4)
        while not self._stop.wait(period):
            now = self.clock()
            with self._lock:
                late = [p for p in self._inflight.values() if p.deadline <= now]
            for p in late:
                self._fail(p, "timeout", f"no decision within {self.config.timeout_s} s")

    def _process(self, batch: list[_Pending]) -> None:
        now = self.clock()
        live = []
        for p in batch:
            if p.done:
                continue
            if p.deadline <= now:
                self._fail(p, "timeout", "expired in the queue")
                continue
            self.stats_.observe("queue_wait_seconds", now - p.submitted)
            live.append(p)
        if not live:
            return
        try:
            self._decide(live)
        except Exception as exc:
            if len(live) > 1:  # find the job that broke it; the others still get answers
                for p in live:
                    try:
                        self._decide([p])
                    except Exception as one:
                        self._fail_for(p, one)
            else:
                self._fail_for(live[0], exc)

    def _fail_for(self, pending: _Pending, exc: Exception) -> None:
        if isinstance(exc, TierUnavailable):
            self._fail(pending, "unavailable", str(exc))
        else:
            logger.exception("detector crashed on a job of %s", pending.job.owner)
            self._fail(pending, "error", f"{type(exc).__name__}: {exc}")

    def _decide(self, batch: list[_Pending]) -> None:
        t0 = time.perf_counter()
        plans = []  # per job: (judged from, runs' keys, held from, first unreadable token)
        todo: dict[bytes, TextWindow] = {}
        todo_runs: dict[bytes, tuple[TokenText, int, int]] = {}  # key -> (text, run start, ctx)
        known: dict[bytes, _RunDecision] = {}
        for p in batch:
            job = p.job
            # Decode from the start of the message holding ``job.start``, plus the messages
            # before it (at most ``context_messages``, ``context_tokens``) as read-only context:
            # an answer's sensitivity can come from the question before it. Runs still start
            # at ``job.start``, so context is read, never judged again.
            ids, ctx = job.token_ids, job.start
            while ctx > 0 and ids[ctx - 1] not in self.special_ids:
                ctx -= 1
            floor = max(0, ctx - self.config.context_tokens)
            for _ in range(self.config.context_messages):
                while ctx > floor and ids[ctx - 1] in self.special_ids:
                    ctx -= 1
                while ctx > floor and ids[ctx - 1] not in self.special_ids:
                    ctx -= 1
            with self._tokenizer_lock:
                tt = TokenText(
                    self.tokenizer, ids[ctx : job.end], self.special_ids, self.vocab_size
                )
            start = ctx + tt.line_start(job.start - ctx)
            complete = ctx + tt.complete_until(job.end - ctx)
            held = complete if complete < job.end else None
            unreadable = next((ctx + u for u in tt.unreadable if ctx + u >= start), None)
            runs = tt.content_runs(start - ctx, job.end - ctx)
            keys = run_keys(ids, [(a + ctx, b + ctx) for a, b in runs], start, job.owner)
            plans.append((start, keys, held, unreadable))
            for (a, b), key in zip(runs, keys):
                cached = known.get(key) or self.decisions.get(key)
                if key in todo or cached is not None:
                    if cached is not None:
                        known[key] = cached
                    self.stats_.incr("decision_cache_hits")
                    continue
                start_char, end_char = tt.char_start(a), tt.char_start(b)
                if tt.text[start_char:end_char].isspace():
                    # Nothing to read (the line break a chat template puts after a role
                    # token): public without a tier, so a prompt judged on arrival is decided
                    # at once after its insert.
                    known[key] = _RunDecision(None)
                    self.stats_.incr("blank_runs")
                    continue
                self.stats_.incr("decision_cache_misses")
                todo[key] = TextWindow(tt.text[:end_char], start_char, end_char)
                todo_runs[key] = (tt, a, ctx)
        if todo:
            keys = list(todo)
            detections = self.detector.detect_batch([todo[k] for k in keys], first_only=True)
            for key, det in zip(keys, detections):
                for tier, seconds in det.tier_seconds.items():
                    self.stats_.observe(f"tier{tier}_seconds", seconds)
                self.stats_.incr("tier3_sentences", det.tier3_sentences)
                tt, a, ctx = todo_runs[key]
                first_char = det.first
                first_token = None if first_char is None else ctx + max(a, tt.token_at(first_char))
                known[key] = _RunDecision(first_token, det.categories)
                self.decisions.put(key, known[key])
        for p, (start, keys, held, unreadable) in zip(batch, plans):
            first: int | None = None
            categories: tuple[str, ...] = ()
            for key in keys:
                decision = known[key]
                if decision.first_token is not None:
                    first, categories = decision.first_token, decision.categories
                    break
            if unreadable is not None and (first is None or unreadable < first):
                first, categories = unreadable, (UNREADABLE,)
                self.stats_.incr("jobs_unreadable")
            if first is not None and first < p.job.start:
                self.stats_.incr("reached_back")  # a finding that starts in the held line
            self._answer(p, start, first, categories, held)
        self.stats_.observe("batch_seconds", time.perf_counter() - t0)
        self.stats_.set("decision_cache_entries", len(self.decisions))

    # --- observability ------------------------------------------------------------------------
    def stats(self) -> dict:
        """Counters, gauges and latency histograms (seconds), plus tier availability."""
        snap = self.stats_.snapshot()
        snap["gauges"]["queue_depth"] = self._queue.qsize()
        snap["gauges"]["inflight"] = len(self._inflight)
        snap["unavailable"] = dict(self.detector.unavailable)
        return snap

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """True once every submitted job has been answered (for tests and the eval)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._inflight:
                    return True
            time.sleep(0.002)
        return False
