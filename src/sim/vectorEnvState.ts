import { ArenaInputError } from './errors';
import { isRecord, refuseUnknownKeys } from './readInput';
import type { Pcg64State } from './rng';
import type { Scenario } from './scenario';
import { checkSnapshot, type CheckedSnapshot, type WorldSnapshot } from './worldState';

/** Everything a vector env needs to continue exactly where it was (JSON-friendly; see `VectorEnv.getState`). */
export interface VectorEnvState {
  envs: { world: WorldSnapshot; rng: { state: string; inc: string; hasUint32: boolean; uinteger: number } }[];
  /** Running episode returns per role, [env][agent of role]. */
  episodeReturns: Record<string, number[]>;
  episodesDone: number;
}

/** A vector env state read once and checked whole: what `VectorEnv.setState` applies. */
export interface CheckedVectorEnvState {
  worlds: CheckedSnapshot[];
  rngs: Pcg64State[];
  /** Per role, in role order. */
  returns: Float64Array[];
  episodesDone: number;
}

const TWO_128 = 1n << 128n;

/** Largest running return a state may hold: no MPE episode earns near it, and sums of 1e300 overflow. */
export const MAX_RETURN = 1e12;

/** A PCG64 word as getState writes it: a decimal string below 2^128 (BigInt alone would take "", "0x1f", true). */
function readWord(field: string, value: unknown, odd: boolean): bigint {
  const allowed = `a decimal string of an integer from 0 to 2^128 - 1${odd ? ', odd (a PCG64 increment)' : ''}`;
  if (typeof value !== 'string' || !/^[0-9]{1,39}$/.test(value)) throw new ArenaInputError(field, value, allowed);
  const word = BigInt(value);
  if (word >= TWO_128 || (odd && word % 2n === 0n)) throw new ArenaInputError(field, value, allowed);
  return word;
}

function readRng(field: string, value: unknown): Pcg64State {
  const allowed = 'an object {state, inc, hasUint32, uinteger}';
  if (!isRecord(value)) throw new ArenaInputError(field, value, allowed);
  refuseUnknownKeys(field, value, ['state', 'inc', 'hasUint32', 'uinteger'], allowed);
  const { state, inc, hasUint32, uinteger } = value as Record<string, unknown>;
  const s = readWord(`${field}.state`, state, false);
  const i = readWord(`${field}.inc`, inc, true);
  if (typeof hasUint32 !== 'boolean') throw new ArenaInputError(`${field}.hasUint32`, hasUint32, 'true or false');
  if (typeof uinteger !== 'number' || !Number.isInteger(uinteger) || uinteger < 0 || uinteger > 0xffffffff) {
    throw new ArenaInputError(`${field}.uinteger`, uinteger, 'an integer from 0 to 4294967295 (a buffered 32-bit word)');
  }
  return { state: s, inc: i, hasUint32, uinteger };
}

function readReturns(field: string, value: unknown, length: number): Float64Array {
  const allowed = `${length} finite numbers of magnitude up to ${MAX_RETURN}`;
  if (!Array.isArray(value) || value.length !== length) throw new ArenaInputError(field, value, allowed);
  const out = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const v: unknown = value[k];
    if (typeof v !== 'number' || !(Math.abs(v) <= MAX_RETURN)) throw new ArenaInputError(`${field}[${k}]`, v, allowed);
    out[k] = v;
  }
  return out;
}

/**
 * Check a whole vector env state without changing anything: every env's world and generator, the
 * returns and the counter. `st` is plain data (`readPlain`'s copy, which is what gets applied); keys
 * `getState` never writes are refused, as a misspelt one would otherwise be silently ignored.
 */
export function checkVectorEnvState(
  st: unknown,
  field: string,
  scenarios: readonly Scenario[],
  roles: readonly { name: string; episodeReturns: Float64Array }[],
): CheckedVectorEnvState {
  const allowed = 'an object {envs, episodeReturns, episodesDone} (VectorEnv.getState())';
  if (!isRecord(st)) throw new ArenaInputError(field, st, allowed);
  refuseUnknownKeys(field, st, ['envs', 'episodeReturns', 'episodesDone'], allowed);
  const { envs, episodeReturns, episodesDone } = st as Record<string, unknown>;
  const n = scenarios.length;
  const count = Array.isArray(envs) ? envs.length : -1;
  if (count !== n) throw new ArenaInputError(`${field}.envs`, count >= 0 ? `${count} envs` : envs, `${n} envs`);
  const worlds: CheckedSnapshot[] = [];
  const rngs: Pcg64State[] = [];
  for (let e = 0; e < n; e++) {
    const env: unknown = (envs as unknown[])[e];
    if (!isRecord(env)) throw new ArenaInputError(`${field}.envs[${e}]`, env, 'an object {world, rng}');
    refuseUnknownKeys(`${field}.envs[${e}]`, env, ['world', 'rng'], 'an object {world, rng}');
    rngs.push(readRng(`${field}.envs[${e}].rng`, env.rng));
    worlds.push(checkSnapshot(scenarios[e], env.world as WorldSnapshot, `${field}.envs[${e}].world`, true));
  }
  const returnsAllowed = `an object with the running returns of ${roles.map((r) => r.name).join(', ')}`;
  if (!isRecord(episodeReturns)) throw new ArenaInputError(`${field}.episodeReturns`, episodeReturns, returnsAllowed);
  refuseUnknownKeys(
    `${field}.episodeReturns`,
    episodeReturns,
    roles.map((r) => r.name),
    returnsAllowed,
    'role',
  );
  const byRole = episodeReturns;
  const returns = roles.map((r) => readReturns(`${field}.episodeReturns.${r.name}`, byRole[r.name], r.episodeReturns.length));
  if (typeof episodesDone !== 'number' || !Number.isSafeInteger(episodesDone) || episodesDone < 0) {
    throw new ArenaInputError(`${field}.episodesDone`, episodesDone, 'a non-negative integer (episodes finished so far)');
  }
  return { worlds, rngs, returns, episodesDone };
}
