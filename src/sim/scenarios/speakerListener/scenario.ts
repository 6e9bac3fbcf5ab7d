import { agentSpec, landmarkSpec } from '../../entity';
import { continuousActions, MAX_CYCLES, type OptionSchema } from '../../options';
import type { NumpyRandom } from '../../rng';
import type { EpisodeMeasure } from '../../episodeMeasures';
import { team, type AgentInfo } from '../../scenario';
import { World } from '../../world';
import { BaseScenario, drawPositions, range, writePair, writeRelative } from '../common';

export const SPEAKER_LISTENER_TITLE = 'Speaker-listener: talk to find the goal';
export const SPEAKER_LISTENER_TEAMS = [team('speaker', 'speaker', 'Speaker'), team('listener', 'listener', 'Listener')];
/** How a speaker-listener episode went: the listener's distance to the goal at the end. */
export const SPEAKER_LISTENER_MEASURES: EpisodeMeasure[] = [
  {
    name: 'finalDistance',
    label: 'listener to goal',
    summary: "listener's final distance to the goal",
    over: 'final',
    unit: 'distance',
    value: (_sc, infos) => infos[1].dist_to_goal,
  },
];
export const SPEAKER_LISTENER_OPTIONS: OptionSchema = {
  max_cycles: MAX_CYCLES,
  continuous_actions: continuousActions('Box actions (speaker: 3 message values, listener: 5 move values)'),
};

export const SPEAKER_LISTENER_LANDMARK_COLORS: [number, number, number][] = [
  [0.65, 0.15, 0.15],
  [0.15, 0.65, 0.15],
  [0.15, 0.15, 0.65],
];

const SPEAKER = 0;
const LISTENER = 1;
const FIRST_LANDMARK = 2;

/**
 * simple_speaker_listener_v4: the speaker sees which landmark is the goal but cannot move; the listener
 * moves but only hears the speaker's 3-symbol message. Both get minus the listener's squared distance to
 * the goal.
 */
export class SpeakerListenerScenario extends BaseScenario {
  override readonly goalHolders = [SPEAKER];

  constructor(given: Record<string, unknown> = {}) {
    super('simple_speaker_listener', 'simple_speaker_listener_v4', SPEAKER_LISTENER_OPTIONS, given);
    const speaker = agentSpec('speaker_0', { size: 0.075, movable: false, silent: false, collide: false });
    const listener = agentSpec('listener_0', { size: 0.075, silent: true, collide: false });
    const landmarks = range(3).map((i) => landmarkSpec(`landmark ${i}`, { size: 0.04, collide: false, color: [...SPEAKER_LISTENER_LANDMARK_COLORS[i]] }));
    this.build(new World({ entities: [speaker, listener, ...landmarks], dimC: 3 }), [
      ['speaker', [SPEAKER]],
      ['listener', [LISTENER]],
    ]);
  }

  /** Landmark index (0..2) the listener must reach. */
  get goalLandmark(): number {
    return this.world.goalB[SPEAKER] - FIRST_LANDMARK;
  }

  resetWorld(rng: NumpyRandom): void {
    const w = this.world;
    w.goalA[SPEAKER] = LISTENER;
    w.goalB[SPEAKER] = FIRST_LANDMARK + rng.integers(3);
    this.goalsChanged();
    drawPositions(w, rng, 1);
  }

  override goalsChanged(): void {
    const w = this.world;
    w.colors[SPEAKER] = [0.25, 0.25, 0.25];
    const goal = w.colors[w.goalB[SPEAKER]];
    w.colors[LISTENER] = [goal[0] + 0.45, goal[1] + 0.45, goal[2] + 0.45];
  }

  rewards(out: Float64Array): void {
    const w = this.world;
    const goal = w.goalB[SPEAKER];
    const dx = w.pos[2 * LISTENER] - w.pos[2 * goal];
    const dy = w.pos[2 * LISTENER + 1] - w.pos[2 * goal + 1];
    const r = -(dx * dx + dy * dy);
    out[SPEAKER] = r;
    out[LISTENER] = r;
  }

  observe(agent: number, out: Float32Array, offset: number): number {
    const w = this.world;
    if (agent === SPEAKER) {
      const color = w.colors[w.goalB[SPEAKER]];
      out[offset] = color[0];
      out[offset + 1] = color[1];
      out[offset + 2] = color[2];
      return offset + 3;
    }
    let o = writePair(w.vel, LISTENER, out, offset);
    for (let l = FIRST_LANDMARK; l < FIRST_LANDMARK + 3; l++) o = writeRelative(w, LISTENER, l, out, o);
    for (let k = 0; k < w.dimC; k++) out[o + k] = w.comm[SPEAKER * w.dimC + k];
    return o + w.dimC;
  }

  info(_agent: number): AgentInfo {
    return { goal_landmark: this.goalLandmark, dist_to_goal: this.world.distance(LISTENER, this.world.goalB[SPEAKER]) };
  }
}
