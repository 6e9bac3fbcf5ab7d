import type { CheckpointJson, LoadedPolicyData } from '../agents/checkpoint';
import { LoadedPolicy } from '../agents/loadedPolicy';
import { FastRandom } from '../sim/fastRandom';
import type { Controller, ControllerAction, ObservationBatch, TeamChannel } from '../sim/controller';
import type { ControllerInfo } from './registry';

/**
 * Agents driven by a trained checkpoint. Each policy of the checkpoint runs one forward pass per step for
 * all the agents it drives. Agents the checkpoint does not know idle (and the match reports it).
 */
export class PolicyController implements Controller {
  private readonly rng: FastRandom;

  constructor(
    readonly id: string,
    private readonly policies: LoadedPolicy[],
    private readonly deterministic: boolean,
    seed = 0,
  ) {
    this.rng = new FastRandom(seed);
  }

  act(batch: ObservationBatch): ControllerAction[] {
    const out: ControllerAction[] = new Array(batch.agents.length).fill(0);
    for (const policy of this.policies) {
      const rows = batch.agents.map((a, k) => [a.name, k] as const).filter(([name]) => policy.agents.includes(name));
      if (rows.length === 0) continue;
      const actions = policy.act(
        rows.map(([n]) => n),
        rows.map(([, k]) => batch.obs[k]),
        this.deterministic,
        this.rng,
      );
      rows.forEach(([, k], i) => (out[k] = actions[i]));
    }
    batch.agents.forEach((a) => {
      if (!this.policies.some((p) => p.agents.includes(a.name))) throw new Error(`${this.id} has no policy for ${a.name}`);
    });
    return out;
  }

  /** The intervention test: its talking teams hear all-zero messages (shared by this checkpoint's controllers). */
  set silenced(on: boolean) {
    for (const p of this.policies) p.silenced = on;
  }

  get silenced(): boolean {
    return this.policies.some((p) => p.silenced);
  }

  channel(agent: string): TeamChannel | null {
    const policy = this.policies.find((p) => p.agents.includes(agent));
    if (!policy || policy.messageDim === 0) return null;
    return { agents: policy.agents, messageDim: policy.messageDim, viewRadius: policy.input.viewRadius, messages: policy.lastMessages };
  }

  actionProbabilities(agent: string, obs: Float32Array): Float32Array {
    const policy = this.policies.find((p) => p.agents.includes(agent));
    if (!policy) throw new Error(`${this.id} has no policy for ${agent}`);
    return policy.probabilities(agent, obs);
  }
}

const LAYOUT_FREE = new Set(['continuous_actions', 'max_cycles', 'local_ratio', 'walls']);

/**
 * A registry entry for a checkpoint: it can drive the roles whose agents it has policies for, in the
 * scenario it was trained on (same sizes).
 */
export function policyControllerInfo(
  id: string,
  label: string,
  ckpt: CheckpointJson,
  data: LoadedPolicyData[],
  deterministic = true,
  /** The intervention test: talking teams hear all-zero messages. */
  silenced = false,
): ControllerInfo {
  let loaded: LoadedPolicy[] | null = null;
  const roles = new Set(data.map((d) => d.json.role));
  return {
    id,
    label,
    description: `trained ${ckpt.algo} PPO${data.some((d) => d.comm) ? ' with a learned channel' : ''}, ${ckpt.step} steps`,
    supports: (scenarioId, role, options) => {
      if (scenarioId !== ckpt.scenario.id || !roles.has(role)) return false;
      if (!options) return true;
      // only the sizes shape observations and actions; episode length and reward weights do not
      return Object.entries(options).every(([k, v]) => LAYOUT_FREE.has(k) || ckpt.scenario.options[k] === v);
    },
    create: (deps) => {
      loaded ??= data.map((d) => {
        const policy = new LoadedPolicy(d);
        policy.silenced = silenced;
        return policy;
      });
      return new PolicyController(id, loaded, deterministic, deps.seed ?? 0);
    },
  };
}
