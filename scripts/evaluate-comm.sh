#!/bin/bash
# The issue-31 measures of a spread or tag-predator checkpoint, talking or silent, as JSON lines (held-out
# episodes from seed 1000, deterministic, PettingZoo's reward): return and the scenario's measures at 25
# and 300 steps; tag against the lookahead prey (and scripted, random), with encirclement from 100-step
# episodes; a talking team also with every message zeroed (--zero-messages). Episode lengths are given
# explicitly: a checkpoint otherwise plays the length it was trained on.
#   scripts/evaluate-comm.sh <checkpoint.json> [episodes]
set -e
file=$1; n=${2:-200}
common="--episodes $n --seed 1000 --deterministic --json"
scenario=$(python3 -c "import json; print(json.load(open('$file'))['scenario']['id'])")
talks=$(python3 -c "import json; print(any('comm' in p['actor'] for p in json.load(open('$file'))['policies']))")
modes=("")
[ "$talks" = "True" ] && modes+=("--zero-messages")
line() { # label, then the eval JSON on stdin
  python3 -c "
import json,sys; r=json.load(sys.stdin); t=r['teams'][0]
out={'file': '$file', 'run': '$1', 'return': round(t['meanReturn'],3)}
for k in ('coverage','collisionsPerEpisode','captureRate','touchesPerEpisode'):
    if k in r: out[k]=round(r[k],4)
print(json.dumps(out))"
}
for zero in "${modes[@]}"; do
  tagz=${zero:+-zeroed}
  if [ "$scenario" = "simple_spread" ]; then
    npx arena eval "$file" $common $zero --max-cycles 25 | line "25$tagz"
    npx arena eval "$file" $common $zero --max-cycles 300 | line "300$tagz"
  else
    for prey in lookahead scripted random; do npx arena eval "$file" --prey $prey $common $zero --max-cycles 25 | line "$prey-25$tagz"; done
    npx arena eval "$file" --prey lookahead $common $zero --max-cycles 300 | line "lookahead-300$tagz"
    npx arena analyze "$file" --prey lookahead $common $zero --max-cycles 100 | python3 -c "
import json,sys; r=json.load(sys.stdin); c=r['tag']['coordination']
print(json.dumps({'file': '$file', 'run': 'lookahead-100$tagz', 'capture': r['tag']['captureRate'], 'encircled': round(c['encirclement']['observed'],3), 'encircledShuffled': round(c['encirclement']['shuffled'],3)}))"
  fi
done
