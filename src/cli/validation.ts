import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkpointOf } from '../agents/checkpoint';
import { writeFileAtomic } from './files';
import type { Trainer } from '../agents/trainer';
import type { ControllerRegistry } from '../plugins/registry';
import { runoff, scoreSnapshot, validationOpponents, ValidationSchedule, type Runoff } from '../plugins/validate';
import { readMetricsRows } from './metricsFile';
import { stringifyFinite } from '../sim/json';

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
  /** Episodes of the end-of-run runoff between the best snapshot and the last (0: none). */
  runoffEpisodes: number;
}

export interface ValidationRow {
  step: number;
  /** The learning teams' mean return per agent on PettingZoo's reward (the score best.json is chosen by). */
  score: number;
  best: boolean;
  /** With several opponents (`--validate-against`): each one's score, the row's score being their mean. */
  byOpponent?: Record<string, number>;
  /** At the run's end, when an earlier snapshot was best: both scores on the runoff's episodes and which one best.json holds. */
  runoff?: Runoff;
  /** The scenario's measures (coverage, capture rate, ...) of these episodes (with several opponents, their mean). */
  [measure: string]: number | boolean | Record<string, number> | Runoff | undefined;
}

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
  private readonly schedule: ValidationSchedule;
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
    this.schedule = new ValidationSchedule(settings.every, step);
  }

  /** Validate if the run has passed the next validation step (and always at its end); the row, or null. */
  maybeRun(trainer: Trainer): ValidationRow | null {
    if (!this.schedule.due(trainer.step, trainer.done)) return null;
    // the snapshot as the file best.json would hold
    const snapshot = JSON.stringify(checkpointOf(trainer, false));
    const opponents = validationOpponents(this.settings.opponents, this.settings.against);
    const { score, measures, byOpponent } = scoreSnapshot(snapshot, opponents, this.settings.episodes, this.settings.seed, this.registry);
    const best = score > this.best;
    if (best) {
      this.best = score;
      writeFileAtomic(join(this.out, 'best.json'), snapshot);
    }
    const row: ValidationRow = { step: trainer.step, score, best, ...measures };
    if (byOpponent) row.byOpponent = byOpponent;
    if (trainer.done && !best) row.runoff = this.runoff(snapshot, opponents) ?? undefined;
    if (row.runoff?.kept === 'last') row.best = true;
    appendFileSync(this.file, `${stringifyFinite(row, 'the validation row')}\n`);
    return row;
  }

  /** The end-of-run runoff (`runoff`), best.json then holding the winner; null when there is nothing to match. */
  private runoff(last: string, opponents: readonly string[]): Runoff | null {
    const file = join(this.out, 'best.json');
    if (this.settings.runoffEpisodes <= 0 || !existsSync(file)) return null;
    const result = runoff(readFileSync(file, 'utf8'), last, opponents, this.settings.runoffEpisodes, this.settings.seed, this.registry);
    if (result.kept === 'last') writeFileAtomic(file, last);
    return result;
  }
}
