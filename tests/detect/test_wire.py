"""The detector wire format: round trips, and no input makes the decoder do anything but fail."""

from __future__ import annotations

import array

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sglang_safekv.cache.events import ClassificationJob, DetectionResult
from sglang_safekv.detect import wire

token = st.integers(min_value=-(2**63), max_value=2**63 - 1)


@given(
    st.text(),
    st.lists(token, max_size=50),
    st.data(),
    st.none() | st.text(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.booleans(),
)
def test_jobs_round_trip(owner, ids, data, extra_key, created_at, as_array, ahead):
    start = data.draw(st.integers(0, len(ids)))
    end = data.draw(st.integers(start, len(ids)))
    path = array.array("q", ids) if as_array else tuple(ids)
    job = ClassificationJob(owner, path, start, end, extra_key, created_at, ahead)
    kind, generation, fields = wire.decode(wire.encode_job(7, 42, job))
    assert (kind, generation) == (wire.JOB, 7)
    seq, back = wire.job_from(fields)
    assert seq == 42 and list(back.token_ids) == ids
    assert (back.owner, back.start, back.end, back.extra_key) == (owner, start, end, extra_key)
    assert (back.created_at, back.ahead) == (created_at, ahead)


@given(
    st.none() | st.integers(0, 10**6),
    st.booleans(),
    st.lists(st.text(), max_size=4),
    st.none() | st.integers(0, 10**6),
)
def test_results_round_trip(first, failed, categories, held_from):
    # Every field of a verdict crosses the wire: a held line that arrived as None would be
    # promoted, its secret's first tokens shared.
    result = DetectionResult(
        "o", (1, 2), 0, 2, first, None, failed, tuple(categories), 0.0, held_from
    )
    kind, generation, fields = wire.decode(wire.encode_result(3, 9, result))
    assert (kind, generation) == (wire.RESULT, 3)
    assert wire.outcome_from(fields) == (9, 0, 2, first, failed, tuple(categories), held_from)


plain = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats()
    | st.text()
    | st.binary(),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.binary(max_size=200) | plain.map(msgspec.msgpack.encode))
def test_any_bytes_decode_or_raise_bad_message(data):
    try:
        kind, _generation, fields = wire.decode(data)
        if kind == wire.JOB:
            wire.job_from(fields)
        elif kind == wire.RESULT:
            wire.outcome_from(fields)
    except wire.BadMessage:
        pass


def test_a_job_with_a_ragged_token_buffer_is_rejected():
    bad = wire.encode(wire.JOB, 1, 0, "o", b"\x00" * 9, 0, 1, None, 0.0, False)
    _, _, fields = wire.decode(bad)
    with pytest.raises(wire.BadMessage, match="int64"):
        wire.job_from(fields)
