import type { SpeakerListenerScenario } from '../../sim/scenarios/speakerListener';
import { mutualInformationBits } from './information';

export interface MessageReport {
  /** counts[symbol][goal]: how often the speaker said each symbol while each landmark was the goal. */
  symbolGoalCounts: number[][];
  /** Mutual information between the spoken symbol and the goal, bits (at most log2 3 = 1.585). */
  bits: number;
  /** Share of steps on which the symbol, read as a landmark index, names the goal. */
  literalAgreement: number;
}

/** What the speaker says against what the goal is (steps after the first, when something was said). */
export class MessageTracker {
  private readonly counts: number[][];

  constructor(
    private readonly dimC: number,
    goals: number,
  ) {
    this.counts = Array.from({ length: dimC }, () => new Array(goals).fill(0));
  }

  observe(sc: SpeakerListenerScenario): void {
    const c = sc.world.comm.subarray(0, this.dimC);
    const max = Math.max(...c);
    if (!(max > 0)) return;
    this.counts[c.indexOf(max)][sc.goalLandmark]++;
  }

  report(): MessageReport {
    const total = this.counts.flat().reduce((a, b) => a + b, 0);
    const diagonal = this.counts.reduce((a, row, k) => a + (row[k] ?? 0), 0);
    return { symbolGoalCounts: this.counts.map((r) => [...r]), bits: mutualInformationBits(this.counts), literalAgreement: diagonal / Math.max(1, total) };
  }
}
