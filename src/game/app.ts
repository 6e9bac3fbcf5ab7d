import type Phaser from 'phaser';
import { HumanInput } from '../plugins/human';
import { builtinControllers } from '../plugins/registry';

/** What the page knows about the training running in this tab. */
export interface BrowserTrainingStatus {
  running: boolean;
  iterations: number;
  step: number;
  lastReturn: number;
  controllerId: string | null;
  snapshots: number;
  curvePoints: number;
  samplesPerSec: number;
  baselines: { random: number | null; scripted: number | null } | null;
  /** The running (or last) run lists interchangeable entities nearest first (`sortEntities`). */
  sortEntities: boolean;
  /** The run's latest validation (score on PettingZoo's reward) and its best so far, the snapshot "Trained here" ends as. */
  validation: { step: number; score: number; bestStep: number; bestScore: number } | null;
}

/**
 * What the scenes of one game share: the controller registry, the person's input, the tfjs backend and
 * the training running in the tab. Made once by main.ts and kept in the game's registry (`appOf`), so
 * no module holds state of its own.
 */
export class ArenaApp {
  readonly registry = builtinControllers();
  readonly humanInput = new HumanInput();
  /** tfjs backend running the trained policies ('wasm', 'cpu' after a failed start, or 'none'). */
  tfBackend = 'none';
  readonly training: BrowserTrainingStatus = {
    running: false,
    iterations: 0,
    step: 0,
    lastReturn: NaN,
    controllerId: null,
    snapshots: 0,
    curvePoints: 0,
    samplesPerSec: 0,
    baselines: null,
    sortEntities: false,
    validation: null,
  };
  /** Where a policy file dropped on the page goes: the scene showing the panel sets it. */
  onPolicyFile: ((file: File) => void) | null = null;

  /** @param startupNotices problems found before the game starts (a renderer the link asked for that cannot be used, a malformed address), shown by the boot scene */
  constructor(readonly startupNotices: readonly string[]) {}
}

const APP_KEY = 'arenaApp';

/** Keep `app` in the game's registry, where every scene finds it. */
export const installApp = (game: Phaser.Game, app: ArenaApp): void => void game.registry.set(APP_KEY, app);

/** The app of the game a scene belongs to. */
export const appOf = (scene: Phaser.Scene): ArenaApp => scene.registry.get(APP_KEY) as ArenaApp;

/** Read-only view of the running game for tests and for curious people in the console. */
export interface ArenaProbe {
  scene: 'menu' | 'arena';
  scenario?: string;
  mode?: string;
  difficulty?: string;
  t?: number;
  episode?: number;
  seed?: number | null;
  paused?: boolean;
  speed?: number;
  assignment?: Record<string, string>;
  positions?: Record<string, [number, number]>;
  /** Contacts matter's collision detection found beginning between agents of different roles this round (tag: touches). */
  contactsBegun?: number;
  /** Every agent's communication state (what it said in the last step). */
  comm?: Record<string, number[]>;
  /** A learned talking team: its agents' last messages and the live figures of what they say. */
  channel?: {
    agents: string[];
    messages: number[] | null;
    viewRadius: number;
    meanings: { name: string; bits: number; shuffledBits: number }[];
    steps: number;
    silenced: boolean;
  } | null;
  /** Every agent's current observation, as its controller sees it. */
  observations?: Record<string, number[]>;
  score?: {
    survivalSeconds: number;
    bestStreakSeconds: number;
    touches: number;
    roundOver: boolean;
    recordSeconds: number;
    /** Whole seconds of the 3-2-1 left before the round runs (0: running). */
    countdown: number;
    /** This round set the level's record. */
    newRecord: boolean;
    /** The round can still set a record (a person drove the prey throughout, walled arena, full speed). */
    ranked: boolean;
  };
  fps: number;
  /** Median over the last 120 steps of the time all controllers took to act in one step, ms. */
  actMsMedian?: number;
  /** Screen mapping of the fixed arena camera: screen = (cx + x * scale, cy - y * scale) in canvas pixels. */
  view?: { cx: number; cy: number; scale: number };
  /** Where the HUD's status lines and key help are drawn, [x, y, width, height] in canvas pixels. */
  hud?: { status: [number, number, number, number]; keys: [number, number, number, number] };
  lastError?: string | null;
  tfBackend?: string;
  /** "Watch the pack": the diversity set-point whose pack is playing. */
  pack?: import('./config/setup').PackLevel;
  /** Tag: the predators' role metrics since the scene started (docs/analysis.md). */
  roles?: import('../plugins/analysis/tagRoles').TagRoleReport;
  /** world_comm: agents hidden from the agent whose view is shown (V). */
  hiddenFromView?: string[];
  /** The heatmap overlay (H): whether it is on and how many cells it drew in the last frame. */
  heatmap?: { on: boolean; cells: number };
  training?: BrowserTrainingStatus;
}

declare global {
  interface Window {
    __arena?: () => ArenaProbe;
  }
}
