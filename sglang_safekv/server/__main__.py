"""The server process the launcher starts: ``python -m sglang_safekv.server <sglang args>``."""

import sys

from sglang_safekv.server.frontend import main

if __name__ == "__main__":
    main(sys.argv[1:])
