"""Particle Arena's env from Python, shaped like PettingZoo's parallel API (no pettingzoo import needed).

    from arena_env import parallel_env
    env = parallel_env("simple_tag_v3", max_cycles=25)
    observations, infos = env.reset(seed=42)
    while env.agents:
        actions = {agent: env.action_space(agent).sample() for agent in env.agents}
        observations, rewards, terminations, truncations, infos = env.step(actions)
    env.close()

It drives `arena serve-env` (Node) over stdin/stdout, one JSON object per line. Observations come back as
float32 arrays and rewards as floats, equal to PettingZoo's MPE step for step (the arena's parity check).
A bad action raises ValueError with the arena's message (the field, the value, what is allowed) and
leaves the env as it was. Needs numpy and Node.js; run from anywhere (the arena's path is found from
this file, or ARENA_ROOT).
"""

import json
import os
import subprocess

import numpy as np

ROOT = os.environ.get("ARENA_ROOT", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Discrete:
    """gymnasium.spaces.Discrete's fields, and sample()."""

    def __init__(self, n, start=0, seed=None):
        self.n, self.start = int(n), int(start)
        self.shape, self.dtype = (), np.int64
        self._rng = np.random.default_rng(seed)

    def sample(self):
        return int(self.start + self._rng.integers(self.n))

    def seed(self, seed=None):
        self._rng = np.random.default_rng(seed)

    def contains(self, x):
        return isinstance(x, (int, np.integer)) and self.start <= int(x) < self.start + self.n

    def __repr__(self):
        return f"Discrete({self.n})"


class Box:
    """gymnasium.spaces.Box's fields (low, high, shape, dtype), and sample() within finite bounds."""

    def __init__(self, low, high, shape, dtype="float32", seed=None):
        self.shape, self.dtype = tuple(shape), np.dtype(dtype)
        self.low = np.full(self.shape, float(low), dtype=self.dtype)
        self.high = np.full(self.shape, float(high), dtype=self.dtype)
        self._rng = np.random.default_rng(seed)

    def sample(self):
        low = np.where(np.isfinite(self.low), self.low, -1.0)
        high = np.where(np.isfinite(self.high), self.high, 1.0)
        return self._rng.uniform(low, high).astype(self.dtype)

    def seed(self, seed=None):
        self._rng = np.random.default_rng(seed)

    def __repr__(self):
        return f"Box({self.low.flat[0]}, {self.high.flat[0]}, {self.shape}, {self.dtype})"


def _space(j):
    if j["type"] == "Discrete":
        return Discrete(j["n"], j.get("start", 0))
    return Box(float(j["low"]), float(j["high"]), j["shape"], j["dtype"])


def _plain(value):
    """An action as JSON takes it: numpy scalars and arrays to Python numbers and lists."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


class ArenaParallelEnv:
    """A PettingZoo-shaped ParallelEnv (reset, step, agents, spaces, close) backed by the arena's env."""

    def __init__(self, env_name, **kwargs):
        command = ["node", os.path.join(ROOT, "bin", "arena.js"), "serve-env"]
        self._proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1, cwd=ROOT)
        made = self._call({"cmd": "make", "env": env_name, "kwargs": kwargs})
        self.metadata = made["metadata"]
        self.possible_agents = list(made["possible_agents"])
        self.max_num_agents = len(self.possible_agents)
        self.max_cycles = made["max_cycles"]
        self.observation_spaces = {a: _space(s) for a, s in made["observation_spaces"].items()}
        self.action_spaces = {a: _space(s) for a, s in made["action_spaces"].items()}
        self.agents = []

    def _call(self, request):
        if self._proc is None:
            raise RuntimeError("the env is closed")
        self._proc.stdin.write(json.dumps(request) + "\n")
        line = self._proc.stdout.readline()
        if not line:
            raise RuntimeError(f"arena serve-env stopped (exit code {self._proc.poll()})")
        reply = json.loads(line)
        if not reply.get("ok"):
            raise ValueError(reply.get("error"))
        return reply

    def observation_space(self, agent):
        return self.observation_spaces[agent]

    def action_space(self, agent):
        return self.action_spaces[agent]

    @property
    def num_agents(self):
        return len(self.agents)

    def reset(self, seed=None, options=None):
        reply = self._call({"cmd": "reset", "seed": seed, "options": options})
        self.agents = list(reply["agents"])
        return self._observations(reply), reply["infos"]

    def step(self, actions):
        reply = self._call({"cmd": "step", "actions": {a: _plain(v) for a, v in actions.items()}})
        self.agents = list(reply["agents"])
        return self._observations(reply), reply["rewards"], reply["terminations"], reply["truncations"], reply["infos"]

    @staticmethod
    def _observations(reply):
        return {a: np.asarray(o, dtype=np.float32) for a, o in reply["observations"].items()}

    def close(self):
        if self._proc is not None:
            try:
                self._call({"cmd": "close"})
            finally:
                self._proc.stdin.close()
                self._proc.wait(timeout=10)
                self._proc = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def parallel_env(env_name, **kwargs):
    """`simple_tag_v3.parallel_env(**kwargs)` spelled `parallel_env("simple_tag_v3", **kwargs)`."""
    return ArenaParallelEnv(env_name, **kwargs)
