import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { BaseScenario, drawPositions } from '../common';

export const CRYPTO_TITLE = 'Crypto: Alice and Bob talk past Eve';
export const CRYPTO_TEAMS = [team('eve', 'eve', 'Eve (eavesdropper)'), team('bob', 'bob', 'Bob (listener)'), team('alice', 'alice', 'Alice (speaker)')];

export const CRYPTO_OPTIONS: OptionSchema = {
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box(0, 1, (4,)) messages instead of Discrete(4)'),
};

const DIM_C = 4;
/** Where each part of an observation starts (PettingZoo's layout): Alice [goal, key], Bob [key, Alice's message], Eve [message]. */
export const CRYPTO_LAYOUT = { alice: { goal: 0, key: DIM_C }, bob: { key: 0, message: DIM_C }, eve: { message: 0 }, codeLength: DIM_C } as const;
/** Alice's message as Bob and Eve hear it. */
export const CRYPTO_HEARD: Record<string, [number, number][]> = { bob: [[DIM_C, 2 * DIM_C]], eve: [[0, DIM_C]] };
/** Landmark k's "colour" is one-hot(k) of length 4: the code words Alice may send. */
const CODES = [
  [1, 0, 0, 0],
  [0, 1, 0, 0],
];
const EVE = 0;
const BOB = 1;
const ALICE = 2;

/** Squared distance of a message from a code, summed left to right as NumPy sums 4 values. */
function sq(comm: Float64Array, from: number, code: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < DIM_C; k++) {
    const e = comm[from + k] - code[k];
    s += e * e;
  }
  return s;
}

function silent(comm: Float64Array, from: number): boolean {
  for (let k = 0; k < DIM_C; k++) if (comm[from + k] !== 0) return false;
  return true;
}

/**
 * simple_crypto_v3 (private communication): Alice sees the goal code and a key she shares with Bob; Bob
 * sees the key and Alice's message; Eve sees only the message. Bob and Eve each say which code they think
 * is the goal. Alice and Bob are paid when Bob is right and Eve wrong; Eve when she is right. Nothing moves.
 */
export class CryptoScenario extends BaseScenario {
  goal = -1;
  key = -1;

  constructor(given: Record<string, unknown> = {}) {
    super('simple_crypto', 'simple_crypto_v3', CRYPTO_OPTIONS, given);
    const speaker = { movable: false, collide: false, silent: false };
    const agents = [
      agentSpec('eve_0', { ...speaker, adversary: true, color: [0.75, 0.25, 0.25] }),
      agentSpec('bob_0', { ...speaker, color: [0.25, 0.25, 0.25] }),
      agentSpec('alice_0', { ...speaker, color: [0.25, 0.25, 0.25] }),
    ];
    const landmarks = CODES.map((code, i) => landmarkSpec(`landmark ${i}`, { collide: false, color: [code[0], code[1], code[2]] }));
    this.build(new World({ entities: [...agents, ...landmarks], dimC: DIM_C }), [
      ['eve', [EVE]],
      ['bob', [BOB]],
      ['alice', [ALICE]],
    ]);
  }

  private code(landmark: number): readonly number[] {
    return CODES[landmark - 3];
  }

  resetWorld(rng: NumpyRandom): void {
    const w = this.world;
    // goal from the low half of the first raw word, key from its high half: independent, may coincide
    this.goal = 3 + rng.integers(2);
    this.key = 3 + rng.integers(2);
    this.recolor();
    drawPositions(w, rng, 1);
  }

  /** Bob wears the goal's colour (as PettingZoo colours him). */
  private recolor(): void {
    const c = this.code(this.goal);
    this.world.colors[BOB] = [c[0], c[1], c[2]];
  }

  landmarkPicks(): { goal: number; key: number } {
    return { goal: this.goal, key: this.key };
  }

  setLandmarkPicks(picks: { goal?: number; key?: number }): void {
    this.goal = picks.goal!;
    this.key = picks.key!;
    this.recolor();
  }

  rewards(out: Float64Array): void {
    const c = this.world.comm;
    const goal = this.code(this.goal);
    const eveSilent = silent(c, EVE * DIM_C);
    out[EVE] = eveSilent ? 0 : 0 - sq(c, EVE * DIM_C, goal);
    const adv = eveSilent ? 0 : 0 + sq(c, EVE * DIM_C, goal);
    const good = silent(c, BOB * DIM_C) ? 0 : 0 - sq(c, BOB * DIM_C, goal);
    out[BOB] = out[ALICE] = adv + good;
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const c = this.world.comm;
    const key = this.code(this.key);
    let o = offset;
    if (agent === ALICE) {
      for (const v of this.code(this.goal)) out[o++] = v;
      for (const v of key) out[o++] = v;
      return o;
    }
    if (agent === BOB) for (const v of key) out[o++] = v;
    for (let k = 0; k < DIM_C; k++) out[o++] = c[ALICE * DIM_C + k];
    return o;
  }

  info(agent: number): AgentInfo {
    if (agent === ALICE) return {};
    const c = this.world.comm;
    const said = Array.from(c.subarray(agent * DIM_C, (agent + 1) * DIM_C));
    const best = said.indexOf(Math.max(...said));
    return { decoded: !silent(c, agent * DIM_C) && best === this.goal - 3 ? 1 : 0 };
  }
}
