"""Operator-declared public prefixes: content that is PUBLIC from the moment it is cached.

File format (TOML or YAML)::

    [[prefixes]]
    name = "support-bot"
    messages = [{ role = "system", content = "You are the support assistant of ..." }]

    [[prefixes]]
    name = "terms"
    text = "Terms of service: ..."   # a raw prompt prefix (completions / generate)

A ``messages`` entry is rendered with the model's chat template (no generation prompt), so it
is a token-exact prefix of every chat request that starts with those messages.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROLES = ("system", "user", "assistant")


class PublicPrefixError(ValueError):
    """A public-prefix entry is malformed; the message names it."""


@dataclasses.dataclass(frozen=True)
class PublicPrefix:
    name: str
    text: str | None = None
    messages: tuple[tuple[str, str], ...] | None = None

    def to_json(self) -> dict[str, Any]:
        if self.messages is not None:
            return {
                "name": self.name,
                "messages": [{"role": r, "content": c} for r, c in self.messages],
            }
        return {"name": self.name, "text": self.text}


def parse_entry(entry: Any, where: str) -> PublicPrefix:
    if not isinstance(entry, dict):
        raise PublicPrefixError(f"{where}: expected a table")
    extra = set(entry) - {"name", "text", "messages"}
    if extra:
        raise PublicPrefixError(f"{where}: unknown key(s) {', '.join(sorted(extra))}")
    name = entry.get("name", where)
    if not isinstance(name, str) or not name:
        raise PublicPrefixError(f"{where}: name must be a non-empty string")
    text, messages = entry.get("text"), entry.get("messages")
    if (text is None) == (messages is None):
        raise PublicPrefixError(f"{where} ({name}): give exactly one of text or messages")
    if text is not None:
        if not isinstance(text, str) or not text:
            raise PublicPrefixError(f"{where} ({name}): text must be a non-empty string")
        return PublicPrefix(name=name, text=text)
    if not isinstance(messages, list) or not messages:
        raise PublicPrefixError(f"{where} ({name}): messages must be a non-empty list")
    parsed = []
    for j, m in enumerate(messages):
        if (
            not isinstance(m, dict)
            or set(m) != {"role", "content"}
            or m["role"] not in ROLES
            or not isinstance(m["content"], str)
        ):
            raise PublicPrefixError(
                f"{where} ({name}): messages[{j}] needs role ({'/'.join(ROLES)}) and content"
            )
        parsed.append((m["role"], m["content"]))
    return PublicPrefix(name=name, messages=tuple(parsed))


def load_public_prefixes(path: str | Path) -> list[PublicPrefix]:
    path = Path(path)
    if not path.is_file():
        raise PublicPrefixError(f"public prefix file {path} does not exist")
    text = path.read_text()
    if path.suffix in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(text)
    else:
        data = tomllib.loads(text)
    if (
        not isinstance(data, dict)
        or set(data) != {"prefixes"}
        or not isinstance(data["prefixes"], list)
    ):
        raise PublicPrefixError(f"{path}: expected a [[prefixes]] list and nothing else")
    return [parse_entry(e, f"{path}: prefixes[{i}]") for i, e in enumerate(data["prefixes"])]
