"""Token ids <-> text, so a sensitive character maps back to the first sensitive token.

The cache speaks token offsets; the detectors read text. :class:`TokenText` decodes a path,
replacing special tokens (BOS, chat-template role markers such as ``<|user|>``) by a line break:
they are structure, not content, and the break keeps sentences of different messages apart.
Every token owns a contiguous character range (a gap such as a trimmed leading space belongs to
the token after it), so "the token containing character c" is always defined and errs early.

Ids the tokenizer cannot read (outside its vocabulary: SGLang puts image and audio placeholders
in the key this way) decode to nothing, so a detector would judge the text around them as if
they were not there. They become separators like special tokens and are listed in
``unreadable``; the pipeline keeps them and everything after them private.

Lines are the unit of right context: the detector's recognizers never report a span across a
line break, so a line is judged completely once its line break (or the end of its message) is
in the text. :meth:`TokenText.complete_until` and :meth:`TokenText.line_start` give those
boundaries in tokens, both erring early (towards keeping more text pending).

Per-token offsets come, in order of preference, from the fast tokenizer's offset mapping
(re-encoding a run must reproduce the same ids), from decoding tokens one by one (if that
concatenates to the run's text), or from decoding every prefix of the run (always right, slow).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

SEPARATOR = "\n"


def vocabulary_size(tokenizer) -> int | None:
    """Number of ids the tokenizer can decode (added tokens included), or None if unknown."""
    try:
        return len(tokenizer)
    except TypeError:
        size = getattr(tokenizer, "vocab_size", None)
        return size if isinstance(size, int) else None


def special_token_ids(tokenizer) -> frozenset[int]:
    """Ids of the tokenizer's special tokens (BOS/EOS/PAD and added special tokens)."""
    ids = set(getattr(tokenizer, "all_special_ids", ()) or ())
    for token_id, added in (getattr(tokenizer, "added_tokens_decoder", None) or {}).items():
        if getattr(added, "special", False):
            ids.add(int(token_id))
    return frozenset(ids)


class TokenText:
    def __init__(
        self,
        tokenizer,
        ids: Sequence[int],
        special_ids: frozenset[int] | None = None,
        vocab_size: int | None = None,
    ):
        self.ids = tuple(int(i) for i in ids)
        special = special_token_ids(tokenizer) if special_ids is None else special_ids
        limit = vocabulary_size(tokenizer) if vocab_size is None else vocab_size
        pieces: list[str] = []
        self.ends: list[int] = []  # ends[i]: end character of token i (token i starts at ends[i-1])
        self.runs: list[tuple[int, int]] = []  # token ranges of content between special tokens
        # Indices of ids outside the vocabulary: separators in the text, never content.
        self.unreadable = [
            k for k, i in enumerate(self.ids) if i < 0 or (limit is not None and i >= limit)
        ]
        self.special = [i in special for i in self.ids]
        for k in self.unreadable:
            self.special[k] = True
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

    def line_start(self, token: int) -> int:
        """First token of the line that holds token ``token``'s first character.

        Errs early: the token holding the line break before it is included (a token such as
        ``".\\n"`` may carry text of the line before), and a separator counts as a line break.
        """
        found = self.text.rfind("\n", 0, self.char_start(token))
        return 0 if found < 0 else min(token, self.token_at(found))

    def complete_until(self, end: int) -> int:
        """Tokens ``[0, k)`` of ``[0, end)`` whose lines are complete: the returned ``k``.

        A line is complete once its line break is in the text; text after the last line break
        (a prompt that ends inside a word or a line) may continue in a later request, so it is
        not complete. A separator (special or unreadable token) ends a line too, so a chat
        prompt that ends with its generation prompt is complete.
        """
        stop = self.char_start(end)
        found = self.text.rfind("\n", 0, stop)
        if found < 0:
            return 0
        if found + 1 == stop:
            return end
        return bisect.bisect_right(self.ends, found + 1, 0, end)

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
    if "".join(pieces) == text and "\ufffd" not in text:
        ends, total = [], 0
        for piece in pieces:
            total += len(piece)
            ends.append(total)
        return text, ends
    # Multi-byte characters split across tokens, or a decoder that is not additive: decode
    # every prefix. A prefix that ends inside a character ends with "\ufffd" (or, with some
    # decoders, drops the partial bytes); either way its token gets no character here and
    # _err_early hands it the character it starts.
    ends = []
    for k in range(1, len(run) + 1):
        prefix = tokenizer.decode(
            list(run[:k]), skip_special_tokens=False, clean_up_tokenization_spaces=False
        )
        common = min(len(prefix.rstrip("\ufffd")), len(text))
        ends.append(max(common, ends[-1] if ends else 0))
    ends[-1] = len(text)
    return text, _err_early(ends)


def _err_early(ends: list[int]) -> list[int]:
    """Give a run of tokens that own no character, before one that does, the next character
    (the leading bytes of a character split over several tokens): the first token that
    carries any of it then holds it, as with the fast tokenizer's offsets."""
    start, i = 0, 0
    while i < len(ends):
        if ends[i] == start:
            j = i + 1
            while j < len(ends) and ends[j] == start:
                j += 1
            if j < len(ends):  # tokens i+1..j own nothing of this character now
                for k in range(i, j):
                    ends[k] = start + 1
            i = j
            continue
        start = ends[i]
        i += 1
    return ends
