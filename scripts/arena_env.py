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
leaves the env as it was. Infos carry the arena's contact counts (`touches`, `touched_by`) where
PettingZoo's are empty. Needs numpy and Node.js; run from anywhere (the arena's path is found from this
file, or ARENA_ROOT). `render_mode` may be None only: clips are `arena clip`'s.
"""

import itertools
import json
import math
import os
import subprocess

import numpy as np

ROOT = os.environ.get("ARENA_ROOT", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Discrete:
    """gymnasium.spaces.Discrete's fields, and sample()."""

    def __init__(self, n, start=0, seed=None):
        self.n, self.start = int(n), int(start)
        self.shape, self.dtype = (), np.dtype(np.int64)
        self._rng = np.random.default_rng(seed)

    def sample(self):
        return int(self.start + self._rng.integers(self.n))

    def seed(self, seed=None):
        self._rng = np.random.default_rng(seed)
        return [seed]

    def contains(self, x):
        return isinstance(x, (int, np.integer)) and self.start <= int(x) < self.start + self.n

    def __repr__(self):
        return f"Discrete({self.n})" if self.start == 0 else f"Discrete({self.n}, start={self.start})"


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
        return [seed]

    def contains(self, x):
        x = np.asarray(x)
        return x.shape == self.shape and bool(np.all(x >= self.low) and np.all(x <= self.high))

    def __repr__(self):
        return f"Box({self.low.flat[0]}, {self.high.flat[0]}, {self.shape}, {self.dtype})"


def _space(j):
    if j["type"] == "Discrete":
        return Discrete(j["n"], j.get("start", 0))
    return Box(float(j["low"]), float(j["high"]), j["shape"], j["dtype"])


def _numpy_to_json(value):
    """json.dumps' fallback: numpy scalars and arrays (at any depth) as Python numbers and lists."""
    if isinstance(value, (np.ndarray, np.generic)):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def _number(value):
    """The server writes a non-finite number as a string ("NaN", "Infinity"): back to a float."""
    return float(value) if isinstance(value, str) else value


class ArenaParallelEnv:
    """A PettingZoo-shaped ParallelEnv (reset, step, agents, spaces, close) backed by the arena's env."""

    def __init__(self, env_name, render_mode=None, **kwargs):
        if render_mode is not None:
            raise ValueError(f"render_mode: got {render_mode!r}; allowed: None (make clips with arena clip)")
        self.render_mode = None
        self._ids = itertools.count(1)
        command = ["node", os.path.join(ROOT, "bin", "arena.js"), "serve-env"]
        self._proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1, cwd=ROOT)
        try:
            made = self._call({"cmd": "make", "env": env_name, "kwargs": kwargs})
        except BaseException:
            self.close()
            raise
        self.metadata = made["metadata"]
        self.possible_agents = list(made["possible_agents"])
        self.max_num_agents = len(self.possible_agents)
        self.max_cycles = made["max_cycles"]
        self.observation_spaces = {a: _space(s) for a, s in made["observation_spaces"].items()}
        self.action_spaces = {a: _space(s) for a, s in made["action_spaces"].items()}
        self.state_space = Box(-math.inf, math.inf, (made["state_size"],))
        self.agents = list(self.possible_agents)

    def _call(self, request):
        if self._proc is None:
            raise RuntimeError("the env is closed")
        request = {**request, "id": next(self._ids)}
        try:
            text = json.dumps(request, default=_numpy_to_json, allow_nan=False)
        except (TypeError, ValueError) as err:
            raise ValueError(f"{request['cmd']}: got a value JSON cannot carry ({err}); allowed: finite numbers, lists and dicts") from None
        try:
            self._proc.stdin.write(text + "\n")
            line = self._proc.stdout.readline()
            if not line:
                raise RuntimeError("arena serve-env stopped")
            reply = json.loads(line)
            if reply.get("id") != request["id"]:
                raise RuntimeError(f"arena serve-env answered request {reply.get('id')} to request {request['id']}")
        except BaseException as err:
            # interrupted between a request and its reply (Ctrl-C, a dead server): the next reply would be this
            # one's, so the server goes and the env is closed
            self._kill()
            if isinstance(err, (OSError, ValueError)):
                raise RuntimeError(f"arena serve-env failed: {err}") from err
            raise
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

    @property
    def unwrapped(self):
        return self

    def state(self):
        """The global state: every agent's observation, concatenated (PettingZoo's MPE state())."""
        return np.asarray(self._call({"cmd": "state"})["state"], dtype=np.float32)

    def reset(self, seed=None, options=None):
        reply = self._call({"cmd": "reset", "seed": seed, "options": options})
        self.agents = list(reply["agents"])
        return self._observations(reply), reply["infos"]

    def step(self, actions):
        reply = self._call({"cmd": "step", "actions": dict(actions)})
        self.agents = list(reply["agents"])
        rewards = {a: _number(r) for a, r in reply["rewards"].items()}
        return self._observations(reply), rewards, reply["terminations"], reply["truncations"], reply["infos"]

    @staticmethod
    def _observations(reply):
        # numpy reads the strings "NaN" and "Infinity" the server writes for non-finite numbers
        return {a: np.asarray(o, dtype=np.float32) for a, o in reply["observations"].items()}

    def _kill(self):
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def close(self):
        """Stop the server; closing twice, or after it died, is fine."""
        if self._proc is None:
            return
        try:
            self._call({"cmd": "close"})
        except (RuntimeError, ValueError):
            pass
        self._kill()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def parallel_env(env_name, **kwargs):
    """`simple_tag_v3.parallel_env(**kwargs)` spelled `parallel_env("simple_tag_v3", **kwargs)`."""
    return ArenaParallelEnv(env_name, **kwargs)
