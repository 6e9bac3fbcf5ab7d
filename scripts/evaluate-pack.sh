#!/bin/bash
# The issue-30 measures of a tag predator pack, as JSON lines (200 held-out episodes from seed 1000,
# deterministic): roles and coordination against the lookahead prey in 100-step episodes, capture in
# 25 steps against the lookahead, shipped PPO, scripted and random prey, touches in 300-step rounds.
#   scripts/evaluate-pack.sh <pack.json> [episodes]
set -e
pack=$1; n=${2:-200}
common="--episodes $n --seed 1000 --deterministic"
npx arena analyze "$pack" --prey lookahead $common --max-cycles 100 --json | python3 -c "
import json,sys; r=json.load(sys.stdin); t=r['tag']; c=t['coordination']; d=r.get('diversity') or {}
print(json.dumps({'pack': '$pack', 'vs': 'lookahead-100', 'capture': t['captureRate'], 'miBits': round(t['specialisationBits'],3),
  'encircled': round(c['encirclement']['observed'],3), 'encircledShuffled': round(c['encirclement']['shuffled'],3),
  'divided': round(c['dividedWork']['observed'],3), 'dividedShuffled': round(c['dividedWork']['shuffled'],3),
  'gap': round(c['meanLargestGap']['observed']), 'gapShuffled': round(c['meanLargestGap']['shuffled']),
  'diversityTV': round(d.get('index',0),3), 'diversityLogits': round(d.get('logitIndex',0),3),
  'chaser': [round(p['roles']['chaser'],2) for p in t['predators']], 'cutter': [round(p['roles']['cutter'],2) for p in t['predators']]}))"
for prey in lookahead assets/policies/tag-prey.json scripted random; do
  npx arena eval --scenario tag --predators "$pack" --prey $prey $common --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(json.dumps({'pack': '$pack', 'vs': '$prey-25', 'capture': r['captureRate'], 'touches': r['touchesPerEpisode'], 'predatorReturn': round(r['teams'][0]['meanReturn'],2)}))"
done
npx arena eval --scenario tag --predators "$pack" --prey lookahead $common --max-cycles 300 --json | python3 -c "
import json,sys; r=json.load(sys.stdin)
print(json.dumps({'pack': '$pack', 'vs': 'lookahead-300', 'capture': r['captureRate'], 'touches': r['touchesPerEpisode'], 'predatorReturn': round(r['teams'][0]['meanReturn'],2)}))"
