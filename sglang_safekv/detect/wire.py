"""Messages between the scheduler's detector client and the detector worker processes.

Each message is a msgpack list of plain values, never a pickle: a malformed or hostile message
is a decode error (:class:`BadMessage`), not code execution. Token paths travel as int64 bytes
and come back as ``array('q')``, the type the cache itself hands out. Every message names the
worker generation it belongs to, so answers of a worker that was replaced are recognised.
"""

from __future__ import annotations

import array
from collections.abc import Sequence
from typing import Any

import msgspec

from sglang_safekv.cache.events import ClassificationJob, DetectionResult

JOB = "job"  # client -> worker: generation, seq, job fields
STOP = "stop"  # client -> worker: generation
STATS_REQUEST = "stats?"  # client -> worker: generation
READY = "ready"  # worker -> client: generation, pid, unavailable tiers
RESULT = "result"  # worker -> client: generation, seq, outcome fields
STATS = "stats"  # worker -> client: generation, pipeline stats, process CPU seconds

_encoder = msgspec.msgpack.Encoder()
_decoder = msgspec.msgpack.Decoder()


class BadMessage(ValueError):
    """Bytes that are not a well-formed message of this protocol."""


def _tokens(ids: Sequence[int]) -> bytes:
    if isinstance(ids, array.array) and ids.typecode == "q":
        return ids.tobytes()
    return array.array("q", ids).tobytes()


def encode(kind: str, generation: int, *fields: Any) -> bytes:
    return _encoder.encode([kind, generation, *fields])


def encode_job(generation: int, seq: int, job: ClassificationJob) -> bytes:
    return encode(
        JOB,
        generation,
        seq,
        job.owner,
        _tokens(job.token_ids),
        job.start,
        job.end,
        job.extra_key,
        job.created_at,
        job.ahead,
    )


def encode_result(generation: int, seq: int, result: DetectionResult) -> bytes:
    return encode(
        RESULT,
        generation,
        seq,
        result.start,
        result.end,
        result.first_sensitive,
        result.failed,
        list(result.categories),
        result.held_from,
    )


def decode(data: bytes) -> tuple[str, int, list[Any]]:
    """``(kind, generation, fields)``; raises BadMessage for anything else."""
    try:
        msg = _decoder.decode(data)
    except (msgspec.DecodeError, ValueError, TypeError) as exc:
        raise BadMessage(f"undecodable: {exc}") from None
    if not (isinstance(msg, list) and len(msg) >= 2 and isinstance(msg[0], str)):
        raise BadMessage("not a [kind, generation, ...] list")
    if not isinstance(msg[1], int) or isinstance(msg[1], bool):
        raise BadMessage("generation is not an integer")
    return msg[0], msg[1], msg[2:]


def _check(fields: list[Any], types: tuple[Any, ...], kind: str) -> None:
    if len(fields) != len(types):
        raise BadMessage(f"{kind}: expected {len(types)} fields, got {len(fields)}")
    for i, (value, tp) in enumerate(zip(fields, types)):
        allowed = tp if isinstance(tp, tuple) else (tp,)
        if not isinstance(value, allowed) or (isinstance(value, bool) and bool not in allowed):
            raise BadMessage(f"{kind}: field {i} has the wrong type")


_NONE = type(None)


def job_from(fields: list[Any]) -> tuple[int, ClassificationJob]:
    _check(fields, (int, str, bytes, int, int, (str, _NONE), (float, int), bool), JOB)
    seq, owner, raw, start, end, extra_key, created_at, ahead = fields
    if len(raw) % 8:
        raise BadMessage("job: token bytes are not whole int64 values")
    ids = array.array("q")
    ids.frombytes(raw)
    return seq, ClassificationJob(owner, ids, start, end, extra_key, float(created_at), ahead)


def outcome_from(
    fields: list[Any],
) -> tuple[int, int, int, int | None, bool, tuple[str, ...], int | None]:
    """``(seq, start, end, first_sensitive, failed, categories, held_from)`` of a result
    message. ``held_from`` must cross the wire: without it a held line would become public."""
    _check(fields, (int, int, int, (int, _NONE), bool, list, (int, _NONE)), RESULT)
    seq, start, end, first, failed, categories, held_from = fields
    if not all(isinstance(c, str) for c in categories):
        raise BadMessage("result: categories are not strings")
    return seq, start, end, first, failed, tuple(categories), held_from
