import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { BaseScenario, drawPositions, range, writePair, writeRelative } from '../common';

export const REFERENCE_TITLE = 'Reference: both talk, both move';
export const REFERENCE_TEAMS = [team('agents', 'agent', 'Agents')];
/** Where an observation holds what the partner said: its last 10 values (after velocity, 3 landmarks, goal colour). */
export const REFERENCE_OPTIONS: OptionSchema = {
  local_ratio: { type: 'number', default: 0.5, min: 0, max: 1, doc: 'weight of the own-goal reward against the mean of both', flag: 'local-ratio' },
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (15,)) actions instead of Discrete(50)'),
};

export const REFERENCE_LANDMARK_COLORS: [number, number, number][] = [
  [0.75, 0.25, 0.25],
  [0.25, 0.75, 0.25],
  [0.25, 0.25, 0.75],
];

const FIRST_LANDMARK = 2;

/**
 * simple_reference_v3: two agents that both move and speak. Each knows the landmark the *other* must reach
 * and has to tell it; agent i's reward is minus the other agent's distance to agent i's goal, mixed with
 * the mean over both agents.
 */
export class ReferenceScenario extends BaseScenario {
  override readonly goalHolders = [0, 1];
  private readonly localRatio: number;
  private readonly goalDist = new Float64Array(2);

  constructor(given: Record<string, unknown> = {}) {
    super('simple_reference', 'simple_reference_v3', REFERENCE_OPTIONS, given);
    this.localRatio = this.options.local_ratio as number;
    const agents = range(2).map((i) => agentSpec(`agent_${i}`, { collide: false, silent: false }));
    const landmarks = range(3).map((i) => landmarkSpec(`landmark ${i}`, { collide: false, color: [...REFERENCE_LANDMARK_COLORS[i]] }));
    this.build(new World({ entities: [...agents, ...landmarks], dimC: 10 }), [['agent', [0, 1]]]);
  }

  resetWorld(rng: NumpyRandom): void {
    const w = this.world;
    w.goalA[0] = 1;
    w.goalB[0] = FIRST_LANDMARK + rng.integers(3);
    w.goalA[1] = 0;
    w.goalB[1] = FIRST_LANDMARK + rng.integers(3);
    this.goalsChanged();
    drawPositions(w, rng, 1);
  }

  override goalsChanged(): void {
    const w = this.world;
    // each agent is painted with the colour of the landmark it must reach
    for (let i = 0; i < 2; i++) w.colors[w.goalA[i]] = [...w.colors[w.goalB[i]]] as [number, number, number];
  }

  rewards(out: Float64Array): void {
    const w = this.world;
    for (let i = 0; i < 2; i++) this.goalDist[i] = -w.distance(w.goalA[i], w.goalB[i]);
    const global = (0 + this.goalDist[0] + this.goalDist[1]) / 2;
    for (let i = 0; i < 2; i++) out[i] = global * (1 - this.localRatio) + this.goalDist[i] * this.localRatio;
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const w = this.world;
    let o = writePair(w.vel, agent, out, offset);
    for (let l = FIRST_LANDMARK; l < FIRST_LANDMARK + 3; l++) o = writeRelative(w, agent, l, out, o);
    const color = w.colors[w.goalB[agent]];
    out[o++] = color[0];
    out[o++] = color[1];
    out[o++] = color[2];
    const other = 1 - agent;
    for (let k = 0; k < w.dimC; k++) out[o + k] = w.comm[other * w.dimC + k];
    return o + w.dimC;
  }

  info(agent: number): AgentInfo {
    const w = this.world;
    return { goal_landmark: w.goalB[agent] - FIRST_LANDMARK, partner_dist_to_goal: w.distance(w.goalA[agent], w.goalB[agent]) };
  }
}
