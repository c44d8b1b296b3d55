"""Run every bench/bench_*.py script in turn (`make bench`). Arguments are passed to each script."""

import subprocess
import sys
from pathlib import Path

here = Path(__file__).parent
failed = 0
for script in sorted(here.glob("bench_*.py")):
    print(f"\n== {script.name}", flush=True)
    failed |= subprocess.run([sys.executable, str(script), *sys.argv[1:]]).returncode
sys.exit(1 if failed else 0)
