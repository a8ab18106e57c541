from __future__ import annotations

import pytest

from .harness import sglang_context


@pytest.fixture(scope="module", autouse=True)
def _sglang_runtime_context():
    """SGLang's published runtime config, as the scheduler process has it."""
    with sglang_context():
        yield
