import type { Scenario } from '../../sim/scenario';
import { FastRandom } from '../../sim/fastRandom';
import { mutualInformationBits } from './information';

/** One thing a message could carry, against which its mutual information is measured. */
export interface ChannelMeaning {
  name: string;
  /** Mutual information, bits, between the message (median-split code) and this variable. */
  bits: number;
  /** The same with the variable taken from other moments (a random pairing): what the estimate reads by chance. */
  shuffledBits: number;
  /** Per message number: its median split against the variable, bits. */
  perNumber: number[];
  /** Sender-moments the figure is over. */
  moments: number;
  /** Most the variable can hold, bits (log2 of its values). */
  most: number;
}

export interface ChannelReport {
  /** The talking team's agents (senders). */
  agents: string[];
  messageDim: number;
  viewRadius: number;
  /** Mean |message| per number: 0 would be a silent channel. */
  meanAbs: number[];
  meanings: ChannelMeaning[];
}

/** Where something lies from an agent, in 8 sectors of 45° (0: east, counter-clockwise). */
function sector(dx: number, dy: number): number {
  return (Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) + 8) % 8;
}

/** Where the agent itself is, in a 3 x 3 grid over the arena (edges at +-1/3, farther out folds inward). */
function cell(x: number, y: number): number {
  const c = (v: number) => (v < -1 / 3 ? 0 : v > 1 / 3 ? 2 : 1);
  return c(x) * 3 + c(y);
}

interface Variable {
  name: string;
  values: number;
  /** The variable for sender `a` (entity index) now, or -1 where it is not defined this moment. */
  read(sc: Scenario, a: number, team: readonly number[], viewRadius: number): number;
}

const SENDER_CELL: Variable = {
  name: 'where the sender is (3 x 3 cells)',
  values: 9,
  read: (sc, a) => cell(sc.world.pos[2 * a], sc.world.pos[2 * a + 1]),
};

/** The first entity of `from` nearest to agent a: its index and distance. */
function nearest(sc: Scenario, a: number, from: readonly number[]): { index: number; distance: number } {
  let best = { index: -1, distance: Infinity };
  for (const e of from) {
    const d = sc.world.distance(a, e);
    if (d < best.distance) best = { index: e, distance: d };
  }
  return best;
}

const direction = (sc: Scenario, a: number, e: number) => sector(sc.world.pos[2 * e] - sc.world.pos[2 * a], sc.world.pos[2 * e + 1] - sc.world.pos[2 * a + 1]);

/** What each scenario's messages could say (a sender's view of the world it alone may see). */
function variables(sc: Scenario, viewRadius: number): Variable[] {
  const w = sc.world;
  const landmarks = Array.from({ length: w.numEntities - w.numAgents }, (_, k) => w.numAgents + k);
  if (sc.id === 'simple_spread') {
    return [
      {
        name: "direction of the sender's nearest landmark",
        values: 8,
        read: (s, a) => direction(s, a, nearest(s, a, landmarks).index),
      },
      SENDER_CELL,
    ];
  }
  if (sc.id === 'simple_tag') {
    const prey = Array.from({ length: w.numAgents }, (_, i) => i).filter((i) => !w.entities[i].adversary);
    const out: Variable[] = [{ name: 'direction of the prey from the sender', values: 8, read: (s, a) => direction(s, a, nearest(s, a, prey).index) }];
    if (viewRadius > 0) {
      out.push({
        name: 'direction of the prey, when the sender sees it and a teammate does not',
        values: 8,
        read: (s, a, team, r) => {
          const p = nearest(s, a, prey);
          if (p.distance > r) return -1;
          return team.some((b) => b !== a && s.world.distance(b, p.index) > r) ? direction(s, a, p.index) : -1;
        },
      });
    }
    out.push(SENDER_CELL);
    return out;
  }
  return [SENDER_CELL];
}

/**
 * What a talking team's messages say: every step, each sender's message beside what it could encode (the
 * variables above, read from the world the message was computed in), then mutual information between a
 * median-split code of the message and each variable, with a randomly paired control.
 */
export class ChannelTracker {
  private readonly messages: number[][] = [];
  private readonly values: number[][] = [];
  private readonly vars: Variable[];
  private pending: number[][] | null = null;

  constructor(
    private readonly sc: Scenario,
    /** Entity indices of the talking team's agents. */
    private readonly team: readonly number[],
    private readonly agents: readonly string[],
    private readonly messageDim: number,
    private readonly viewRadius: number,
    /** Keep only the last this many sender-steps (the page's live figures); all by default. */
    private readonly window = Infinity,
  ) {
    this.vars = variables(sc, viewRadius);
    this.values = this.vars.map(() => []);
  }

  /** Before a step: what each sender could encode in the world its observation is taken from. */
  before(sc: Scenario = this.sc): void {
    this.pending = this.vars.map((v) => this.team.map((a) => v.read(sc, a, this.team, this.viewRadius)));
  }

  /** After the step: the messages the team sent (row per sender, in `agents` order). */
  after(messages: Float32Array | null): void {
    if (!this.pending || !messages) return;
    this.team.forEach((_, j) => {
      this.messages.push(Array.from(messages.subarray(j * this.messageDim, (j + 1) * this.messageDim)));
      this.vars.forEach((_, k) => this.values[k].push(this.pending![k][j]));
    });
    this.pending = null;
    if (this.messages.length > 2 * this.window) {
      const drop = this.messages.length - this.window;
      this.messages.splice(0, drop);
      this.values.forEach((v) => v.splice(0, drop));
    }
  }

  report(): ChannelReport {
    const n = this.messages.length;
    const dims = Math.min(this.messageDim, 6);
    const medians = Array.from({ length: dims }, (_, d) => {
      const xs = this.messages.map((m) => m[d]).sort((a, b) => a - b);
      return n ? xs[Math.floor(n / 2)] : 0;
    });
    const bit = (m: number[], d: number) => (m[d] > medians[d] ? 1 : 0);
    const code = (m: number[]) => medians.reduce((c, _, d) => c | (bit(m, d) << d), 0);
    const codes = this.messages.map(code);
    const rng = new FastRandom(1);
    const meanings = this.vars.map((v, k) => {
      const kept = this.values[k].map((x, i) => [i, x]).filter(([, x]) => x >= 0);
      const table = (rows: number, key: (i: number) => number, values: number[]) => {
        const t = Array.from({ length: rows }, () => new Array(v.values).fill(0));
        kept.forEach(([i], r) => t[key(i)][values[r]]++);
        return t;
      };
      const values = kept.map(([, x]) => x);
      const shuffled = values.slice();
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      return {
        name: v.name,
        bits: mutualInformationBits(table(1 << dims, (i) => codes[i], values)),
        shuffledBits: mutualInformationBits(table(1 << dims, (i) => codes[i], shuffled)),
        perNumber: Array.from({ length: dims }, (_, d) => mutualInformationBits(table(2, (i) => bit(this.messages[i], d), values))),
        moments: kept.length,
        most: Math.log2(v.values),
      };
    });
    const meanAbs = Array.from({ length: this.messageDim }, (_, d) => this.messages.reduce((a, m) => a + Math.abs(m[d]), 0) / Math.max(1, n));
    return { agents: [...this.agents], messageDim: this.messageDim, viewRadius: this.viewRadius, meanAbs, meanings };
  }
}
