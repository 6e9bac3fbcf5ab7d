"""Replay recorded PettingZoo episodes through scripts/arena_env.py and compare every step.

Usage: python3 replay_with_arena_env.py <trajectory.json> ... ; prints one JSON summary line: the largest
observation and reward differences, whether every flag and agent list matched, and steps per second.
"""

import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from arena_env import parallel_env  # noqa: E402

summary = {"files": 0, "steps": 0, "max_obs_error": 0.0, "max_reward_error": 0.0, "flags_match": True, "seconds": 0.0}
for path in sys.argv[1:]:
    with open(path) as f:
        traj = json.load(f)
    env = parallel_env(traj["env"], **traj["env_kwargs"])
    started = time.perf_counter()
    obs, _ = env.reset(seed=traj["reset_seed"])
    names = traj["initial"]["agents"]
    for i, a in enumerate(names):
        summary["max_obs_error"] = max(summary["max_obs_error"], float(np.max(np.abs(obs[a] - np.asarray(traj["initial"]["obs"][i], dtype=np.float32)))))
    for step in traj["steps"]:
        live = list(env.agents)
        obs, rewards, terminations, truncations, _ = env.step({a: step["actions"][i] for i, a in enumerate(live)})
        for i, a in enumerate(live):
            summary["max_obs_error"] = max(summary["max_obs_error"], float(np.max(np.abs(obs[a] - np.asarray(step["obs"][i], dtype=np.float32)))))
            summary["max_reward_error"] = max(summary["max_reward_error"], abs(rewards[a] - step["rewards"][i]))
            if terminations[a] != step["terminations"][i] or truncations[a] != step["truncations"][i]:
                summary["flags_match"] = False
        if list(env.agents) != step["agents_after"]:
            summary["flags_match"] = False
        summary["steps"] += 1
    summary["seconds"] += time.perf_counter() - started
    summary["files"] += 1
    env.close()

# a bad action is refused with the arena's message and changes nothing
env = parallel_env("simple_spread_v3", N=2)
env.reset(seed=3)
try:
    env.step({"agent_0": 9, "agent_1": 0})
    summary["bad_action"] = None
except ValueError as err:
    summary["bad_action"] = str(err)
after, *_ = env.step({"agent_0": 0, "agent_1": 0})
summary["goes_on"] = bool(np.all(np.isfinite(after["agent_0"])))
summary["spaces"] = [repr(env.observation_space("agent_0")), repr(env.action_space("agent_0"))]
# numpy values anywhere are sent as numbers; a NaN action is named before it leaves Python
env.reset(seed=np.int64(3))
env.step({"agent_0": np.int64(1), "agent_1": np.array(2)})
try:
    env.step({"agent_0": 0, "agent_1": float("nan")})
    summary["nan_action"] = None
except ValueError as err:
    summary["nan_action"] = str(err)
summary["state_size"] = int(env.state().shape[0])
env.close()
env.close()  # twice is fine
try:
    parallel_env("simple_spread_v3", render_mode="human")
    summary["render_mode"] = None
except ValueError as err:
    summary["render_mode"] = str(err)
summary["steps_per_second"] = summary["steps"] / summary["seconds"] if summary["seconds"] else 0
print(json.dumps(summary))
