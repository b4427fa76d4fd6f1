#!/usr/bin/env python3
"""Runs a reference benchmark script with its clock switched from wall time to the process's CPU
time (time.perf_counter -> time.process_time), the counterpart of `belamy bench --cpu-time`: on a
host shared with other jobs it leaves out the time spent waiting for a core. Meaningful at
--threads 1 (with more threads, spinning threads count too).

  python Scripts/bench_cpu_clock.py ../shared/bench/reference/charlm_ref.py --vocab 100 --threads 1
"""
import runpy
import sys
import time

time.perf_counter = time.process_time
script = sys.argv[1]
sys.argv = sys.argv[1:]
sys.path.insert(0, script.rsplit("/", 1)[0] if "/" in script else ".")
runpy.run_path(script, run_name="__main__")
