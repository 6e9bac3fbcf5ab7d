import type { Scenario } from '../../sim/scenario';

export interface SpreadAgentStats {
  agent: string;
  /** Share of steps with this agent nearest each landmark (landmark order). */
  landmarkShares: number[];
  /** Changes of the agent's nearest landmark per episode. */
  switchesPerEpisode: number;
}

export interface SpreadReport {
  steps: number;
  agents: SpreadAgentStats[];
  /** Share of landmarks with an agent within 0.1 at the final step, averaged over episodes. */
  finalCoverage: number;
  /** Colliding agent pairs summed over an episode, averaged. */
  collisionsPerEpisode: number;
}

/** Which agent takes which landmark, how often that changes, and collisions, for spread. */
export class SpreadTracker {
  private steps = 0;
  private episodes = 0;
  private shares: number[][];
  private switches: number[];
  private last: number[];
  private coverageSum = 0;
  private collisions = 0;
  private lastCoverage = 0;

  constructor(private readonly sc: Scenario) {
    const n = sc.world.numAgents;
    this.shares = Array.from({ length: n }, () => new Array(sc.world.numEntities - n).fill(0));
    this.switches = new Array(n).fill(0);
    this.last = new Array(n).fill(-1);
  }

  observe(): void {
    const w = this.sc.world;
    const n = w.numAgents;
    for (let a = 0; a < n; a++) {
      let best = -1;
      let bestD = Infinity;
      for (let l = n; l < w.numEntities; l++) {
        const d = w.distance(a, l);
        if (d < bestD) {
          bestD = d;
          best = l - n;
        }
      }
      this.shares[a][best]++;
      if (this.last[a] >= 0 && this.last[a] !== best) this.switches[a]++;
      this.last[a] = best;
      for (let b = a + 1; b < n; b++) if (w.colliding(a, b)) this.collisions++;
    }
    let covered = 0;
    for (let l = n; l < w.numEntities; l++) {
      let near = Infinity;
      for (let a = 0; a < n; a++) near = Math.min(near, w.distance(a, l));
      if (near < 0.1) covered++;
    }
    this.lastCoverage = covered / (w.numEntities - n);
    this.steps++;
  }

  endEpisode(): void {
    this.episodes++;
    this.coverageSum += this.lastCoverage;
    this.last.fill(-1);
  }

  report(): SpreadReport {
    const e = Math.max(1, this.episodes);
    return {
      steps: this.steps,
      agents: this.sc.agentNames.map((agent, a) => ({
        agent,
        landmarkShares: this.shares[a].map((c) => c / Math.max(1, this.steps)),
        switchesPerEpisode: this.switches[a] / e,
      })),
      finalCoverage: this.coverageSum / e,
      collisionsPerEpisode: this.collisions / e,
    };
  }
}
