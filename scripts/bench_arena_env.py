"""Steps per second of scripts/arena_env.py (the arena env from Python over arena serve-env), random actions.

Usage: python3 scripts/bench_arena_env.py ; prints one JSON line per env."""

import json
import sys
import time

sys.path.insert(0, __import__('os').path.dirname(__import__('os').path.abspath(__file__)))
from arena_env import parallel_env
for name, kw in [("simple_spread_v3", {"N": 3}), ("simple_tag_v3", {})]:
    env = parallel_env(name, **kw)
    steps = 0
    started = time.perf_counter()
    env.reset(seed=0)
    while steps < 5000:
        if not env.agents:
            env.reset()
        env.step({a: env.action_space(a).sample() for a in env.agents})
        steps += 1
    print(json.dumps({"env": name, "steps": steps, "steps_per_second": round(steps / (time.perf_counter() - started))}))
    env.close()
