import type { FastRandom } from '../sim/fastRandom';
import type { DenseWeights } from './mlp';
import type { TrainingPolicy } from './trainingPolicy';

/** Share of iterations in which one team plays a frozen past snapshot of itself. */
const SNAPSHOT_PLAY = 0.3;
/** Iterations between snapshots, and how many are kept per team. */
const SNAPSHOT_EVERY = 10;
const SNAPSHOT_POOL = 8;

/**
 * competitive: past actors of each team. Now and then one team (chosen at random) plays one of its own
 * snapshots and does not learn that iteration, so neither team over-fits to the other's latest habits.
 */
export class SnapshotPool {
  readonly snapshots = new Map<string, DenseWeights[][]>();

  constructor(readonly rng: FastRandom) {}

  /** The id of the policy that plays a snapshot this iteration, or null. */
  pick(policies: readonly TrainingPolicy[]): string | null {
    const u = this.rng.next();
    const team = policies[this.rng.int(policies.length)];
    const pool = this.snapshots.get(team.id) ?? [];
    if (u < SNAPSHOT_PLAY && pool.length > 0) {
      team.setOpponent(pool[this.rng.int(pool.length)]);
      return team.id;
    }
    return null;
  }

  /** After iteration `iteration`: keep every team's actor every SNAPSHOT_EVERY iterations. */
  maybeSnapshot(iteration: number, policies: readonly TrainingPolicy[]): void {
    if (iteration % SNAPSHOT_EVERY !== 0) return;
    for (const g of policies) {
      const pool = this.snapshots.get(g.id) ?? [];
      pool.push(g.plainActor.getWeights());
      if (pool.length > SNAPSHOT_POOL) pool.shift();
      this.snapshots.set(g.id, pool);
    }
  }
}
