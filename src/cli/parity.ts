import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArenaInputError } from '../sim/errors';
import { checkTrajectory, failedParity, PARITY_TOLERANCE, type ParityResult } from '../sim/parity';
import { scenarioEntry } from '../sim/scenarios';
import { actionWidth } from '../sim/spaces';

export interface ParityReport {
  ok: boolean;
  dir: string;
  tolerance: typeof PARITY_TOLERANCE;
  checked: number;
  passed: number;
  failed: number;
  maxObsError: number;
  maxStateError: number;
  maxRewardError: number;
  maxResetError: number;
  specProblems: string[];
  results: ParityResult[];
}

interface ManifestFile {
  path: string;
  kind: string;
  sha256?: string;
}

/**
 * Checks a spec file's constants (agents, observation sizes, action spaces, entity constants) against the
 * scenario built from the same options. Returns the mismatches.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a spec file is free-form JSON, checked field by field below
export function checkSpec(name: string, spec: Record<string, any>): string[] {
  const problems: string[] = [];
  try {
    const sc = scenarioEntry(spec.env).create({ ...spec.env_kwargs });
    const agents = spec.possible_agents as string[];
    if (JSON.stringify(agents) !== JSON.stringify(sc.agentNames)) problems.push(`${name}: agents ${agents} != ${sc.agentNames}`);
    agents.forEach((a, i) => {
      if (spec.observation_dims?.[a] !== sc.obsDims[i]) problems.push(`${name}: obs dim of ${a} ${spec.observation_dims?.[a]} != ${sc.obsDims[i]}`);
      const space = sc.actionSpaces[i];
      const want = spec.action_spaces?.[a];
      const count = spec.action_counts?.[a];
      if (want?.type === 'Discrete' || count !== undefined) {
        const n = want?.n ?? count;
        if (space.type !== 'Discrete' || space.n !== n) problems.push(`${name}: action space of ${a} is not Discrete(${n})`);
      } else if (want?.type === 'Box') {
        if (space.type !== 'Box' || actionWidth(space) !== want.shape[0]) problems.push(`${name}: action space of ${a} is not Box(${want.shape})`);
      }
    });
    const w = sc.world;
    for (const e of spec.entities ?? []) {
      const i = w.index(e.name);
      if (i < 0) {
        problems.push(`${name}: entity ${e.name} missing`);
        continue;
      }
      const mine = w.entities[i];
      const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
      if (mine.size !== e.size || !same(mine.accel, e.accel) || !same(mine.maxSpeed, e.max_speed) || mine.movable !== e.movable || mine.collide !== e.collide) {
        problems.push(`${name}: constants of ${e.name} differ`);
      }
      if (e.silent !== undefined && mine.silent !== e.silent) problems.push(`${name}: ${e.name} silent ${mine.silent} != ${e.silent}`);
    }
    if (spec.world && spec.world.dim_c !== w.dimC) problems.push(`${name}: dim_c ${w.dimC} != ${spec.world.dim_c}`);
  } catch (err) {
    problems.push(`${name}: could not be checked: ${(err as Error).message}`);
  }
  return problems;
}

/** Replays every trajectory of an `mpe-reference`-style folder (manifest.json, spec/, traj/). */
export function runParity(dir: string): ParityReport {
  if (!existsSync(dir)) throw new ArenaInputError('parity <dir>', dir, 'a folder with manifest.json, spec/ and traj/', 'no such folder');
  const results: ParityResult[] = [];
  const specProblems: string[] = [];
  const manifestPath = join(dir, 'manifest.json');
  const listed: ManifestFile[] = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')).files ?? []) : [];
  if (!existsSync(manifestPath)) specProblems.push('manifest.json missing: file list and checksums not checked');

  const trajPaths = new Set<string>(listed.filter((f) => f.kind === 'trajectory').map((f) => f.path));
  const trajDir = join(dir, 'traj');
  if (existsSync(trajDir)) for (const f of readdirSync(trajDir)) if (f.endsWith('.json')) trajPaths.add(`traj/${f}`);
  const sums = new Map(listed.map((f) => [f.path, f.sha256]));

  const readChecked = (path: string): { data?: unknown; problem?: string } => {
    const full = join(dir, path);
    if (!existsSync(full)) return { problem: 'listed in manifest.json but missing' };
    const bytes = readFileSync(full);
    const want = sums.get(path);
    if (want && createHash('sha256').update(bytes).digest('hex') !== want) return { problem: 'sha256 differs from manifest.json' };
    try {
      return { data: JSON.parse(bytes.toString('utf8')) };
    } catch (err) {
      return { problem: `not valid JSON: ${(err as Error).message}` };
    }
  };

  for (const f of listed.filter((x) => x.kind === 'spec')) {
    const { data, problem } = readChecked(f.path);
    if (problem) specProblems.push(`${f.path}: ${problem}`);
    else specProblems.push(...checkSpec(f.path, data as Record<string, unknown>));
  }

  for (const path of [...trajPaths].sort()) {
    const { data, problem } = readChecked(path);
    results.push(problem ? failedParity(path, [problem]) : checkTrajectory(path, data));
  }

  const max = (k: keyof ParityResult) => results.reduce((m, r) => Math.max(m, r[k] as number), 0);
  const passed = results.filter((r) => r.ok).length;
  return {
    ok: results.length > 0 && passed === results.length && specProblems.length === 0,
    dir,
    tolerance: PARITY_TOLERANCE,
    checked: results.length,
    passed,
    failed: results.length - passed,
    maxObsError: max('maxObsError'),
    maxStateError: max('maxStateError'),
    maxRewardError: max('maxRewardError'),
    maxResetError: max('maxResetError'),
    specProblems,
    results,
  };
}

const fmt = (x: number) => x.toExponential(1).padStart(8);

export function formatParity(report: ParityReport): string {
  const lines = report.results.map(
    (r) =>
      `${r.ok ? 'ok  ' : 'FAIL'} ${r.file.padEnd(44)} steps ${String(r.steps).padStart(3)}  obs ${fmt(r.maxObsError)}  state ${fmt(r.maxStateError)}  reward ${fmt(r.maxRewardError)}  reset ${fmt(r.maxResetError)}` +
      (r.problems.length ? `\n       ${r.problems.slice(0, 5).join('\n       ')}` : ''),
  );
  for (const p of report.specProblems) lines.push(`FAIL spec: ${p}`);
  const t = report.tolerance;
  lines.push(
    '',
    `max abs error: obs ${report.maxObsError.toExponential(2)} (limit ${t.obs}), state ${report.maxStateError.toExponential(2)} (limit ${t.state}), ` +
      `reward ${report.maxRewardError.toExponential(2)} (limit ${t.reward}), seeded reset ${report.maxResetError.toExponential(2)} (limit ${t.state})`,
    `parity ${report.ok ? 'PASSED' : 'FAILED'}: ${report.passed} of ${report.checked} trajectories within tolerance${report.specProblems.length ? `, ${report.specProblems.length} spec problems` : ''}`,
  );
  return lines.join('\n');
}
