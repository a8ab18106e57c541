"""The hook targets exist in the pinned SGLang, and a hook that did not attach stops start-up."""

import importlib

import pytest

from sglang_safekv import plugin
from sglang_safekv.cpu_compat import extend_attention
from sglang_safekv.server import frontend

TARGETS = [
    frontend.UVICORN_CONFIG_INIT,
    frontend.GENERATE_REQUEST,
    frontend.VALIDATE_REQUEST,
    *frontend.OPENAI_VALIDATORS,
    plugin.INTERNAL_STATE_TARGET,
    plugin.RESOLVED_ARGS_TARGET,
    extend_attention.TARGET,
]


def _resolve(dotted: str):
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


@pytest.mark.parametrize("target", TARGETS)
def test_every_hook_target_is_a_callable_of_the_installed_sglang(target):
    assert callable(_resolve(target))


class _Registry:
    def __init__(self, patched):
        self._patched = set(patched)


def test_a_hook_that_did_not_attach_refuses_to_serve():
    frontend.require_hooks_applied(_Registry(TARGETS), TARGETS)
    with pytest.raises(RuntimeError, match="TokenizerManager.generate_request"):
        frontend.require_hooks_applied(
            _Registry([frontend.UVICORN_CONFIG_INIT]),
            [frontend.UVICORN_CONFIG_INIT, frontend.GENERATE_REQUEST],
        )
