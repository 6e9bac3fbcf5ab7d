#!/usr/bin/env python3
"""Run a Particle Arena checkpoint's policies with numpy only (see docs/checkpoint-format.md).

    python3 scripts/policy_forward.py CHECKPOINT.json INPUT.json

INPUT.json: {"agent": "agent_0", "observations": [[...obs...], ...]}
Prints JSON: {"policy": id, "logits": [[...]], "actions": [argmax, ...]}

A talking team (trained with --comm) acts together, since each agent hears its teammates' messages:
INPUT.json: {"team": {"agent_0": [[...obs...], ...], "agent_1": [...], ...}} (one row per step, every
agent of the team). Prints {"policy": id, "logits": {agent: [[...]]}, "actions": {agent: [...]},
"messages": {agent: [[...]]}}.

One step of a PettingZoo parallel env, any checkpoint (talking teams included):
INPUT.json: {"observations": {"agent_0": [...obs...], "adversary_0": [...], ...}} (the dict reset() or
step() returns). Prints {"logits": {agent: [...]}, "actions": {agent: argmax}} for every agent the
checkpoint drives.

As a library:
    ckpt = load_checkpoint(path)
    policy = policy_for(ckpt, "agent_0")
    logits = actor_logits(policy, "agent_0", np.array(observations, dtype=np.float32))
    logits, messages = team_logits(policy, {"agent_0": obs0, "agent_1": obs1, ...})
    actions = act(ckpt, observations)   # a PettingZoo parallel env's observation dict -> action dict
"""
import base64
import json
import sys

import numpy as np

FORMAT = "particle-arena/checkpoint"
VERSION = 1


def _f32(text, count):
    data = np.frombuffer(base64.b64decode(text), dtype="<f4")
    if data.size != count:
        raise ValueError(f"weights hold {data.size} float32 values, expected {count}")
    return data


def _layers(net):
    out = []
    for layer in net["layers"]:
        n_in, n_out = layer["inputs"], layer["outputs"]
        w = _f32(layer["w"], n_in * n_out).reshape(n_in, n_out)
        b = _f32(layer["b"], n_out)
        out.append((w, b))
    return out


def load_checkpoint(path):
    with open(path, "r", encoding="utf-8") as f:
        ckpt = json.load(f)
    if ckpt.get("format") != FORMAT or ckpt.get("version") != VERSION:
        raise ValueError(f"not a {FORMAT} version {VERSION} file")
    for p in ckpt["policies"]:
        p["_actor"] = _layers(p["actor"])
        p["_critic"] = _layers(p["critic"])
        diversity = p["actor"].get("diversity")
        if diversity:
            p["_agents"] = [_layers({"layers": layers}) for layers in diversity["agents"]]
        comm = p["actor"].get("comm")
        if comm:
            p["_encoder"] = _layers({"layers": comm["encoder"]})
    return ckpt


def policy_for(ckpt, agent):
    for p in ckpt["policies"]:
        if agent in p["agents"]:
            return p
    raise KeyError(f"no policy drives {agent}")


def sort_entities(obs, group):
    """List a group's entities nearest first (ties keep their order), moving their companion blocks along."""
    count, width, start = group["count"], group["width"], group["start"]
    rel = obs[:, start : start + count * width].reshape(-1, count, width).astype(np.float64)
    order = np.argsort(rel[:, :, 0] ** 2 + rel[:, :, 1] ** 2, axis=1, kind="stable")
    blocks = [(start, width)] + [(c["start"], c["width"]) for c in group["companions"]]
    for b_start, b_width in blocks:
        part = obs[:, b_start : b_start + count * b_width].reshape(-1, count, b_width)
        obs[:, b_start : b_start + count * b_width] = np.take_along_axis(part, order[:, :, None], axis=1).reshape(-1, count * b_width)


def hide_far(obs, group, radius):
    """The view limit (not PettingZoo): zero each entity farther than radius, with its companion blocks."""
    count, width, start = group["count"], group["width"], group["start"]
    rel = obs[:, start : start + count * width].reshape(-1, count, width).astype(np.float64)
    far = rel[:, :, 0] * rel[:, :, 0] + rel[:, :, 1] * rel[:, :, 1] > radius * radius
    blocks = [(start, width)] + [(c["start"], c["width"]) for c in group["companions"]]
    for b_start, b_width in blocks:
        part = obs[:, b_start : b_start + count * b_width].reshape(-1, count, b_width)
        part[far] = 0.0
        obs[:, b_start : b_start + count * b_width] = part.reshape(-1, count * b_width)


def actor_input(policy, agent, observations):
    """Rows of actor input: observation, sorted entities, the view limit, zeroed message ranges, one-hot id,
    normalisation."""
    obs = np.asarray(observations, dtype=np.float32).reshape(-1, policy["observation"]["dim"]).copy()
    for group in policy["observation"].get("sortGroups", []):
        sort_entities(obs, group)
    radius = policy["observation"].get("viewRadius")
    for group in policy["observation"].get("viewGroups", []) if radius else []:
        hide_far(obs, group, radius)
    for start, stop in policy["observation"]["zeroRanges"]:
        obs[:, start:stop] = 0.0
    id_dim = policy["observation"]["agentIdDim"]
    if id_dim:
        one_hot = np.zeros((obs.shape[0], id_dim), dtype=np.float32)
        one_hot[:, policy["agents"].index(agent)] = 1.0
        obs = np.concatenate([obs, one_hot], axis=1)
    norm = policy["observation"]["norm"]
    if norm:
        mean = np.asarray(norm["mean"], dtype=np.float64)
        var = np.asarray(norm["var"], dtype=np.float64)
        obs = np.clip((obs - mean) / np.sqrt(var + 1e-8), -10, 10).astype(np.float32)
    return obs


ACTIVATIONS = {"tanh": np.tanh, "relu": lambda h: np.maximum(h, 0)}


def mlp(layers, x, activation):
    h = x.astype(np.float32)
    for i, (w, b) in enumerate(layers):
        h = h @ w + b
        if i + 1 < len(layers):
            h = ACTIVATIONS[activation](h)
    return h


def actor_logits(policy, agent, observations):
    if policy["actor"].get("comm"):
        raise ValueError(f"policy {policy['id']} is a talking team: its agents act together (team_logits, or act)")
    x = actor_input(policy, agent, observations)
    activation = policy["actor"]["activation"]
    diversity = policy["actor"].get("diversity")
    if not diversity:
        return mlp(policy["_actor"], x, activation)
    # a diverse team: the shared part reads the observation alone; the agent's own part is added, scaled
    obs = x[:, : policy["observation"]["dim"]]
    j = policy["agents"].index(agent)
    own = mlp(policy["_agents"][j], obs, activation)
    return mlp(policy["_actor"], obs, activation) + np.float32(diversity["scale"]) * own


def team_logits(policy, observations):
    """A talking team's logits and messages for rows of every agent's observation at the same steps.

    observations: {agent: [steps, obs dim] or [obs dim]} for the agents of the policy that act (a teammate
    left out is driven by something else and sends nothing). Each agent's message is tanh(encoder(its
    input's observation part)); it reads its own input row followed by the mean of the other present
    agents' messages (zeros when alone). Returns ({agent: logits}, {agent: message}).
    """
    strangers = [a for a in observations if a not in policy["agents"]]
    if strangers:
        raise ValueError(f"policy {policy['id']} drives {', '.join(policy['agents'])}, not {', '.join(strangers)}")
    agents = [a for a in policy["agents"] if a in observations]
    if not agents:
        raise ValueError(f"policy {policy['id']} is a talking team: give observations of some of {', '.join(policy['agents'])}")
    activation = policy["actor"]["activation"]
    dim = policy["observation"]["dim"]
    rows = [actor_input(policy, a, observations[a]) for a in agents]
    steps = {r.shape[0] for r in rows}
    if len(steps) != 1:
        raise ValueError("every agent of a talking team needs the same number of observation rows")
    messages = [np.tanh(mlp(policy["_encoder"], x[:, :dim], activation)).astype(np.float32) for x in rows]
    total = np.sum(messages, axis=0, dtype=np.float32)
    logits, sent = {}, {}
    for j, a in enumerate(agents):
        heard = ((total - messages[j]) / np.float32(max(1, len(agents) - 1))).astype(np.float32)
        logits[a] = mlp(policy["_actor"], np.concatenate([rows[j], heard], axis=1), activation)
        sent[a] = messages[j]
    return logits, sent


def step_logits(ckpt, observations):
    """Logits for one step of a PettingZoo parallel env: {agent: logits} for the agents the checkpoint
    drives among those in the observation dict (a talking team's absent agents send nothing)."""
    out = {}
    for policy in ckpt["policies"]:
        present = [a for a in policy["agents"] if a in observations]
        if not present:
            continue
        if policy["actor"].get("comm"):
            logits, _ = team_logits(policy, {a: observations[a] for a in present})
            for a in present:
                out[a] = logits[a][0]
        else:
            for a in present:
                out[a] = actor_logits(policy, a, observations[a])[0]
    return out


def act(ckpt, observations):
    """Most likely actions for a PettingZoo parallel env's observation dict (agents the checkpoint drives)."""
    return {a: int(l.argmax()) for a, l in step_logits(ckpt, observations).items()}


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    ckpt = load_checkpoint(argv[1])
    with open(argv[2], "r", encoding="utf-8") as f:
        request = json.load(f)
    if isinstance(request.get("observations"), dict):
        logits = step_logits(ckpt, request["observations"])
        print(json.dumps({"logits": {a: v.tolist() for a, v in logits.items()}, "actions": {a: int(v.argmax()) for a, v in logits.items()}}))
        return 0
    if "team" in request:
        policy = policy_for(ckpt, next(iter(request["team"])))
        logits, messages = team_logits(policy, request["team"])
        print(
            json.dumps(
                {
                    "policy": policy["id"],
                    "logits": {a: v.tolist() for a, v in logits.items()},
                    "actions": {a: v.argmax(axis=1).tolist() for a, v in logits.items()},
                    "messages": {a: v.tolist() for a, v in messages.items()},
                }
            )
        )
        return 0
    policy = policy_for(ckpt, request["agent"])
    logits = actor_logits(policy, request["agent"], request["observations"])
    print(json.dumps({"policy": policy["id"], "logits": logits.tolist(), "actions": logits.argmax(axis=1).tolist()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
