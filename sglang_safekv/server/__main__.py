"""The server process the launcher starts: ``python -m sglang_safekv.server <sglang args>``.

Prometheus' multiprocess mode is fixed when ``prometheus_client`` is first imported: the
directory must be in the environment before that, or this process's own series (SGLang's
request counters, kept by its tokenizer manager here) stay in memory, out of the one scrape
that ``/metrics`` gives. sglang-safekv's modules import ``prometheus_client``, so the directory
is set here, first; SGLang keeps a directory it finds set, and its children inherit it.
"""

import atexit
import os
import shutil
import sys
import tempfile

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"


def _prometheus_multiproc_dir() -> None:
    if os.environ.get(MULTIPROC_ENV):
        return
    directory = tempfile.mkdtemp(prefix="safekv-prometheus-")
    os.environ[MULTIPROC_ENV] = directory
    atexit.register(shutil.rmtree, directory, ignore_errors=True)


if __name__ == "__main__":
    _prometheus_multiproc_dir()
    from sglang_safekv.server.frontend import main

    main(sys.argv[1:])
