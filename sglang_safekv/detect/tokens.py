"""Token ids <-> text, so a sensitive character maps back to the first sensitive token.

The cache speaks token offsets; the detectors read text. :class:`TokenText` decodes a path,
replacing special tokens (BOS, chat-template role markers such as ``<|user|>``) by a line break:
they are structure, not content, and the break keeps sentences of different messages apart.
Every token owns a contiguous character range (a gap such as a trimmed leading space belongs to
the token after it), so "the token containing character c" is always defined and errs early.

Per-token offsets come, in order of preference, from the fast tokenizer's offset mapping
(re-encoding a run must reproduce the same ids), from decoding tokens one by one (if that
concatenates to the run's text), or from decoding every prefix of the run (always right, slow).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

SEPARATOR = "\n"


def special_token_ids(tokenizer) -> frozenset[int]:
    """Ids of the tokenizer's special tokens (BOS/EOS/PAD and added special tokens)."""
    ids = set(getattr(tokenizer, "all_special_ids", ()) or ())
    for token_id, added in (getattr(tokenizer, "added_tokens_decoder", None) or {}).items():
        if getattr(added, "special", False):
            ids.add(int(token_id))
    return frozenset(ids)


class TokenText:
    def __init__(self, tokenizer, ids: Sequence[int], special_ids: frozenset[int] | None = None):
        self.ids = tuple(int(i) for i in ids)
        special = special_token_ids(tokenizer) if special_ids is None else special_ids
        pieces: list[str] = []
        self.ends: list[int] = []  # ends[i]: end character of token i (token i starts at ends[i-1])
        self.runs: list[tuple[int, int]] = []  # token ranges of content between special tokens
        self.special = [i in special for i in self.ids]
        length = 0
        i = 0
        while i < len(self.ids):
            if self.special[i]:
                pieces.append(SEPARATOR)
                length += len(SEPARATOR)
                self.ends.append(length)
                i += 1
                continue
            j = i
            while j < len(self.ids) and not self.special[j]:
                j += 1
            text, ends = _run_offsets(tokenizer, self.ids[i:j])
            pieces.append(text)
            self.ends.extend(length + e for e in ends)
            length += len(text)
            self.runs.append((i, j))
            i = j
        self.text = "".join(pieces)

    def char_start(self, token: int) -> int:
        """First character of token ``token`` (``len(text)`` for ``token == len(ids)``)."""
        if not 0 <= token <= len(self.ids):
            raise IndexError(f"token {token} outside 0..{len(self.ids)}")
        return self.ends[token - 1] if token > 0 else 0

    def token_at(self, char: int) -> int:
        """Index of the token whose characters include ``char``."""
        if not 0 <= char < len(self.text):
            raise IndexError(f"character {char} outside text of length {len(self.text)}")
        return bisect.bisect_right(self.ends, char)

    def content_runs(self, start: int, end: int) -> list[tuple[int, int]]:
        """Parts of token range [start, end) that are content (not special tokens)."""
        out = []
        for a, b in self.runs:
            a, b = max(a, start), min(b, end)
            if a < b:
                out.append((a, b))
        return out


def _run_offsets(tokenizer, run: Sequence[int]) -> tuple[str, list[int]]:
    """Text of a run of ordinary tokens and the end character of each token within it."""
    text = tokenizer.decode(
        list(run), skip_special_tokens=False, clean_up_tokenization_spaces=False
    )
    if getattr(tokenizer, "is_fast", False):
        enc = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        if list(enc["input_ids"]) == list(run):
            ends = [end for _start, end in enc["offset_mapping"]]
            if ends and ends[-1] <= len(text) and all(a <= b for a, b in zip(ends, ends[1:])):
                ends[-1] = len(text)
                return text, ends
    pieces = [
        tokenizer.decode([t], skip_special_tokens=False, clean_up_tokenization_spaces=False)
        for t in run
    ]
    if "".join(pieces) == text:
        ends, total = [], 0
        for piece in pieces:
            total += len(piece)
            ends.append(total)
        return text, ends
    ends = []  # multi-byte characters split across tokens, or a decoder that is not additive
    for k in range(1, len(run) + 1):
        prefix = tokenizer.decode(
            list(run[:k]), skip_special_tokens=False, clean_up_tokenization_spaces=False
        )
        common = min(len(prefix.rstrip("\ufffd")), len(text))
        ends.append(max(common, ends[-1] if ends else 0))
    ends[-1] = len(text)
    return text, ends
