"""Run the sglang-safekv evaluation (same as ``sglang-safekv eval``).

python eval/run_eval.py                      # quick CPU profile, all modes, all ratios
python eval/run_eval.py --profile sysprompt  # real system prompts, interleaved, 95% intervals
python eval/run_eval.py --profile full --model-path /models/llama-8b-random
python eval/run_eval.py --help
"""

import sys

from sglang_safekv.tooling.evaluation.main import main

if __name__ == "__main__":
    sys.exit(main())
