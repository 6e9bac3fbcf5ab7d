import Phaser from 'phaser';
import { Match } from '../../plugins/match';
import { teamsOf } from '../../plugins/teams';
import { EpisodeMeter, formatMeasure } from '../../sim/episodeMeasures';
import { createScenario, SCENARIOS } from '../../sim/scenarios';
import { MPE_PHYSICS } from '../../sim/world';
import { appOf, type ArenaApp, type ArenaProbe } from '../app';
import { defaultController, SPEEDS, type GameSetup } from '../config/setup';
import { HumanInputSources } from '../input/humanInputSources';
import { showBanner } from '../ui/banner';
import { hideHud, hudBoxes, showHud, updateHud, type HudContent } from '../ui/hud';
import { hideControls, showControls, type ControlsState } from '../ui/controlsBar';
import { policyUploadSection } from '../ui/policyUpload';
import { recordPanel, replayBar } from '../ui/recordPanel';
import { ReplayController, type Recording } from '../../plugins/recording';
import { OccupancyTracker } from '../../plugins/analysis/occupancy';
import { hideSidePanel, showSidePanel } from '../ui/sidePanel';
import { TeamTalk } from './teamTalk';
import { trainPanel } from '../ui/trainPanel';
import { ArenaCamera } from '../view/arenaCamera';
import { WorldRenderer } from '../view/worldRenderer';
import { arenaSceneKey } from './arenaSceneKey';

const median = (xs: readonly number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[xs.length >> 1] : 0);

/** Real seconds per MPE step at 1x: the world's dt. */
export const STEP_SECONDS = MPE_PHYSICS.dt;

/**
 * The arena: one Match (world + controllers) advanced in whole MPE steps from an accumulator, so physics
 * never depends on the frame rate; drawing interpolates between the last two steps. What a scenario adds
 * (panels, play rules, HUD lines, overlays, keys) lives in its own scene, a subclass (`TagScene`,
 * `SpreadScene`, ...); the others play here as they are. `arenaSceneKey` names the scene of a scenario.
 */
export class ArenaScene extends Phaser.Scene {
  protected setup!: GameSetup;
  protected match!: Match;
  protected worldView!: WorldRenderer;
  protected view!: ArenaCamera;
  /** Drawn over the world by a scenario's scene (`drawOverlay`), cleared every frame. */
  private overlay!: Phaser.GameObjects.Graphics;
  private sources!: HumanInputSources;
  protected state: ControlsState = { paused: false, speed: 1, trails: false, labels: false, heatmap: false };
  /** Play mode: the developer figures (step, seed, returns) shown under the player's (I toggles). */
  protected details = false;
  private updateControls: (s: ControlsState) => void = () => {};
  private accumulator = 0;
  /** Agent pairs in contact after the last step (matter's detection), as `a,b`. */
  private touching = new Set<string>();
  /** Contacts begun between agents of different roles since the round (or recording) started. */
  private contactsBegun = 0;
  /** Nothing more to play until a restart: a play round ended, or a recording did. */
  protected roundOver = false;
  private shownError: string | null = null;

  constructor(key = 'arena') {
    super(key);
  }

  /** What the scenes of this game share (made by main.ts). */
  protected get app(): ArenaApp {
    return appOf(this);
  }

  // What a scenario's scene adds; the plain arena adds nothing.
  /** Forget the last match's scenario state (Phaser reuses the scene object). */
  protected initScenario(): void {}
  /** After the match and the HUD exist. */
  protected setUpScenario(): void {}
  /** Sections for the side panel, above the record, train and upload sections. */
  protected scenarioPanels(): HTMLElement[] {
    return [];
  }
  protected bindScenarioKeys(_kb: Phaser.Input.Keyboard.KeyboardPlugin): void {}
  /** After every MPE step. */
  protected afterStep(): void {}
  /** Before a restart resets the match. */
  protected beforeRestart(): void {}
  /** When the scene shuts down. */
  protected beforeLeave(): void {}
  protected scenarioHud(): string[] {
    return [];
  }
  /** A play round's own HUD lines (a player's words), shown instead of the developer lines; null when watching. */
  protected playerHud(): HudContent['lines'] | null {
    return null;
  }
  /** No steps are taken while this holds (a countdown before a round); `deltaMs` is real time since the last frame. */
  protected holdsSteps(_deltaMs: number): boolean {
    return false;
  }
  /** Lines and marks over the world, drawn every frame; `alpha` places agents between their last two steps. */
  protected drawOverlay(_g: Phaser.GameObjects.Graphics, _alpha: number): void {}
  /** Pause was switched (`state.paused` says which way). */
  protected pauseChanged(): void {}
  /** Names shown from the start: where telling agents apart is the point (crypto, reference). */
  protected labelsByDefault(): boolean {
    return false;
  }
  /** A person gave an agent or a team another controller in the side panel. */
  protected controllersChanged(): void {}
  /** A restart or a new recording: whatever the scene scores starts again. */
  protected resetScenarioScore(): void {}
  /** Key help for the scenario's own keys, one line each ending in a newline. */
  protected scenarioKeys(): string {
    return '';
  }
  /** Agents drawn faded: hidden from the agent whose view is shown. */
  protected hiddenAgents(): Set<number> {
    return new Set();
  }
  protected scenarioProbe(): Partial<ArenaProbe> {
    return {};
  }

  init(setup: GameSetup): void {
    this.setup = setup;
    this.state = {
      paused: false,
      speed: setup.speed,
      trails: setup.mode === 'play' || setup.pack !== undefined,
      labels: this.labelsByDefault(),
      heatmap: false,
    };
    this.details = false;
    this.accumulator = 0;
    // Phaser reuses the scene object: nothing of the last match may carry over
    this.uploadSection = this.recordSection = null;
    this.replay = null;
    this.talk = new TeamTalk(() => this.match);
    this.initScenario();
  }

  create(): void {
    this.match = this.createMatch(this.setup);
    this.view = new ArenaCamera(this.scale.width, this.scale.height);
    // a walled arena never needs zooming out: the view stays on it at one scale
    const world = this.match.scenario.world;
    if (world.walled) this.view.fixTo(world.wallHalfWidth);
    this.scale.on('resize', this.onResize, this);
    this.worldView = new WorldRenderer(this, this.match.scenario.world, this.match.scenario);
    this.overlay = this.add.graphics();
    this.occupancy = this.newOccupancy();
    this.talk.refresh();
    this.meter = new EpisodeMeter(SCENARIOS[this.match.scenario.id]?.measures ?? []);
    showHud();
    this.sources = new HumanInputSources(this, this.app.humanInput, () => this.view);
    this.bindKeys();
    this.showPanel();
    this.updateControls = showControls(this.state, {
      togglePause: () => this.togglePause(),
      step: () => this.singleStep(),
      setSpeed: (v) => this.setSpeed(v),
      restart: (same) => this.restart(same),
      setTrails: (on) => (this.state.trails = on),
      setLabels: (on) => (this.state.labels = on),
      setHeatmap: (on) => (this.state.heatmap = on),
      menu: () => this.toMenu(),
    });
    this.resetScore();
    if (this.replay) this.seek(0);
    this.setUpScenario();
    this.refreshHighlights();
    this.onResize();
    window.__arena = () => this.probe();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
  }

  /** A learned talking team's channel: measured, drawn and explained (any scenario). */
  private talk!: TeamTalk;
  private trainSection: HTMLElement | null = null;
  private uploadSection: HTMLElement | null = null;
  private recordSection: HTMLElement | null = null;

  /** The side panel; rebuilt when training in this tab or a loaded file adds a controller. */
  protected showPanel(): void {
    this.trainSection ??= trainPanel(this.match, this.app.training, () => this.showPanel());
    this.uploadSection ??= policyUploadSection(this.app, this.match.scenario.id, () => this.showPanel());
    this.recordSection ??= recordPanel(
      () => this.match,
      (rec) => {
        const scenario = createScenario(rec.env).id;
        this.scene.start(arenaSceneKey(this.scene, scenario), { ...this.setup, scenario, mode: 'watch', replay: rec });
      },
    );
    const intro = this.playIntro();
    showSidePanel(
      this.match,
      () => {
        this.refreshHighlights();
        this.controllersChanged();
        if (this.talk.refresh()) this.showPanel();
      },
      [
        ...(this.replay ? [this.replay.bar.element] : []),
        ...this.scenarioPanels(),
        ...(this.talk.panel ? [this.talk.panel] : []),
        this.recordSection,
        this.trainSection,
        this.uploadSection,
      ],
      intro ?? undefined,
    );
  }

  /**
   * What a person needs first at the side panel's top (play mode: how to play), and the summary that
   * everything else is folded under. Null: the whole panel, unfolded.
   */
  protected playIntro(): { intro: HTMLElement; folded: string } | null {
    return null;
  }

  /** A replay: the recording, its scrub bar and where it is. */
  private replay: { rec: Recording; bar: ReturnType<typeof replayBar> } | null = null;

  /** A match that plays a recording's actions from its start state. */
  private createReplay(rec: Recording): Match {
    this.app.registry.register({
      id: 'replay',
      label: 'Replay',
      description: 'the recorded actions',
      supports: (scenario) => scenario === createScenario(rec.env).id,
      create: () => new ReplayController(rec),
    });
    const { continuous_actions: _c, ...options } = rec.env_kwargs;
    const match = new Match({
      scenario: createScenario(rec.env).id,
      options,
      seed: 0,
      controllers: { default: 'replay' },
      registry: this.app.registry,
      deps: {},
    });
    this.replay = { rec, bar: replayBar(rec.steps.length, (k) => this.seek(k)) };
    return match;
  }

  /** Show the state after `k` recorded steps; playing on continues from there. */
  private seek(k: number): void {
    if (!this.replay) return;
    const { rec } = this.replay;
    const state = k === 0 ? rec.initial.state : rec.steps[k - 1].state;
    // after the last of max_cycles steps the episode is over (a state it cannot go on from): shown, not stepped
    const t = Math.min(k, this.match.env.scenario.maxCycles - 1);
    this.match.env.loadWorldState({ ...state, goals: rec.initial.goals, goal: rec.initial.goal?.landmark, key: rec.initial.key?.landmark, t });
    (this.match.controller('replay') as ReplayController | undefined)!.cursor = k;
    this.worldView.jump();
    this.occupancy = this.newOccupancy(); // the heatmap covers what is shown from here on
    this.meter.discard();
    this.replay.bar.show(k);
    this.roundOver = k >= rec.steps.length;
    this.touching.clear();
    this.contactsBegun = 0;
    if (!this.state.paused) this.togglePause();
  }

  /** A controller that cannot drive the chosen sizes is replaced by the best that can, with a message. */
  private createMatch(s: GameSetup): Match {
    if (s.replay) return this.createReplay(s.replay);
    const make = (controllers: Record<string, string>) =>
      new Match({
        scenario: s.scenario,
        options: s.options,
        seed: s.seed,
        controllers,
        registry: this.app.registry,
        deps: { humanInput: this.app.humanInput, seed: s.seed },
      });
    try {
      return make(s.controllers);
    } catch (err) {
      const options = createScenario(s.scenario, s.options).options;
      const fixed: Record<string, string> = {};
      for (const team of teamsOf(s.scenario)) {
        const want = s.controllers[team.name];
        const fits = want && this.app.registry.forRole(s.scenario, team.role, options).some((c) => c.id === want);
        fixed[team.name] = fits ? want : defaultController(this.app.registry, s.scenario, team.role, options);
      }
      showBanner([`Some controllers cannot drive this setup and were replaced: ${(err as Error).message}`]);
      this.setup = { ...s, controllers: fixed };
      return make(fixed);
    }
  }

  private onResize(): void {
    this.view.resize(this.scale.width, this.scale.height);
  }

  private bindKeys(): void {
    const kb = this.input.keyboard!;
    kb.on('keydown-SPACE', () => this.togglePause());
    kb.on('keydown-P', () => this.togglePause());
    kb.on('keydown-PERIOD', () => this.singleStep());
    kb.on('keydown-OPEN_BRACKET', () => this.setSpeed(SPEEDS[Math.max(0, SPEEDS.indexOf(this.state.speed) - 1)]));
    kb.on('keydown-CLOSED_BRACKET', () => this.setSpeed(SPEEDS[Math.min(SPEEDS.length - 1, SPEEDS.indexOf(this.state.speed) + 1)]));
    kb.on('keydown-R', (e: KeyboardEvent) => this.restart(e.shiftKey));
    kb.on('keydown-T', () => this.toggle('trails'));
    kb.on('keydown-L', () => this.toggle('labels'));
    kb.on('keydown-H', () => this.toggle('heatmap'));
    kb.on('keydown-I', () => (this.details = !this.details));
    this.bindScenarioKeys(kb);
    kb.on('keydown-ESC', () => this.toMenu());
  }

  protected togglePause(): void {
    this.state.paused = !this.state.paused;
    this.updateControls(this.state);
    this.pauseChanged();
  }

  private toggle(key: 'trails' | 'labels' | 'heatmap'): void {
    this.state[key] = !this.state[key];
    this.updateControls(this.state);
  }

  private setSpeed(speed: number): void {
    this.state.speed = speed;
    this.updateControls(this.state);
  }

  private singleStep(): void {
    if (!this.state.paused) this.togglePause();
    this.advance();
    this.accumulator = STEP_SECONDS; // show the step fully, no interpolation
  }

  /** The scenario's measures of the running episode, for the HUD. */
  private meter!: EpisodeMeter;

  /** Where each agent has been since the scene started or the last restart (the heatmap overlay). */
  private occupancy!: OccupancyTracker;

  private newOccupancy(): OccupancyTracker {
    return new OccupancyTracker(
      this.match.scenario.world,
      this.match.agents.map((s) => s.name),
    );
  }

  protected restart(sameSeed: boolean): void {
    if (this.replay) return this.seek(0);
    this.beforeRestart();
    this.occupancy = this.newOccupancy();
    const seed = sameSeed ? (this.match.seed ?? this.setup.seed) : (this.match.seed ?? this.setup.seed) + 1;
    this.match.reset(seed);
    this.meter.discard();
    this.worldView.jump();
    this.view.reset();
    this.resetScore();
    this.accumulator = 0;
    if (this.state.paused && this.setup.mode === 'play') this.togglePause();
  }

  protected toMenu(): void {
    this.scene.start('menu', { ...this.setup, seed: this.match.seed ?? this.setup.seed });
  }

  private resetScore(): void {
    this.roundOver = false;
    this.contactsBegun = 0;
    this.touching.clear();
    this.resetScenarioScore();
  }

  /** Agents a person drives, outlined in white. */
  private highlights = new Set<number>();
  protected refreshHighlights(): void {
    this.highlights = new Set(this.match.agents.filter((s) => this.match.assignment[s.index] === 'human').map((s) => s.index));
  }

  /** One MPE step (and the episode bookkeeping around it). */
  private advance(): void {
    if (this.replay && this.match.t >= this.replay.rec.steps.length) {
      this.roundOver = true; // the recording ends here
      return;
    }
    if (this.match.episodeOver) {
      if (this.setup.mode === 'play') return; // the round waits for R
      this.match.reset();
      this.meter.discard();
      this.worldView.jump();
      this.view.reset();
    }
    this.worldView.snapshot();
    this.talk.beforeStep();
    this.match.step();
    this.talk.afterStep();
    // a controller picked in the side panel starts at the step after: the channel section follows it
    if (this.talk.refresh()) this.showPanel();
    this.worldView.recordTrail();
    this.noteContacts();
    this.occupancy.observe();
    this.meter.step(this.match.scenario, this.match.lastInfos);
    this.replay?.bar.show(this.match.t);
    this.afterStep();
    if (this.match.lastError && this.match.lastError !== this.shownError) {
      this.shownError = this.match.lastError;
      showBanner([`A controller failed; its agents idle until it recovers: ${this.match.lastError}`]);
    }
  }

  /** Contacts between agents that began with this step flash on screen (tag's touches, spread's collisions). */
  private noteContacts(): void {
    const sc = this.match.scenario;
    const now = new Set<string>();
    for (const [a, b] of sc.world.contacts()) {
      if (a >= sc.world.numAgents || b >= sc.world.numAgents) continue;
      const key = `${a},${b}`;
      now.add(key);
      if (this.touching.has(key)) continue;
      this.worldView.flash(a, b);
      if (this.match.agents[a].role !== this.match.agents[b].role) this.contactsBegun++;
    }
    this.touching = now;
  }

  update(_time: number, deltaMs: number): void {
    this.sources.poll();
    if (!this.state.paused && !this.roundOver && !this.holdsSteps(deltaMs)) {
      this.accumulator += Math.min(deltaMs / 1000, 0.25) * this.state.speed;
      while (this.accumulator >= STEP_SECONDS) {
        this.accumulator -= STEP_SECONDS;
        this.advance();
        if (this.roundOver) break;
      }
    }
    const alpha = this.state.paused || this.roundOver ? 1 : Math.min(1, this.accumulator / STEP_SECONDS);
    // in the world's time: at 4x the action moves 4 times as fast, and so must the framing
    this.view.follow(this.worldView.reach(), this.state.paused ? 0 : Math.min(deltaMs / 1000, 0.25) * this.state.speed);
    this.worldView.draw(this.view, alpha, {
      trails: this.state.trails,
      labels: this.state.labels,
      heatmap: this.state.heatmap ? this.occupancy : null,
      highlight: this.highlights,
      hidden: this.hiddenAgents(),
    });
    this.overlay.clear();
    this.drawOverlay(this.overlay, alpha);
    this.talk.draw(this.overlay, this.worldView, this.view, alpha);
    this.drawHud();
  }

  private drawHud(): void {
    const m = this.match;
    const sc = m.scenario;
    const lines = [
      `${sc.envName}  step ${m.t}/${sc.maxCycles}  episode ${m.episode + 1}  seed ${m.seed ?? '-'}  ${this.state.speed}×${this.state.paused ? '  PAUSED' : ''}`,
      teamsOf(sc.id)
        .map((t) => {
          const ids = [...new Set(m.agentsOf(t.name).map((a) => m.assignment[a.index]))].join('+');
          return `${t.label} (${ids}) ${m.teamReturn(t.name).toFixed(1)}`;
        })
        .join('   '),
    ];
    // the scenario's own measures of the running episode (as `arena eval` reports them over many)
    const now = this.meter.current();
    const measures = this.meter.measures.filter((x) => x.live !== false).map((x) => `${x.label} ${formatMeasure(x, now[x.name])}`);
    if (measures.length) lines.push(measures.join('   '));
    const spoken = this.spokenSymbols();
    if (spoken) lines.push(spoken);
    lines.push(...this.scenarioHud());
    const speaking = [...this.highlights].some((i) => !m.scenario.world.isSilent(i));
    const move = this.setup.mode === 'play' || this.highlights.size ? 'arrows/WASD, stick or drag: move\n' : '';
    const player = this.playerHud();
    if (player) {
      updateHud({
        lines: [...player, ...(this.details ? lines : [])],
        keys: `${move}R new round  Space pause  Esc menu\nI ${this.details ? 'hide' : 'show'} details`,
      });
      return;
    }
    const keys = move + (speaking ? `1-${m.scenario.world.dimC}: say a symbol  0: silence\n` : '') + this.scenarioKeys();
    const entry = SCENARIOS[sc.id];
    updateHud({
      caption: entry?.howToWatch ?? entry?.title,
      lines,
      keys: `${keys}Space pause  . step  [ ] speed\nR new seed  Shift+R restart\nT trails  L labels  H heatmap  Esc menu`,
    });
  }

  /** What every speaking agent said in the last step (symbols from 1; "-" for silence), or null. */
  private spokenSymbols(): string | null {
    const w = this.match.scenario.world;
    const parts: string[] = [];
    for (let i = 0; i < w.numAgents; i++) {
      if (w.isSilent(i)) continue;
      const c = w.comm.subarray(i * w.dimC, (i + 1) * w.dimC);
      const max = Math.max(...c);
      parts.push(`${w.entities[i].name} says ${max > 0 ? c.indexOf(max) + 1 : '-'}`);
    }
    return parts.length ? parts.join('   ') : null;
  }

  private probe(): ArenaProbe {
    const m = this.match;
    const w = m.scenario.world;
    return {
      scene: 'arena',
      scenario: m.scenario.id,
      mode: this.setup.mode,
      difficulty: this.setup.difficulty,
      t: m.t,
      episode: m.episode,
      seed: m.seed,
      paused: this.state.paused,
      speed: this.state.speed,
      assignment: Object.fromEntries(m.agents.map((s) => [s.name, m.assignment[s.index]])),
      positions: Object.fromEntries(w.entities.map((e, i) => [e.name, [w.pos[2 * i], w.pos[2 * i + 1]]])),
      comm: Object.fromEntries(w.entities.slice(0, w.numAgents).map((e, i) => [e.name, Array.from(w.comm.subarray(i * w.dimC, (i + 1) * w.dimC))])),
      channel: this.talk.probe(),
      observations: Object.fromEntries(m.env.possibleAgents.map((a) => [a, Array.from(m.env.observe(a))])),
      fps: this.game.loop.actualFps,
      actMsMedian: median(m.actMs),
      view: { cx: this.view.cx, cy: this.view.cy, scale: this.view.scale },
      hud: this.hudInCanvas(),
      lastError: m.lastError,
      tfBackend: this.app.tfBackend,
      training: { ...this.app.training },
      hiddenFromView: [...this.hiddenAgents()].map((i) => m.scenario.agentNames[i]),
      heatmap: { on: this.state.heatmap, cells: this.worldView.heatCells },
      contactsBegun: this.contactsBegun,
      ...this.scenarioProbe(),
    };
  }

  /** The HUD's boxes in canvas pixels (the band above the arena has negative y). */
  private hudInCanvas(): ArenaProbe['hud'] {
    const c = this.game.canvas.getBoundingClientRect();
    const { status, keys } = hudBoxes();
    const shift = ([x, y, w, h]: [number, number, number, number]): [number, number, number, number] => [x - c.x, y - c.y, w, h];
    return { status: shift(status), keys: shift(keys) };
  }

  private teardown(): void {
    this.beforeLeave();
    this.talk.dispose();
    this.scale.off('resize', this.onResize, this);
    this.input.keyboard?.removeAllListeners();
    this.worldView.destroy();
    this.match.dispose();
    this.app.humanInput.clear();
    hideSidePanel();
    hideControls();
    hideHud();
  }
}
