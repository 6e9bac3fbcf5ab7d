import type { World } from '../../sim/world';

/** Half-width of the square the heatmaps cover: the unit square and the margin agents stray into. */
export const OCCUPANCY_EXTENT = 1.5;
/** Cells per side of an occupancy heatmap. */
export const OCCUPANCY_BINS = 30;

export interface AgentOccupancy {
  agent: string;
  /** The agent's colour in the world (RGB in [0, 1]), so plots match the arena. */
  color: [number, number, number];
  /** Share of the agent's steps in each cell, row-major from the top-left (y up, as in the arena). */
  shares: number[];
  /** Share of steps beyond the heatmap's square. */
  outside: number;
}

export interface OccupancyReport {
  extent: number;
  bins: number;
  agents: AgentOccupancy[];
}

/** Where each agent spends its steps: a per-agent 2-D histogram of positions over whole episodes. */
export class OccupancyTracker {
  private readonly counts: Float64Array[];
  private readonly outside: number[];
  private steps = 0;

  /** Steps observed so far. */
  get observed(): number {
    return this.steps;
  }

  constructor(
    private readonly world: World,
    private readonly names: readonly string[],
  ) {
    this.counts = names.map(() => new Float64Array(OCCUPANCY_BINS * OCCUPANCY_BINS));
    this.outside = names.map(() => 0);
  }

  observe(): void {
    const w = this.world;
    const cell = (2 * OCCUPANCY_EXTENT) / OCCUPANCY_BINS;
    for (let a = 0; a < this.names.length; a++) {
      const col = Math.floor((w.pos[2 * a] + OCCUPANCY_EXTENT) / cell);
      const row = Math.floor((OCCUPANCY_EXTENT - w.pos[2 * a + 1]) / cell);
      if (col < 0 || col >= OCCUPANCY_BINS || row < 0 || row >= OCCUPANCY_BINS) this.outside[a]++;
      else this.counts[a][row * OCCUPANCY_BINS + col]++;
    }
    this.steps++;
  }

  report(): OccupancyReport {
    const n = Math.max(1, this.steps);
    return {
      extent: OCCUPANCY_EXTENT,
      bins: OCCUPANCY_BINS,
      agents: this.names.map((agent, a) => ({
        agent,
        color: [...this.world.colors[a]] as [number, number, number],
        shares: Array.from(this.counts[a], (c) => c / n),
        outside: this.outside[a] / n,
      })),
    };
  }
}
