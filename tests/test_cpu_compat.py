import importlib
import subprocess
import sys

import pytest
import torch

from sglang_safekv import cpu_compat
from sglang_safekv.cpu_compat import sgl_kernel_shim as shim


def test_assign_req_to_token_pool_writes_each_rows_slice():
    req_to_token = torch.zeros((4, 10), dtype=torch.int32)
    rows = torch.tensor([2, 0])
    start = torch.tensor([3, 0])
    end = torch.tensor([6, 2])
    out = torch.tensor([11, 12, 13, 21, 22])
    shim.assign_req_to_token_pool_cpu(rows, req_to_token, start, end, out, 10)
    assert req_to_token[2, 3:6].tolist() == [11, 12, 13]
    assert req_to_token[0, 0:2].tolist() == [21, 22]
    assert int(req_to_token.sum()) == 11 + 12 + 13 + 21 + 22


def test_copy_all_layer_kv_cache_moves_rows_in_every_buffer():
    k = torch.arange(5 * 3, dtype=torch.float32).reshape(5, 3)
    v = -torch.arange(5 * 3, dtype=torch.float32).reshape(5, 3)
    before_k, before_v = k.clone(), v.clone()
    ptrs = torch.tensor([k.data_ptr(), v.data_ptr()], dtype=torch.uint64)
    strides = torch.tensor([k.stride(0) * 4, v.stride(0) * 4], dtype=torch.int64)
    shim.copy_all_layer_kv_cache_cpu(ptrs, strides, torch.tensor([0, 4]), torch.tensor([2, 1]))
    assert torch.equal(k[0], before_k[2]) and torch.equal(k[4], before_k[1])
    assert torch.equal(v[0], before_v[2]) and torch.equal(v[4], before_v[1])
    assert torch.equal(k[1:4], before_k[1:4])


def test_unimplemented_functions_name_themselves_when_called():
    fn = shim.verify_tree_greedy_cpu
    with pytest.raises(NotImplementedError, match="sgl_kernel.verify_tree_greedy_cpu"):
        fn()


def test_dunder_lookups_fail_normally():
    with pytest.raises(AttributeError):
        shim.__path__  # noqa: B018


def test_finder_serves_sgl_kernel_only_when_activated():
    code = (
        "import importlib.util, sys\n"
        "import sglang_safekv.cpu_compat as c\n"
        "sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, c._ShimFinder)]\n"
        "print(importlib.util.find_spec('sgl_kernel') is None)\n"
        "c.activate(); c.activate()\n"
        "print(sum(isinstance(f, c._ShimFinder) for f in sys.meta_path))\n"
        "import sgl_kernel; print(sgl_kernel.IS_SAFEKV_CPU_SHIM)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "1", "True"]


def test_the_venv_runs_the_shim_at_interpreter_start():
    # `make setup` installs the .pth file; this is what lets SGLang import on a CPU.
    assert cpu_compat.pth_path().exists()
    assert importlib.import_module("sgl_kernel").IS_SAFEKV_CPU_SHIM
