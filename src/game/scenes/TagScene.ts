import { TagRoleTracker } from '../../plugins/analysis/tagRoles';
import type { TagScenario } from '../../sim/scenarios/tag';
import type { ArenaProbe } from '../app';
import { loadBestStreaks, recordStreak } from '../config/bestStreaks';
import { rolePanel } from '../ui/rolePanel';
import { ArenaScene, STEP_SECONDS } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';

/**
 * simple_tag: the predators' roles live in the side panel, and the play rules of "play as prey": a round
 * scores the person's survival streaks, keeps the best one per difficulty in the browser, and ends when
 * the episode does (R plays again).
 */
/** A play round's score: touches, and the longest time the person's prey went untouched. */
interface PlayScore {
  touches: number;
  lastTouchStep: number;
  bestStreak: number;
  touching: boolean;
}

const freshScore = (): PlayScore => ({ touches: 0, lastTouchStep: 0, bestStreak: 0, touching: false });

export class TagScene extends ArenaScene {
  private score: PlayScore = freshScore();
  /** The predators' roles since this scene started (or the last restart). */
  private roles: { tracker: TagRoleTracker; panel: ReturnType<typeof rolePanel> } | null = null;
  /** Best survival streak ever at this round's difficulty (kept in the browser), seconds. */
  private bestEver = 0;
  private streakStored = true;

  constructor() {
    super(ownSceneKey('simple_tag'));
  }

  protected resetScenarioScore(): void {
    this.score = freshScore();
  }

  protected initScenario(): void {
    this.roles = null;
    this.bestEver = 0;
    this.streakStored = true;
  }

  protected setUpScenario(): void {
    if (this.setup.difficulty) this.bestEver = loadBestStreaks()[this.setup.difficulty];
  }

  protected scenarioPanels(): HTMLElement[] {
    if (!this.roles) {
      this.roles = { tracker: this.newRoleTracker(), panel: rolePanel() };
      this.roles.panel.update(this.roles.tracker.report());
    }
    return [this.roles.panel.element];
  }

  private newRoleTracker(): TagRoleTracker {
    return new TagRoleTracker(this.match.agents.filter((s) => s.role === 'adversary').map((s) => s.name));
  }

  protected afterStep(): void {
    if (this.roles) {
      this.roles.tracker.observe(this.match.scenario as TagScenario);
      if (this.match.episodeOver) this.roles.tracker.endEpisode();
      if (this.match.t % 10 === 0 || this.match.episodeOver) this.roles.panel.update(this.roles.tracker.report());
    }
    if (this.setup.mode === 'play') this.scorePlay();
  }

  protected beforeRestart(): void {
    this.keepStreak();
    if (this.roles) this.roles.tracker = this.newRoleTracker();
  }

  protected beforeLeave(): void {
    this.keepStreak();
  }

  private scorePlay(): void {
    const sc = this.score;
    const t = this.match.t;
    // the round scores the prey a person drives; with none (a link gave the prey to a controller), every prey
    const prey = this.match.agents.filter((s) => s.role === 'good');
    const scored = prey.some((s) => this.match.assignment[s.index] === 'human') ? prey.filter((s) => this.match.assignment[s.index] === 'human') : prey;
    const touched = scored.some((s) => (this.match.lastInfos[s.index].touched_by ?? 0) > 0);
    if (touched && !sc.touching) {
      sc.touches++;
      this.keepStreak();
    }
    if (touched) sc.lastTouchStep = t;
    sc.touching = touched;
    sc.bestStreak = Math.max(sc.bestStreak, (t - sc.lastTouchStep) * STEP_SECONDS);
    if (this.match.episodeOver) {
      this.roundOver = true;
      this.keepStreak();
    }
  }

  /** Store this round's best streak if it beats the level's record. */
  private keepStreak(): void {
    if (!this.setup.difficulty || this.score.bestStreak <= this.bestEver) return;
    if (!this.match.agents.some((s) => s.role === 'good' && this.match.assignment[s.index] === 'human')) return; // only a person's streaks count
    const { best, stored } = recordStreak(this.setup.difficulty, this.score.bestStreak);
    this.bestEver = best;
    this.streakStored = stored;
  }

  protected scenarioHud(): string[] {
    if (this.setup.mode !== 'play') return [];
    const m = this.match;
    const sc = m.scenario;
    const s = this.score;
    const level = this.setup.difficulty;
    const record = Math.max(this.bestEver, s.bestStreak);
    const lines: string[] = [];
    if (level)
      lines.push(
        '',
        `DIFFICULTY ${level.toUpperCase()}   record at this level ${record.toFixed(1)} s${this.streakStored ? '' : ' (not saved: storage refused)'}`,
      );
    lines.push(
      ...(level ? [] : ['']),
      `SURVIVED ${((m.t - s.lastTouchStep) * STEP_SECONDS).toFixed(1)} s   best ${s.bestStreak.toFixed(1)} s   touched ${s.touches}×   time ${(m.t * STEP_SECONDS).toFixed(1)}/${(sc.maxCycles * STEP_SECONDS).toFixed(0)} s`,
    );
    if (this.roundOver) lines.push('ROUND OVER: press R to play again');
    return lines;
  }

  protected scenarioProbe(): Partial<ArenaProbe> {
    const m = this.match;
    const s = this.score;
    return {
      roles: this.roles?.tracker.report(),
      score: {
        survivalSeconds: (m.t - s.lastTouchStep) * STEP_SECONDS,
        bestStreakSeconds: s.bestStreak,
        touches: s.touches,
        roundOver: this.roundOver,
        recordSeconds: Math.max(this.bestEver, s.bestStreak),
      },
    };
  }
}
