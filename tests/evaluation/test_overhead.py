import subprocess
import sys
import time

import psutil

from sglang_safekv.tooling.evaluation.overhead import (
    cpu_by_role,
    detector_counts,
    reported_deltas,
    reported_times,
    roles,
)

BUSY = "import time\nt=time.process_time()\nwhile time.process_time()-t<{s}: pass\n"


def test_cpu_seconds_of_a_real_process_tree_are_split_by_role():
    # A leader with two children: one burns CPU and has more threads (the "scheduler").
    code = (
        "import subprocess, sys, threading, time\n"
        f"busy = subprocess.Popen([sys.executable, '-c', {BUSY.format(s=0.6)!r} + "
        "'import threading, time\\n[threading.Thread(target=time.sleep, args=(5,), "
        "daemon=True).start() for _ in range(6)]\\ntime.sleep(5)'])\n"
        "idle = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(5)'])\n"
        "busy.wait(); idle.wait()\n"
    )
    leader = subprocess.Popen([sys.executable, "-c", code])
    try:
        proc = psutil.Process(leader.pid)
        deadline = time.monotonic() + 30
        while len(proc.children()) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        before = {str(p): [r, 0.0] for p, r in roles(proc).items()}
        time.sleep(2.0)  # the busy child has burnt its CPU and started its threads
        found = roles(proc)
        assert sorted(found.values()) == ["detokenizer", "frontend", "scheduler"]
        after = {}
        for pid, role in found.items():
            t = psutil.Process(pid).cpu_times()
            after[str(pid)] = [role, t.user + t.system]
        cpu = cpu_by_role(before, after)
        assert cpu["scheduler"] > 0.4
        assert cpu["detokenizer"] < 0.3
    finally:
        for child in psutil.Process(leader.pid).children(recursive=True):
            child.kill()
        leader.kill()
        leader.wait()


def test_reported_time_fields_are_found_by_name_and_differenced():
    before = {"gate": {"requests": 3}, "schedulers": [{"detector": {"cpu_s": 1.0, "jobs": 4}}]}
    after = {
        "gate": {"requests": 9},
        "schedulers": [{"detector": {"cpu_s": 2.5, "jobs": 9}, "listener_busy_s": 0.25}],
    }
    assert reported_times(after) == {
        "schedulers[0].detector.cpu_s": 2.5,
        "schedulers[0].listener_busy_s": 0.25,
    }
    assert reported_deltas(before, after) == {
        "schedulers[0].detector.cpu_s": 1.5,
        "schedulers[0].listener_busy_s": 0.25,
    }
    assert reported_deltas(None, after) == {}
    assert cpu_by_role(None, {}) is None


def test_detector_work_counters_are_summed_over_schedulers():
    stats = {
        "gate": {"requests": 9},
        "schedulers": [
            {"detector": {"counters": {"jobs_done": 5, "tier3_sentences": 40, "other": 1}}},
            {"detector": {"counters": {"jobs_done": 2, "ahead_jobs_done": 1}}},
            {"mode": "global"},  # no detector
        ],
    }
    assert detector_counts(stats) == {"jobs_done": 7, "tier3_sentences": 40, "ahead_jobs_done": 1}
    assert detector_counts(None) == {} and detector_counts({"schedulers": None}) == {}
