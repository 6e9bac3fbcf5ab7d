#!/usr/bin/env python3
"""Write a Particle Arena checkpoint from weights trained in Python (numpy only; see docs/checkpoint-format.md).

A policy trained elsewhere (CleanRL, RLlib, JaxMARL, your own PyTorch on PettingZoo's MPE or MPE2, whose
dynamics match the arena's) plays in the game and in `arena eval` once its weights are in this format.
The network must be an MLP with two hidden layers of the same width (tanh or relu) over the PettingZoo
observation, with one logit per discrete action.

From a PyTorch state_dict saved as .npz (keys like "actor.0.weight", PyTorch's [out, in] layout):

    # in your training script
    np.savez("weights.npz", **{k: v.detach().cpu().numpy() for k, v in agent.state_dict().items()})

    python3 scripts/write_checkpoint.py weights.npz --scenario simple_spread --option N=3 \\
        --agents agent_0,agent_1,agent_2 --activation tanh --out my-spread.json

As a library:
    from write_checkpoint import layers_from_state_dict, policy_entry, write_checkpoint
    actor = layers_from_state_dict(state_dict, "actor.")          # [(W[in, out], b), ...]
    write_checkpoint("p.json", "simple_tag", {}, [policy_entry(["adversary_0", ...], actor, activation="tanh")])

Arrays may be numpy arrays or anything with .detach().cpu().numpy() (PyTorch tensors) or __array__.
"""
import argparse
import base64
import datetime
import json
import os
import re
import sys
import tempfile

import numpy as np

FORMAT = "particle-arena/checkpoint"
VERSION = 1
# PettingZoo environment names (the version suffix of each scenario module)
ENV_NAMES = {
    "simple_spread": "simple_spread_v3",
    "simple_tag": "simple_tag_v3",
    "simple_speaker_listener": "simple_speaker_listener_v4",
    "simple_reference": "simple_reference_v3",
}
ACTIVATIONS = ("tanh", "relu")


def as_array(value):
    """A float32 numpy array from a numpy array, a PyTorch tensor or a nested list."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.asarray(value, dtype=np.float32)


def _b64(array):
    return base64.b64encode(np.ascontiguousarray(array, dtype="<f4").tobytes()).decode("ascii")


def layers_from_state_dict(state_dict, prefix):
    """The dense layers under `prefix` ("actor." takes actor.0.weight, actor.2.weight, ...), in index order,
    as (W [inputs, outputs], b) pairs: PyTorch's Linear stores W as [outputs, inputs], so it is transposed."""
    pattern = re.compile(r"^" + re.escape(prefix) + r"(?:(\d+)\.)?(?:linear\.|layer\.)?weight$")
    found = []
    for key in state_dict:
        m = pattern.match(key)
        if m:
            found.append((int(m.group(1) or 0), key))
    if not found:
        keys = ", ".join(sorted(state_dict)[:12])
        raise ValueError(f"state_dict: no '{prefix}<i>.weight' keys; found: {keys}")
    layers = []
    for _, key in sorted(found):
        w = as_array(state_dict[key])
        bias_key = key[: -len("weight")] + "bias"
        if bias_key not in state_dict:
            raise ValueError(f"state_dict: {key} has no {bias_key}")
        b = as_array(state_dict[bias_key])
        if w.ndim != 2 or b.shape != (w.shape[0],):
            raise ValueError(f"state_dict: {key} has shape {w.shape} and its bias {b.shape}; expected [out, in] and [out]")
        layers.append((w.T.copy(), b))
    return layers


def _network(layers, activation, what, depth=3):
    if activation not in ACTIVATIONS:
        raise ValueError(f"{what}.activation: got {activation!r}; allowed: {', '.join(ACTIVATIONS)}")
    if len(layers) != depth:
        shape = "two hidden layers and the output" if depth == 3 else "one hidden layer and the output"
        raise ValueError(f"{what}: got {len(layers)} dense layers; allowed: {depth} ({shape})")
    out = []
    for i, (w, b) in enumerate(layers):
        w, b = as_array(w), as_array(b)
        if w.ndim != 2 or b.shape != (w.shape[1],):
            raise ValueError(f"{what}.layers[{i}]: W {w.shape}, b {b.shape}; expected W [inputs, outputs] and b [outputs]")
        if i and w.shape[0] != out[-1]["outputs"]:
            raise ValueError(f"{what}.layers[{i}]: takes {w.shape[0]} inputs; the layer before gives {out[-1]['outputs']}")
        if not np.all(np.isfinite(w)) or not np.all(np.isfinite(b)):
            raise ValueError(f"{what}.layers[{i}]: weights must be finite numbers")
        out.append({"inputs": int(w.shape[0]), "outputs": int(w.shape[1]), "w": _b64(w), "b": _b64(b)})
    if depth == 3 and out[0]["outputs"] != out[1]["outputs"]:
        raise ValueError(f"{what}: hidden layers of {out[0]['outputs']} and {out[1]['outputs']} units; both must be the same width")
    return {"activation": activation, "layers": out}


def role_of(scenario, agent):
    """The arena's role for a PettingZoo agent name (simple_tag's "agent_k" are the prey: role "good")."""
    base = re.sub(r"_\d+$", "", agent)
    return "good" if scenario == "simple_tag" and base == "agent" else base


def policy_entry(agents, actor, critic=None, activation="tanh", agent_id=False, norm=None, role=None, scenario=None, policy_id=None,
                 agent_parts=None, diversity_scale=1.0, diversity_target=None, encoder=None, encoder_learned=True):
    """One policy: the agents it drives (also the one-hot order when agent_id), its actor layers
    [(W [in, out], b)] and, optionally, a critic over the same input (zeros when absent: only training needs
    it). norm: {"mean": [...], "var": [...]} applied to the input rows, or None.
    agent_parts: a diverse team (as `arena train --diversity`): one network per agent, shaped like the
    shared `actor`, which then reads the observation alone; logits = actor(obs) + diversity_scale *
    agent_parts[j](obs). The input rows still end with the one-hot id (it picks the part).
    encoder: a talking team (as `arena train --comm M`): the message encoder's layers [obs dim -> hidden -> M];
    each agent's message is tanh(encoder(obs)) and the actor reads the agent's input row followed by the mean
    of its teammates' messages, so its first layer takes M more inputs. encoder_learned: False when the
    encoder was never trained (kept in the file for what analyses report)."""
    agents = list(agents)
    if not agents:
        raise ValueError("agents: got an empty list; allowed: the PettingZoo agent names the policy drives")
    role = role or role_of(scenario or "", agents[0])
    actor_json = _network(actor, activation, "actor")
    diversity = None
    if agent_parts is not None:
        if len(agent_parts) != len(agents) or len(agents) < 2:
            raise ValueError(f"agent_parts: got {len(agent_parts)} networks; allowed: one per agent ({len(agents)}, at least 2)")
        parts = [_network(layers, activation, f"agent_parts[{j}]")["layers"] for j, layers in enumerate(agent_parts)]
        if any([(l["inputs"], l["outputs"]) for l in part] != [(l["inputs"], l["outputs"]) for l in actor_json["layers"]] for part in parts):
            raise ValueError("agent_parts: each network needs the shared actor's layer sizes")
        scale = float(diversity_scale)
        if not np.isfinite(scale):
            raise ValueError(f"diversity_scale: got {diversity_scale!r}; allowed: a finite number")
        if norm is not None:
            raise ValueError("norm: got statistics; allowed: None for a diverse team (each agent's part is picked by its raw one-hot id)")
        target = float(0.3 if diversity_target is None else diversity_target)
        if not 0 < target < 1:
            raise ValueError(f"diversity_target: got {diversity_target!r}; allowed: a number in (0, 1), the total variation set-point")
        diversity = {"target": target, "scale": scale, "agents": parts}
        agent_id = True
    comm = None
    if encoder is not None:
        if diversity:
            raise ValueError("encoder: a team is either diverse (agent_parts) or talking (encoder), not both")
        if len(agents) < 2:
            raise ValueError(f"encoder: got a team of {len(agents)}; allowed: 2 or more agents (a channel needs someone to hear it)")
        enc = _network(encoder, activation, "encoder", depth=2)["layers"]
        if enc[0]["outputs"] != actor_json["layers"][0]["outputs"]:
            raise ValueError(f"encoder: a hidden layer of {enc[0]['outputs']} units; allowed: the actor's width {actor_json['layers'][0]['outputs']}")
        comm = {"messageDim": enc[-1]["outputs"], "learned": bool(encoder_learned), "encoder": enc}
    id_dim = len(agents) if agent_id else 0
    in_dim = actor_json["layers"][0]["inputs"] + (id_dim if diversity else 0) - (comm["messageDim"] if comm else 0)
    obs_dim = in_dim - id_dim
    if comm and comm["encoder"][0]["inputs"] != obs_dim:
        raise ValueError(f"encoder: reads {comm['encoder'][0]['inputs']} inputs; allowed: the observation size {obs_dim}")
    if diversity:
        actor_json["diversity"] = diversity
    if comm:
        actor_json["comm"] = comm
    hidden = actor_json["layers"][0]["outputs"]
    if critic is None:
        critic = [(np.zeros((in_dim, hidden)), np.zeros(hidden)), (np.zeros((hidden, hidden)), np.zeros(hidden)), (np.zeros((hidden, 1)), np.zeros(1))]
    critic_json = _network(critic, activation, "critic")
    if critic_json["layers"][0]["inputs"] != in_dim:
        raise ValueError(f"critic: takes {critic_json['layers'][0]['inputs']} inputs; the actor takes {in_dim} (a local critic reads the actor's input)")
    if norm is not None:
        norm = {"mean": [float(v) for v in as_array(norm["mean"])], "var": [float(v) for v in as_array(norm["var"])], "count": float(norm.get("count", 1))}
        if len(norm["mean"]) != in_dim or len(norm["var"]) != in_dim:
            raise ValueError(f"norm: mean and var need {in_dim} values (the actor's input)")
    critic_json.update({"input": "local", "inputDim": in_dim, "norm": None})
    return {
        "id": policy_id or role,
        "role": role,
        "agents": agents,
        "observation": {"dim": obs_dim, "agentIdDim": id_dim, "zeroRanges": [], "sortGroups": [], "norm": norm},
        "actionSpace": {"type": "Discrete", "n": actor_json["layers"][-1]["outputs"]},
        "actor": actor_json,
        "critic": critic_json,
    }


def checkpoint(scenario, options, policies, algo="shared", step=0):
    if scenario not in ENV_NAMES:
        raise ValueError(f"scenario: got {scenario!r}; allowed: {', '.join(ENV_NAMES)}")
    return {
        "format": FORMAT,
        "version": VERSION,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "scenario": {"id": scenario, "env": ENV_NAMES[scenario], "options": {**options, "continuous_actions": False}},
        "algo": algo,
        "zeroMessages": False,
        "step": int(step),
        "iteration": 0,
        "config": {"hidden": policies[0]["actor"]["layers"][0]["outputs"], "activation": policies[0]["actor"]["activation"]},
        "policies": policies,
    }


def write_checkpoint(path, scenario, options, policies, algo="shared", step=0):
    """Write atomically (temp file in the same folder, fsync, rename): a failed write leaves no half file."""
    text = json.dumps(checkpoint(scenario, options, policies, algo, step))
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".checkpoint-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _option(text):
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"--option: got {text!r}; allowed: NAME=INTEGER, e.g. N=3")
    try:
        return name, int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--option {name}: got {value!r}; allowed: an integer") from None


def main(argv):
    ap = argparse.ArgumentParser(description="Write a Particle Arena checkpoint from a PyTorch state_dict saved as .npz.")
    ap.add_argument("weights", help=".npz of the state_dict (keys like actor.0.weight, actor.0.bias, ...)")
    ap.add_argument("--scenario", required=True, choices=sorted(ENV_NAMES))
    ap.add_argument("--option", type=_option, action="append", default=[], help="scenario option, e.g. N=3 or num_obstacles=2")
    ap.add_argument("--agents", required=True, help="comma-separated PettingZoo agent names the policy drives")
    ap.add_argument("--activation", default="tanh", choices=ACTIVATIONS)
    ap.add_argument("--actor-prefix", default="actor.", help="state_dict prefix of the actor's layers (default actor.)")
    ap.add_argument("--critic-prefix", default="critic.", help="state_dict prefix of the critic's layers, if any (default critic.)")
    ap.add_argument("--agent-id", action="store_true", help="the actor's input ends with a one-hot of the agent's index in --agents")
    ap.add_argument("--agent-part-prefix", help="a diverse team: state_dict prefix of each agent's own part, {j} standing for its index, e.g. agents.{j}.")
    ap.add_argument("--diversity-scale", type=float, default=1.0, help="with --agent-part-prefix: the scale of the agents' parts")
    ap.add_argument("--diversity-target", type=float, default=0.3, help="with --agent-part-prefix: the set-point the scale was chosen for (total variation, 0 to 1)")
    ap.add_argument("--encoder-prefix", help="a talking team (arena train --comm): state_dict prefix of the message encoder, e.g. encoder.; the actor's first layer then also reads the mean of the teammates' messages")
    ap.add_argument("--algo", default="shared", choices=("shared", "independent", "mappo", "comm"))
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv[1:])
    try:
        with np.load(args.weights) as npz:
            state = {k: npz[k] for k in npz.files}
        actor = layers_from_state_dict(state, args.actor_prefix)
        has_critic = any(k.startswith(args.critic_prefix) for k in state)
        critic = layers_from_state_dict(state, args.critic_prefix) if has_critic else None
        agents = [a for a in args.agents.split(",") if a]
        parts = None
        if args.agent_part_prefix:
            parts = [layers_from_state_dict(state, args.agent_part_prefix.replace("{j}", str(j))) for j in range(len(agents))]
        encoder = layers_from_state_dict(state, args.encoder_prefix) if args.encoder_prefix else None
        policy = policy_entry(agents, actor, critic, args.activation, args.agent_id, scenario=args.scenario, agent_parts=parts, diversity_scale=args.diversity_scale, diversity_target=args.diversity_target, encoder=encoder)
        write_checkpoint(args.out, args.scenario, dict(args.option), [policy], args.algo)
    except (OSError, ValueError, KeyError) as err:
        print(f"write_checkpoint: {err}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}: {args.scenario}, {len(agents)} agents, actor {[l[0].shape for l in actor]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
