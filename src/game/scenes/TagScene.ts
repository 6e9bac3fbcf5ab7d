import Phaser from 'phaser';
import { approachRole, ROLE_COLOURS, TagRoleTracker } from '../../plugins/analysis/tagRoles';
import { currentStreakSteps, freshPlayScore, scorePlayStep, type PlayScore } from '../../plugins/playScore';
import type { TagScenario } from '../../sim/scenarios/tag';
import type { ArenaProbe } from '../app';
import { createScenario } from '../../sim/scenarios';
import { loadBestStreaks, recordStreak } from '../config/bestStreaks';
import { defaultSetup, PACK_PREDATORS, PLAY, type PackLevel } from '../config/setup';
import { showBanner } from '../ui/banner';
import { el } from '../ui/dom';
import { announce, type HudContent } from '../ui/hud';
import { hideCountdown, hideRoundOverlay, showCountdown, showEndCard, showPauseCard } from '../ui/roundOverlay';
import { packPanel } from '../ui/packPanel';
import { rolePanel } from '../ui/rolePanel';
import { ArenaScene, STEP_SECONDS } from './ArenaScene';
import { ownSceneKey } from './arenaSceneKey';

/** Real seconds of the 3-2-1 before a round a person plays. */
const COUNTDOWN_SECONDS = 3;

const seconds = (steps: number) => (steps * STEP_SECONDS).toFixed(1);

/** A round's options as a comparable key: everything but the action encoding (the match picks it). */
const arenaKey = (options: Readonly<Record<string, unknown>>): string => JSON.stringify(Object.entries(options).filter(([k]) => k !== 'continuous_actions'));

/**
 * simple_tag: the predators' roles live in the side panel, and the play rules of "play as prey": a round
 * in the walled arena starts with a countdown, scores the person's survival streaks, keeps the best one per
 * difficulty in the browser, and ends on a card (Play again, Menu).
 */
export class TagScene extends ArenaScene {
  private score: PlayScore = freshPlayScore();
  /** The predators' roles since this scene started (or the last restart). */
  private roles: { tracker: TagRoleTracker; panel: ReturnType<typeof rolePanel> } | null = null;
  /** Best survival streak ever at this round's difficulty (kept in the browser), seconds. */
  private bestEver = 0;
  private streakStored = true;
  /** This round set the level's record. */
  private newRecord = false;
  /** Why this round cannot set a record, once something disqualified it (null: it still can). */
  private unranked: string | null = null;
  /** The person moved the prey at some point of this round (a round nobody plays sets no record). */
  private moved = false;
  /** Real milliseconds of countdown left (0: the round runs). */
  private countdownMs = 0;
  private youLabel: Phaser.GameObjects.Text | null = null;

  constructor() {
    super(ownSceneKey('simple_tag'));
  }

  private get playing(): boolean {
    return this.setup.mode === 'play';
  }

  /** Prey a person drives. */
  private humanPrey() {
    return this.match.agents.filter((s) => s.role === 'good' && this.match.assignment[s.index] === 'human');
  }

  protected resetScenarioScore(): void {
    this.score = freshPlayScore();
    this.newRecord = false;
    this.unranked = null;
    this.moved = false;
    this.restartRoles();
    hideRoundOverlay();
    // a person gets a countdown to find the keys; a round nobody plays starts at once
    this.countdownMs = this.playing && this.humanPrey().length > 0 ? COUNTDOWN_SECONDS * 1000 : 0;
    if (this.countdownMs > 0) {
      showCountdown(COUNTDOWN_SECONDS);
      announce(`Get ready: ${COUNTDOWN_SECONDS}`);
    }
  }

  protected initScenario(): void {
    this.roles = null;
    this.level = null;
    this.bestEver = 0;
    this.streakStored = true;
    this.youLabel = null;
  }

  protected setUpScenario(): void {
    if (this.setup.difficulty) this.bestEver = loadBestStreaks()[this.setup.difficulty];
    this.youLabel = this.add
      .text(0, 0, 'you', { fontFamily: 'system-ui, sans-serif', fontSize: '13px', color: '#ffffff', fontStyle: 'bold' })
      .setOrigin(0.5, 1)
      .setDepth(3);
  }

  protected holdsSteps(deltaMs: number): boolean {
    if (this.countdownMs <= 0) return false;
    const before = Math.ceil(this.countdownMs / 1000);
    this.countdownMs = Math.max(0, this.countdownMs - Math.min(deltaMs, 250));
    const after = Math.ceil(this.countdownMs / 1000);
    if (after !== before) {
      showCountdown(after);
      announce(after > 0 ? String(after) : 'Go!');
      if (after === 0) this.time.delayedCall(600, () => this.countdownMs <= 0 && hideCountdown());
    }
    return this.countdownMs > 0;
  }

  protected playIntro(): { intro: HTMLElement; folded: string } | null {
    const pack = this.setup.pack;
    if (pack && !this.playing) {
      const intro = el('div', {}, [
        packPanel(
          pack,
          (l) => this.packFits(l),
          (l) => this.choosePack(l),
        ),
        this.rolesPanel().element,
      ]);
      return { intro, folded: 'Controllers, recording and training' };
    }
    if (!this.playing) return null;
    const level = this.setup.difficulty;
    const intro = el('section', { class: 'how-to-play', 'data-testid': 'how-to-play' }, [
      el('h2', { text: level ? `Playing: ${level}` : 'Playing' }),
      el('p', {
        text: 'You are the green disc marked "you". Three red predators hunt you for 30 seconds; walls keep everyone in the arena, and the grey discs are obstacles for all.',
      }),
      el('p', { text: 'Every touch ends your streak. Your longest time untouched is your score; the best per level is your record, kept in this browser.' }),
      el('p', { text: 'Move: arrow keys or WASD, a gamepad stick, or drag on the arena (touch too).' }),
    ]);
    return { intro, folded: 'Controllers, roles, recording and training' };
  }

  /** A paused round a person plays hides the arena (no planning in a frozen world); resuming shows it again. */
  protected pauseChanged(): void {
    if (!this.playing || this.roundOver || this.humanPrey().length === 0) return;
    if (this.state.paused) showPauseCard(() => this.state.paused && this.togglePause());
    else if (this.countdownMs > 0) showCountdown(Math.ceil(this.countdownMs / 1000));
    else hideRoundOverlay();
  }

  /** The role figures describe one set of controllers: a swap starts them again. */
  protected controllersChanged(): void {
    this.restartRoles();
  }

  private restartRoles(): void {
    if (!this.roles) return;
    this.roles.tracker = this.newRoleTracker();
    this.roles.panel.update(this.roles.tracker.report());
  }

  /** The role panel (made once per scene; its figures restart with the roles). */
  private rolesPanel(): ReturnType<typeof rolePanel> {
    if (!this.roles) {
      this.roles = { tracker: this.newRoleTracker(), panel: rolePanel() };
      this.roles.panel.update(this.roles.tracker.report());
    }
    return this.roles.panel;
  }

  protected scenarioPanels(): HTMLElement[] {
    // watching the pack, the roles sit at the top beside the diversity control (playIntro)
    return this.setup.pack && !this.playing ? [] : [this.rolesPanel().element];
  }

  /** The diversity control: the pack of another set-point takes over the predators, mid-episode. */
  /** Whether the pack of a set-point is shipped and fits this arena's sizes (a link may have changed them). */
  private packFits(level: PackLevel): boolean {
    const m = this.match;
    return m.registry.forRole(m.scenario.id, 'adversary', m.scenario.options).some((c) => c.id === PACK_PREDATORS[level]);
  }

  private choosePack(level: PackLevel): void {
    if (!this.packFits(level)) return;
    try {
      this.match.assign(PLAY.opponents, PACK_PREDATORS[level]);
    } catch (err) {
      showBanner([(err as Error).message]);
      return;
    }
    this.setup.pack = level;
    this.setup.controllers[PLAY.opponents] = PACK_PREDATORS[level];
    this.refreshHighlights();
    this.controllersChanged();
    this.showPanel();
    announce(`Diversity ${level}: the ${level} pack hunts now`);
  }

  private newRoleTracker(): TagRoleTracker {
    // the live panel's per-moment measures read the last 1,500 steps (a minute at 1x), so an update stays cheap
    return new TagRoleTracker(
      this.match.agents.filter((s) => s.role === 'adversary').map((s) => s.name),
      1500,
    );
  }

  protected afterStep(): void {
    if (this.roles) {
      this.roles.tracker.observe(this.match.scenario as TagScenario);
      if (this.match.episodeOver) this.roles.tracker.endEpisode();
      if (this.match.t % 10 === 0 || this.match.episodeOver) this.roles.panel.update(this.roles.tracker.report());
    }
    if (this.playing) this.scorePlay();
  }

  protected beforeRestart(): void {
    this.keepStreak();
  }

  protected beforeLeave(): void {
    this.keepStreak();
    hideRoundOverlay();
  }

  private scorePlay(): void {
    // the round scores the prey a person drives; with none (a link gave the prey to a controller), every prey
    const human = this.humanPrey();
    const scored = human.length ? human : this.match.agents.filter((s) => s.role === 'good');
    this.checkRanked(human.length > 0);
    if (
      scorePlayStep(
        this.score,
        this.match.t,
        scored.map((s) => this.match.lastInfos[s.index]),
      )
    ) {
      announce(`Touched. ${this.score.touches} ${this.score.touches === 1 ? 'touch' : 'touches'}`);
      this.keepStreak();
    }
    if (this.match.episodeOver) {
      this.roundOver = true;
      this.keepStreak();
      this.endCard();
    }
  }

  /**
   * A record comes only from a round played as the level is defined (its predators, sizes, length and
   * walls), by a person throughout, at full speed or faster: anything else says why it did not count.
   */
  private checkRanked(personPlays: boolean): void {
    const input = this.app.humanInput;
    if (input.keys.x || input.keys.y || input.stick.x || input.stick.y || input.pointer.active) this.moved = true;
    if (this.unranked) return;
    const level = this.setup.difficulty;
    const m = this.match;
    this.level ??= this.levelDefinition();
    const sameArena = this.level !== null && this.level.options === arenaKey(m.scenario.options);
    const levelPredators = this.level?.predators ?? null;
    const predatorsOfLevel = m.agentsOf(PLAY.opponents).every((a) => m.registry.resolve(m.assignment[a.index]) === levelPredators);
    if (!personPlays) this.unranked = 'No record: a controller, not you, drove the prey in this round.';
    else if (!sameArena) this.unranked = `No record: this round's arena (walls, sizes or length) is not the ${level ?? 'play'} level's.`;
    else if (!predatorsOfLevel) this.unranked = `No record: the predators were not the ${level} level's.`;
    else if (this.state.speed < 1) this.unranked = 'No record: part of this round ran in slow motion.';
    else if (this.state.paused) this.unranked = 'No record: this round was played step by step.';
  }

  /** The level's record as it stands, counting this round only if it can set one. */
  private recordNow(): number {
    const counts = this.unranked === null && this.moved && this.humanPrey().length > 0;
    return Math.max(this.bestEver, counts ? this.score.bestStreakSteps * STEP_SECONDS : 0);
  }

  /** The level's own round: its resolved options and its predators' controller (null without a level). */
  private level: { options: string; predators: string } | null = null;
  private levelDefinition(): { options: string; predators: string } | null {
    if (!this.setup.difficulty) return null;
    const canonical = defaultSetup(this.match.registry, PLAY.scenario, 'play', this.setup.difficulty);
    return {
      options: arenaKey(createScenario(PLAY.scenario, canonical.options).options),
      predators: this.match.registry.resolve(canonical.controllers[PLAY.opponents]),
    };
  }

  /** Store this round's best streak if it beats the level's record. */
  private keepStreak(): void {
    const best = this.score.bestStreakSteps * STEP_SECONDS;
    if (!this.setup.difficulty || this.unranked || !this.moved || best <= this.bestEver || this.humanPrey().length === 0) return;
    const kept = recordStreak(this.setup.difficulty, best);
    this.bestEver = kept.best;
    this.streakStored = kept.stored;
    this.newRecord = true;
  }

  private endCard(): void {
    const s = this.score;
    announce(`Round over. Longest time untouched ${seconds(s.bestStreakSteps)} seconds, touched ${s.touches} times.${this.newRecord ? ' New record!' : ''}`);
    showEndCard(
      {
        level: this.setup.difficulty,
        longestStreakSeconds: s.bestStreakSteps * STEP_SECONDS,
        touches: s.touches,
        recordSeconds: this.bestEver,
        newRecord: this.newRecord,
        recordNote:
          this.unranked ??
          (!this.moved ? 'No record: you did not move in this round.' : this.streakStored ? null : 'Record not saved: this browser refused to store it.'),
      },
      { playAgain: () => this.restart(false), menu: () => this.toMenu() },
    );
  }

  protected playerHud(): HudContent['lines'] | null {
    if (!this.playing) return null;
    const m = this.match;
    const s = this.score;
    const left = Math.max(0, m.scenario.maxCycles - m.t);
    const level = this.setup.difficulty;
    return [
      [
        ['Time left', `${seconds(left)} s`],
        ['Untouched for', `${seconds(currentStreakSteps(s, m.t))} s`],
        ['Best this round', `${seconds(s.bestStreakSteps)} s`],
        [level ? `Record (${level})` : 'Record', `${this.recordNow().toFixed(1)} s`],
        ['Touched', `${s.touches}×`],
      ],
    ];
  }

  protected drawOverlay(g: Phaser.GameObjects.Graphics, alpha: number): void {
    if (this.setup.pack) this.drawRoleRings(g, alpha);
    const you = this.humanPrey()[0];
    if (!this.youLabel) return;
    this.youLabel.setVisible(you !== undefined);
    if (!you) return;
    const [x, y] = this.worldView.at(you.index, this.view, alpha);
    const r = this.view.length(0.05) + 6;
    // above the disc, or below it where the top of the canvas would cut the label
    if (y - r - this.youLabel.height < 0) this.youLabel.setOrigin(0.5, 0).setPosition(x, y + r);
    else this.youLabel.setOrigin(0.5, 1).setPosition(x, y - r);
  }

  /** Each predator's role this moment, as a ring in the role's colour (none while the prey has no heading). */
  private drawRoleRings(g: Phaser.GameObjects.Graphics, alpha: number): void {
    const w = this.match.scenario.world;
    const prey = this.match.agents.find((s) => s.role === 'good');
    if (!prey) return;
    const pp: [number, number] = [w.pos[2 * prey.index], w.pos[2 * prey.index + 1]];
    const pv: [number, number] = [w.vel[2 * prey.index], w.vel[2 * prey.index + 1]];
    for (const s of this.match.agents) {
      if (s.role !== 'adversary') continue;
      const role = approachRole(pv, pp, [w.pos[2 * s.index], w.pos[2 * s.index + 1]]);
      if (!role) continue;
      const [x, y] = this.worldView.at(s.index, this.view, alpha);
      g.lineStyle(3, Number.parseInt(ROLE_COLOURS[role].slice(1), 16), 0.95);
      g.strokeCircle(x, y, this.view.length(w.entities[s.index].size) + 5);
    }
  }

  protected scenarioProbe(): Partial<ArenaProbe> {
    const m = this.match;
    const s = this.score;
    return {
      pack: this.setup.pack,
      roles: this.roles?.tracker.report(),
      score: {
        survivalSeconds: currentStreakSteps(s, m.t) * STEP_SECONDS,
        bestStreakSeconds: s.bestStreakSteps * STEP_SECONDS,
        touches: s.touches,
        roundOver: this.roundOver,
        recordSeconds: this.recordNow(),
        countdown: Math.ceil(this.countdownMs / 1000),
        newRecord: this.newRecord,
        ranked: this.unranked === null,
      },
    };
  }
}
