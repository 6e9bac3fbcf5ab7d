import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointOf, readCheckpoint } from '../agents/checkpoint';
import { writeFileAtomic } from '../agents/checkpointFile';
import type { Trainer } from '../agents/trainer';
import { evaluate } from '../plugins/evaluate';
import { policyControllerInfo } from '../plugins/policyController';
import type { ControllerRegistry } from '../plugins/registry';
import { teamsOf } from '../plugins/teams';
import { parseOpponents } from '../plugins/trainingOpponents';
import { readMetricsRows } from './metricsFile';

export interface ValidationSettings {
  /** Env steps between validations (0: never). */
  every: number;
  episodes: number;
  /** Seed of the first validation episode. */
  seed: number;
  /** The run's `--opponents` spec (`scripted+random:prey`), or undefined when every team learns. */
  opponents?: string;
  /** Controllers that play the fixed teams, each for `episodes` episodes (default: the first of the mix). */
  against?: string[];
}

export interface ValidationRow {
  step: number;
  /** The learning teams' mean return per agent on PettingZoo's reward (the score best.json is chosen by). */
  score: number;
  best: boolean;
  /** With several opponents (`--validate-against`): each one's score, the row's score being their mean. */
  byOpponent?: Record<string, number>;
  /** The scenario's measures (coverage, capture rate, ...) of these episodes (with several opponents, their mean). */
  [measure: string]: number | boolean | Record<string, number> | undefined;
}

/** Default first seed of the validation episodes: apart from the evaluation's (1000 for shipped policies, 100000 for `bench learn`). */
export const VALIDATION_SEED = 900_000;

/**
 * Validation during training: every `every` env steps the current policy (most likely actions) plays
 * `episodes` episodes from `seed`, on PettingZoo's reward, with every fixed team played by the first
 * controller of its `--opponents` mix, or in turn by each of `against` (a snapshot that gets better
 * against one opponent and worse against the others is then not kept); the best-scoring snapshot so far is kept as `best.json`, each
 * result as a line of `validation.jsonl`. Why: a PPO run can get worse after its peak (a long tag run, the
 * N=10 spread runs, docs/benchmarks.md), and the last snapshot is then not the one to keep. No generator of
 * the run is touched, so training goes on exactly as without it (also across a resume, which reads the
 * best score back from `validation.jsonl`).
 */
export class Validation {
  private best = -Infinity;
  private next: number;
  private readonly file: string;

  constructor(
    private readonly out: string,
    private readonly settings: ValidationSettings,
    private readonly registry: ControllerRegistry,
    step: number,
  ) {
    this.file = join(out, 'validation.jsonl');
    const kept = existsSync(this.file) ? readMetricsRows(this.file).filter((r) => r.step <= step) : [];
    writeFileAtomic(this.file, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    for (const r of kept) this.best = Math.max(this.best, (r as unknown as ValidationRow).score);
    this.next = settings.every > 0 ? Math.floor(step / settings.every) * settings.every + settings.every : Infinity;
  }

  /** Validate if the run has passed the next validation step (and always at its end); the row, or null. */
  maybeRun(trainer: Trainer): ValidationRow | null {
    if (this.settings.every <= 0 || (trainer.step < this.next && !trainer.done)) return null;
    while (this.next <= trainer.step) this.next += this.settings.every;
    // the snapshot as the file best.json would hold, read back as any loaded policy is
    const snapshot = JSON.stringify(checkpointOf(trainer, false));
    const { ckpt, policies } = readCheckpoint(JSON.parse(snapshot));
    this.registry.register(policyControllerInfo('validated', 'Validated', ckpt, policies, true));
    const scenario = ckpt.scenario.id;
    const learning = teamsOf(scenario).filter((t) => policies.some((p) => p.json.role === t.role));
    // fixed teams: each of `against`, or the first controller of the --opponents mix (scripted without one)
    const opponents = this.opponents();
    const reports = opponents.map((id) => {
      // each team named (not `default`): a controller for one role only cannot be given to every agent first
      const controllers = Object.fromEntries(teamsOf(scenario).map((t) => [t.name, learning.includes(t) ? 'validated' : id]));
      return evaluate({
        scenario,
        options: { ...ckpt.scenario.options, continuous_actions: false },
        controllers,
        registry: this.registry,
        episodes: this.settings.episodes,
        seed: this.settings.seed,
        deps: { seed: this.settings.seed },
      });
    });
    const scoreOf = (r: (typeof reports)[number]) => mean(r.teams.filter((t) => learning.some((l) => l.name === t.team)).map((t) => t.meanReturn));
    const score = mean(reports.map(scoreOf));
    const best = score > this.best;
    if (best) {
      this.best = score;
      writeFileAtomic(join(this.out, 'best.json'), snapshot);
    }
    const names = Object.keys(reports[0]).filter(
      (k) => typeof (reports[0] as unknown as Record<string, unknown>)[k] === 'number' && !['episodes', 'seed'].includes(k),
    );
    const measures = Object.fromEntries(names.map((k) => [k, mean(reports.map((r) => (r as unknown as Record<string, number>)[k]))]));
    const row: ValidationRow = { step: trainer.step, score, best, ...measures };
    if (opponents.length > 1) row.byOpponent = Object.fromEntries(opponents.map((id, k) => [id, scoreOf(reports[k])]));
    appendFileSync(this.file, `${JSON.stringify(row)}\n`);
    return row;
  }

  /** Who plays the fixed teams in validation. */
  private opponents(): string[] {
    if (this.settings.against?.length) return [...new Set(this.settings.against)];
    return [this.settings.opponents ? parseOpponents(this.settings.opponents).ids[0] : 'scripted'];
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
