#!/bin/bash
# The scaling study of docs/experiments.md: spread N = 3, 5, 10 x independent, shared, MAPPO, seeds 1-3, each
# trained for the same number of env steps with the default settings (no warm start), then evaluated on 200
# held-out episodes (seed 100000, deterministic). Appends one JSON line per run to <out>/results.jsonl and
# draws the curves per N with `arena plot --band`.
#
#     scripts/scaling-study.sh [steps=500000] [out=runs/scale]
set -euo pipefail
steps=${1:-500000}
out=${2:-runs/scale}
arena="node $(dirname "$0")/../bin/arena.js"
mkdir -p "$out"
for n in 3 5 10; do
  for algo in independent shared mappo; do
    for seed in 1 2 3; do
      run="$out/n$n-$algo-s$seed"
      if [ -f "$run/final.json" ]; then continue; fi
      start=$(date +%s)
      $arena train --scenario spread --n "$n" --algo "$algo" --steps "$steps" --seed "$seed" --out "$run" --quiet > /dev/null
      wall=$(($(date +%s) - start))
      eval=$($arena eval "$run/final.json" --episodes 200 --seed 100000 --deterministic --json)
      echo "{\"n\":$n,\"algo\":\"$algo\",\"seed\":$seed,\"steps\":$steps,\"wall\":$wall,\"eval\":$eval}" >> "$out/results.jsonl"
    done
  done
  $arena plot "$out"/n$n-independent-s{1,2,3} "$out"/n$n-shared-s{1,2,3} "$out"/n$n-mappo-s{1,2,3} --band --out "$out/spread-n$n.png"
done
