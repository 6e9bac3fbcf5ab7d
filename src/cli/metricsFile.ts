import { ArenaInputError } from '../sim/errors';
import { parseJson } from '../sim/json';
import { readTextFile } from './files';

/** Largest metrics.jsonl read: a row is under 1 kB, so this is a run of a million iterations. */
const MAX_METRICS_BYTES = 1024 * 1024 * 1024;
/** Largest step a row may name (see the resume check): a trillion env steps. */
const MAX_STEP = 1e12;
/** Largest metric magnitude plotted: losses of a diverging run stay far below; 1e300 is a broken file. */
const MAX_METRIC = 1e15;

export type MetricsRow = Record<string, unknown> & { step: number };

/**
 * The rows of a run's metrics.jsonl, each checked: a JSON object whose `step` is an integer from 0 to
 * 1e12 and, with `metric`, whose value of it is a number or null (an iteration without it). A last line
 * cut short (the process was killed while appending) is dropped; any other bad line is an error naming
 * the file, the line and the field.
 */
export function readMetricsRows(path: string, metric?: string): MetricsRow[] {
  const lines = readTextFile('metrics', path, 'a metrics.jsonl file written by arena train', MAX_METRICS_BYTES).split('\n');
  const rows: MetricsRow[] = [];
  lines.forEach((line, k) => {
    if (!line.trim()) return;
    const at = `${path} line ${k + 1}`;
    let row: unknown;
    try {
      row = parseJson(line, at, 'one JSON object per line', { maxChars: 1e6, shown: line.slice(0, 60) });
    } catch (err) {
      // a line cut short by a kill while appending is the last and has no newline (a row is written with its own)
      if (k === lines.length - 1) return;
      throw err;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new ArenaInputError(at, row, "a JSON object of one iteration's metrics");
    const r = row as Record<string, unknown>;
    if (!(Number.isInteger(r.step) && (r.step as number) >= 0 && (r.step as number) <= MAX_STEP))
      throw new ArenaInputError(`${at}: step`, r.step, `an integer from 0 to ${MAX_STEP} (env steps trained)`);
    if (metric !== undefined && r[metric] !== undefined && r[metric] !== null && !(typeof r[metric] === 'number' && Math.abs(r[metric]) <= MAX_METRIC))
      throw new ArenaInputError(`${at}: ${metric}`, r[metric], `a number up to ${MAX_METRIC} in magnitude, or null for an iteration without it`);
    const previous = rows[rows.length - 1]?.step;
    if (previous !== undefined && (r.step as number) <= previous)
      throw new ArenaInputError(`${at}: step`, r.step, `more than ${previous}, the step of the row before (one row per iteration, in order)`);
    rows.push(r as MetricsRow);
  });
  return rows;
}
