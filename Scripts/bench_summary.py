#!/usr/bin/env python3
"""Turns the results.jsonl of Scripts/bench.sh into a Markdown table: per row, the reference
(PyTorch, or the C cblas_sgemm anchor for sgemm) and Belamy as median (min..max) over rounds, and
the ratio of Belamy's speed to the reference's (> 1 means Belamy is faster).

  python3 Scripts/bench_summary.py /tmp/belamy-bench/results.jsonl
"""
import collections
import json
import statistics
import sys

# (row, label, key, unit, higher_is_better, digits); "ms" rows compare as speed = 1 / time.
METRICS = [
    ("dcgan", "DCGAN G forward, batch 1", "g_fwd_ms_batch1", "ms", False, 2),
    ("dcgan", "DCGAN G forward, batch 64", "g_fwd_ms_batch64", "ms", False, 1),
    ("dcgan", "DCGAN train step D+G, batch 64", "train_step_ms_median", "ms", False, 0),
    ("charlm5000", "charlm V=5000 train", "train_tokens_per_sec", "tok/s", True, 0),
    ("charlm5000", "charlm V=5000 sample, batch 1", "sample_tokens_per_sec", "tok/s", True, 0),
    ("charlm100", "charlm V=100 train", "train_tokens_per_sec", "tok/s", True, 0),
    ("charlm100", "charlm V=100 sample, batch 1", "sample_tokens_per_sec", "tok/s", True, 0),
    ("melody", "melody train", "train_tokens_per_sec", "tok/s", True, 0),
    ("melody", "melody sample, batch 1", "sample_tokens_per_sec", "tok/s", True, 0),
]


def fmt(values, digits):
    if not values:
        return "-"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f}"
    return f"{med:.{digits}f} ({min(values):.{digits}f}..{max(values):.{digits}f})"


def ratio(ref, mine, higher_is_better):
    if not ref or not mine:
        return "-"
    r, m = statistics.median(ref), statistics.median(mine)
    value = m / r if higher_is_better else r / m
    flag = " **< 0.5**" if value < 0.5 else (" (< 1)" if value < 1 else "")
    return f"{value:.2f}×{flag}"


def main(path):
    runs = [json.loads(line) for line in open(path) if line.strip()]
    by = collections.defaultdict(list)
    for run in runs:
        by[(run["row"], run["side"])].append(run["data"])

    clocks = sorted({r["data"].get("clock", "wall") for r in runs if r["side"] == "belamy"})
    threads = sorted({r["data"].get("threads") for r in runs if "threads" in r["data"]})
    print(f"Timing clock: {', '.join(clocks)}; threads: {', '.join(map(str, threads))}; "
          f"{len({r['round'] for r in runs})} round(s); median (min..max) over runs.\n")
    print("| row | unit | reference (PyTorch; C anchor for sgemm) | Belamy | Belamy speed / reference speed |")
    print("|---|---|---|---|---|")
    for row, label, key, unit, higher, digits in METRICS:
        ref = [d[key] for d in by[(row, "reference")] if d.get(key) is not None]
        mine = [d[key] for d in by[(row, "belamy")] if d.get(key) is not None]
        if ref or mine:
            print(f"| {label} | {unit} | {fmt(ref, digits)} | {fmt(mine, digits)} | {ratio(ref, mine, higher)} |")
        if key == "sample_tokens_per_sec":
            # PyTorch's faster batch-1 path (oneDNN off), for a second comparison.
            off = [d["sample_nomkldnn_tokens_per_sec"] for d in by[(row, "reference")] if "sample_nomkldnn_tokens_per_sec" in d]
            if off and mine:
                print(f"| {label} (vs PyTorch oneDNN off) | {unit} | {fmt(off, digits)} | {fmt(mine, digits)} | {ratio(off, mine, True)} |")

    def sgemm(side):
        rates = collections.defaultdict(list)
        for d in by[("sgemm", side)]:
            for res in d["results"]:
                rates[(res["n"], res["threads"])].append(res["gflops_median"])
        return rates

    ref, mine = sgemm("reference"), sgemm("belamy")
    for n, threads in sorted(set(ref) | set(mine)):
        print(f"| sgemm n={n}, {threads} thread{'s' if threads > 1 else ''} | GFLOP/s | {fmt(ref[(n, threads)], 0)} | "
              f"{fmt(mine[(n, threads)], 0)} | {ratio(ref[(n, threads)], mine[(n, threads)], True)} |")

    # The other goals: conv layers against the sgemm rate, sampling against memory bandwidth.
    print()
    dcgan = by[("dcgan", "belamy")]
    peak = [r["gflops_median"] for d in by[("sgemm", "belamy")] for r in d["results"] if r["n"] == 1024 and r["threads"] == 2]
    if dcgan and peak:
        effective = statistics.median(d["train_step_gflop_approx"] / d["train_step_ms_median"] * 1e3 for d in dcgan)
        print(f"- DCGAN training step: about {effective:.0f} GFLOP/s effective (the reference's FLOP estimate), "
              f"{100 * effective / statistics.median(peak):.0f}% of Belamy's sgemm at n=1024, 2 threads "
              f"({statistics.median(peak):.0f} GFLOP/s; goal ≥ 60%).")
    for row in ("charlm5000", "charlm100", "melody"):
        mine = by[(row, "belamy")]
        if mine:
            # MB per µs is 1000 GB/s.
            rate = statistics.median(d["weights_mb_per_sampled_token"] / d["sample_us_per_token"] * 1e3 for d in mine)
            print(f"- {row} sampling: {statistics.median(d['sample_us_per_token'] for d in mine):.0f} µs/token, "
                  f"{rate:.1f} GB/s of weights streamed ({mine[0]['weights_mb_per_sampled_token']:.1f} MB/token).")
    loads = [r["load1"] for r in runs if "load1" in r]
    cores = [r["probe_before"]["avg_cores"] for r in runs if "probe_before" in r]
    if loads:
        print(f"- Host during the {len(runs)} runs: 1-minute load average median {statistics.median(loads):.1f} "
              f"(min {min(loads):.1f}, max {max(loads):.1f}); cores delivered to a 2-thread probe median "
              f"{statistics.median(cores):.2f} (min {min(cores):.2f}).")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/belamy-bench/results.jsonl")
