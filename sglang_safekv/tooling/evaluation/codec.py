"""The served model's tokenizer, as an attacker or the harness uses it.

The model is public (an open checkpoint), so an attacker can render the chat template and
tokenize exactly as the server does; probes are then sent as token ids, which removes any
doubt about how text at a probe's edge would be tokenized.
"""

from __future__ import annotations

from pathlib import Path


class Codec:
    def __init__(self, model_path: str | Path):
        from transformers import AutoTokenizer

        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path))
        self.vocab_size = len(self.tokenizer)

    def chat_text(self, messages: list[dict[str, str]]) -> str:
        """The prompt text the server builds for a chat request."""
        return self.tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )

    def encode(self, text: str) -> list[int]:
        return list(self.tokenizer.encode(text, add_special_tokens=False))

    def encode_with_offsets(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        enc = self.tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
        return list(enc["input_ids"]), [tuple(o) for o in enc["offset_mapping"]]

    def chat_ids(self, messages: list[dict[str, str]]) -> list[int]:
        return self.encode(self.chat_text(messages))

    def decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids)

    def locate(self, messages: list[dict[str, str]], start: int, end: int) -> ChatSpan:
        """Token ids of the chat prompt and the token span of chars ``[start, end)`` of the
        last message's content (the span's first token may begin a little earlier, e.g. with
        the space a BPE token carries in front of a word)."""
        text = self.chat_text(messages)
        content = messages[-1]["content"]
        base = text.rindex(content)
        ids, offsets = self.encode_with_offsets(text)
        lo, hi = base + start, base + end
        first = next(i for i, (_, e) in enumerate(offsets) if e > lo)
        stop = next((i for i, (s, _) in enumerate(offsets) if s >= hi), len(ids))
        return ChatSpan(ids=ids, offsets=offsets, content_base=base, first=first, stop=stop)


class ChatSpan:
    """Token ids of a chat prompt plus the token range [first, stop) of a character span."""

    def __init__(self, ids, offsets, content_base: int, first: int, stop: int):
        self.ids: list[int] = ids
        self.offsets: list[tuple[int, int]] = offsets
        self.content_base = content_base
        self.first = first
        self.stop = stop

    def tokens_before_char(self, content_char: int) -> int:
        """How many tokens end at or before char ``content_char`` of the last message."""
        limit = self.content_base + content_char
        return sum(1 for _, e in self.offsets if e <= limit)
