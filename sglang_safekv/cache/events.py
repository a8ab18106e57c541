"""What the cache tells its listeners, and what they send back.

The data path is request -> tenant -> match -> insert -> detector -> promotion/demotion ->
eviction. The cache emits :class:`ClassificationJob` after inserts that left content pending,
and :class:`MatchEvent` for matches that reused another tenant's public node. The detector
answers with :class:`DetectionResult`; the monitor acts through the cache's API. Everything
that changes the tree is applied on the scheduler thread: worker threads hand results to
``SafeRadixCache.post(...)``, and the cache applies them at the start of its next operation.

Results are addressed by (owner, token path), never by node object, so they stay correct
when nodes were split, merged, evicted or re-inserted in the meantime.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Protocol


@dataclasses.dataclass(frozen=True)
class ClassificationJob:
    """Tokens ``token_ids[start:end]`` of ``owner``'s path need a decision.

    ``token_ids`` is a snapshot that nobody may modify: a tuple, or (from the cache, whose keys
    are ``array('q')``) an ``array('q')`` copy, which the scheduler thread makes ~20x faster
    than a tuple. Treat it as a read-only sequence (index, slice, len, iterate); do not hash a
    job.

    ``token_ids`` is the whole root-to-end path (the detector sees the text before ``start``
    as context). Positions before ``start`` are already PUBLIC, or were submitted in an earlier
    job of the same owner whose result may still be on its way (the cache never submits a
    token twice while its first decision is outstanding; a chunked prompt thus yields jobs for
    consecutive ranges). A result may still cover tokens before ``start`` (see
    :class:`DetectionResult`). Positions are logical key positions (page-aligned in the tree).

    ``ahead``: sent when the scheduler first matched the request, before its prefill inserted
    anything (``cache.judge_at_arrival``): it marks no node submitted, and its result only
    answers early for nodes an insert's own job already covers (the decision it leaves in the
    detector's cache answers that job at once).
    """

    owner: str
    token_ids: Sequence[int]  # tuple or array('q'); see above
    start: int
    end: int
    extra_key: str | None = None
    created_at: float = 0.0  # time.monotonic() at insert, for time-to-public
    ahead: bool = False


@dataclasses.dataclass(frozen=True)
class DetectionResult:
    """The detector's answer for a job.

    ``start`` is the first token the verdict covers: the job's start, or earlier when the job
    started inside a line (the detector judged that line from its beginning; its first part
    was held back by an earlier result or is still out in an earlier job).

    ``first_sensitive`` is the token offset (absolute, in ``token_ids``) of the first
    sensitive token, or None when ``token_ids[start:end]`` is clean. ``failed`` means the
    detector could not decide (timeout, crash, overflow): the content stays private (and may be
    submitted again by a later insert). A ``first_sensitive`` below ``start`` is read as
    ``start`` (public content is never re-marked by the detector; the monitor demotes).

    ``held_from`` (None: nothing held) is the first token the detector judged without its
    right context (the job ended inside a line or a word): from there to ``end`` the tokens
    stay PENDING, nothing there becomes public on this result, and the next insert that
    extends the path submits them again.
    """

    owner: str
    token_ids: Sequence[int]  # the job's snapshot (tuple or array('q'))
    start: int
    end: int
    first_sensitive: int | None
    extra_key: str | None = None
    failed: bool = False
    categories: tuple[str, ...] = ()
    created_at: float = 0.0
    held_from: int | None = None
    ahead: bool = False  # the answer to an ``ahead`` job (see ClassificationJob)


def result_for(
    job: ClassificationJob, start: int | None = None, end: int | None = None, **outcome: Any
) -> DetectionResult:
    """The result addressed to ``job``'s content (owner, tokens, range, ``ahead``), with
    ``outcome`` (``first_sensitive``, ``failed``, ...); ``start`` may reach back before the
    job's own start (the line it continues); ``end`` is the job's unless a worker said."""
    return DetectionResult(
        owner=job.owner,
        token_ids=job.token_ids,
        start=job.start if start is None else start,
        end=job.end if end is None else end,
        extra_key=job.extra_key,
        created_at=job.created_at,
        ahead=job.ahead,
        **outcome,
    )


@dataclasses.dataclass(frozen=True)
class MatchEvent:
    """A tenant's match reused a PUBLIC node that another tenant created.

    ``node_id`` is stable for the node's life (SGLang's TreeNode.id). ``matched_into_node``
    is how many tokens of the node the match covered (== ``node_len`` for a full pass).
    """

    tenant: str
    node_id: int
    creator: str
    node_depth: int  # tokens from the root to the node's first token
    node_len: int
    matched_into_node: int
    time: float
    # id of the node this one was split from (equal to node_id if never split): a match that
    # ends inside a node splits it, so successive probes of one node show up as new node ids
    # sharing one lineage.
    lineage_id: int = -1
    # The match passed this node fully and went on into the tenant's own content (set on a
    # match's deepest event only): the tenant left this lineage at a node's end for a branch
    # it holds itself (its prompt going on past another tenant's chat header), no stop here.
    then_own: bool = False
    # Which match_prefix call emitted the event (the cache's match_calls, -1: unknown): events
    # of one match share it, so a monitor groups them exactly, not by time and depth.
    match_id: int = -1


class CacheListener(Protocol):
    """Receives cache events on the scheduler thread; must return quickly."""

    def on_classification_job(self, job: ClassificationJob) -> None: ...

    def on_match(self, event: MatchEvent) -> None: ...
