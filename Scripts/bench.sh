#!/usr/bin/env bash
# Belamy against PyTorch, side by side: runs each reference script of shared/bench/reference and
# the matching `belamy bench` workload ROUNDS times, interleaved (a noisy spell on the shared host
# then hits one round of both sides rather than every run of one side), collects each run's JSON
# line in $OUT/results.jsonl, and prints a Markdown table of medians and Belamy/PyTorch ratios.
#
#   Scripts/bench.sh                                   # 3 rounds, every row
#   ROUNDS=2 ROWS="charlm5000 melody" Scripts/bench.sh # rerun some rows (appends to the results)
#   python3 Scripts/bench_summary.py /tmp/belamy-bench/results.jsonl   # the table again
#
# Both sides run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, as on a user's machine.
# Variables: PY (the venv's python with torch), REF (the reference scripts), BELAMY (the binary;
# built in release if missing), OUT, ROUNDS, THREADS, ROWS (dcgan charlm5000 charlm100 melody sgemm),
# COOLDOWN (idle seconds before each run), FRESH=1 (start a new results file), CLOCK=cpu (time
# both sides with the process's CPU clock, for a busy host; use with THREADS=1; the sgemm row,
# whose C anchor has no such clock, is skipped).
set -u
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PY:-/tmp/venv/bin/python}"
# shared/ sits beside the repository (CI, the main checkout) or beside the worktrees' folder.
REF="${REF:-$ROOT/../shared/bench/reference}"
[[ -d "$REF" ]] || REF="$ROOT/../../shared/bench/reference"
BELAMY="${BELAMY:-$ROOT/.build/release/belamy}"
CLOCK="${CLOCK:-wall}"
OUT="${OUT:-/tmp/belamy-bench$([[ "$CLOCK" == cpu ]] && echo -cpu)}"
ROUNDS="${ROUNDS:-3}"
THREADS="${THREADS:-2}"
ROWS="${ROWS:-dcgan charlm5000 charlm100 melody sgemm}"
COOLDOWN="${COOLDOWN:-3}"
mkdir -p "$OUT"
RES="$OUT/results.jsonl"
LOG="$OUT/log.txt"
[[ "${FRESH:-0}" == 1 ]] && rm -f "$RES"

if [[ ! -x "$BELAMY" ]]; then
  (cd "$ROOT" && swift build -c release --product belamy) || { echo "release build of belamy failed"; exit 1; }
fi
[[ -f "$REF/dcgan_ref.py" ]] || { echo "no reference scripts in $REF (set REF)"; exit 1; }
CSGEMM="$OUT/sgemm_peak"
gcc -O2 -o "$CSGEMM" "$REF/sgemm_peak.c" -I/usr/include/x86_64-linux-gnu \
    -L/usr/lib/x86_64-linux-gnu/openblas-pthread -lopenblas -lm || { echo "build of sgemm_peak.c failed"; exit 1; }
PROBE="$OUT/cpu_probe"
gcc -O1 -pthread -o "$PROBE" "$REF/cpu_probe.c" || { echo "build of cpu_probe.c failed"; exit 1; }

run() { # row, side (reference|belamy), command...
  local row="$1" side="$2"; shift 2
  sleep "$COOLDOWN"
  local load probe line t0=$SECONDS
  load="$(cut -d' ' -f1 /proc/loadavg)"
  probe="$("$PROBE" 2 2)"   # how many of the 2 cores the host gives us right now
  echo "=== $(date +%T) round $r: $row $side   load $load   probe: $probe" | tee -a "$LOG" >&2
  line="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@" 2>>"$LOG" | tee -a "$LOG" | tail -n 1)"
  if [[ "$line" == \{* ]]; then
    echo "{\"row\":\"$row\",\"side\":\"$side\",\"round\":$r,\"wall_s\":$((SECONDS - t0)),\"load1\":$load,\"probe_before\":$probe,\"data\":$line}" >>"$RES"
  else
    echo "  (no JSON line from $row $side; see $LOG)" | tee -a "$LOG" >&2
  fi
}

pair() { # row: run the reference side (PyTorch, or the C anchor for sgemm) and the Belamy side, alternating which goes first
  local row="$1" torch belamy
  local PY=("$PY") CPU=()
  if [[ "$CLOCK" == cpu ]]; then
    [[ "$row" == sgemm ]] && return
    PY=("$PY" "$ROOT/Scripts/bench_cpu_clock.py") CPU=(--cpu-time)
  fi
  case "$row" in
    dcgan)      torch=("${PY[@]}" "$REF/dcgan_ref.py" --threads "$THREADS"); belamy=("$BELAMY" bench dcgan --threads "$THREADS" "${CPU[@]}") ;;
    charlm5000) torch=("${PY[@]}" "$REF/charlm_ref.py" --vocab 5000 --threads "$THREADS"); belamy=("$BELAMY" bench charlm --vocab 5000 --threads "$THREADS" "${CPU[@]}") ;;
    charlm100)  torch=("${PY[@]}" "$REF/charlm_ref.py" --vocab 100 --threads "$THREADS"); belamy=("$BELAMY" bench charlm --vocab 100 --threads "$THREADS" "${CPU[@]}") ;;
    melody)     torch=("${PY[@]}" "$REF/melody_ref.py" --threads "$THREADS"); belamy=("$BELAMY" bench melody --threads "$THREADS" "${CPU[@]}") ;;
    sgemm)      torch=("$CSGEMM" --no-battery);                           belamy=("$BELAMY" bench sgemm) ;;
    *) echo "unknown row '$row'" >&2; return ;;
  esac
  if (( r % 2 )); then
    run "$row" reference "${torch[@]}"; run "$row" belamy "${belamy[@]}"
  else
    run "$row" belamy "${belamy[@]}"; run "$row" reference "${torch[@]}"
  fi
}

for r in $(seq 1 "$ROUNDS"); do
  for row in $ROWS; do pair "$row"; done
done
echo "results: $RES" >&2
python3 "$ROOT/Scripts/bench_summary.py" "$RES"
