import { ParallelEnv } from '../sim/env';
import { ArenaInputError } from '../sim/errors';
import { parseJson } from '../sim/json';
import type { Space } from '../sim/spaces';
import { parseArgs, type FlagSpec } from './args';

/**
 * `arena serve-env`: the env over stdio for other languages, one JSON object per line each way (the
 * protocol of `scripts/arena_env.py`, a PettingZoo-shaped ParallelEnv in Python). JSON lines rather than
 * a binary framing: any language reads them, and a step of a small MPE world is a few hundred bytes.
 *
 * Requests: {"cmd": "make", "env": "simple_tag_v3", "kwargs": {...}} | {"cmd": "reset", "seed": 0,
 * "options": null} | {"cmd": "step", "actions": {agent: action}} | {"cmd": "state"} | {"cmd": "close"},
 * each with an optional "id" the reply echoes (a client checks it never reads another request's reply).
 * Every reply is {"ok": true, ...} or {"ok": false, "error": message, "field": name}: a bad request is
 * answered and the server goes on (the env unchanged, as the API promises). Numbers that are not finite
 * (none in MPE's observations or rewards) are written as the strings "NaN", "Infinity", "-Infinity".
 */

export const SERVE_ENV_FLAGS: Record<string, FlagSpec> = {};

/** Largest request line read: a step's actions are a few hundred bytes. */
const MAX_REQUEST_CHARS = 1_000_000;

/** The keys each request may hold: a misspelt one ("seeds") is named, not ignored. */
const REQUEST_KEYS: Record<string, string[]> = {
  make: ['cmd', 'id', 'env', 'kwargs'],
  reset: ['cmd', 'id', 'seed', 'options'],
  step: ['cmd', 'id', 'actions'],
  state: ['cmd', 'id'],
  close: ['cmd', 'id'],
};

/** A space as the Python client builds it (gymnasium's names and fields, infinities as strings in JSON). */
const spaceJson = (s: Space) =>
  s.type === 'Discrete'
    ? { type: 'Discrete', n: s.n, start: s.start }
    : { type: 'Box', low: String(s.low), high: String(s.high), shape: s.shape, dtype: s.dtype };

/** Float32 observations as plain lists: each value is the float32 exactly (a double holds it), so Python's np.float32 of it is the same. */
const observationsJson = (obs: Record<string, Float32Array>) => Object.fromEntries(Object.entries(obs).map(([a, o]) => [a, Array.from(o)]));

export class EnvServer {
  private env: ParallelEnv | null = null;

  /** One request line to one reply object. */
  handle(line: string): Record<string, unknown> {
    let id: unknown = null;
    try {
      const req = parseJson(line, 'request', 'one JSON object per line', { maxChars: MAX_REQUEST_CHARS }) as Record<string, unknown> | null;
      if (typeof req !== 'object' || req === null || Array.isArray(req))
        throw new ArenaInputError('request', req, '{"cmd": "make" | "reset" | "step" | "state" | "close", ...}');
      id = typeof req.id === 'number' || typeof req.id === 'string' ? req.id : null;
      const keys = typeof req.cmd === 'string' && Object.hasOwn(REQUEST_KEYS, req.cmd) ? REQUEST_KEYS[req.cmd] : null;
      if (!keys) throw new ArenaInputError('request.cmd', req.cmd, 'make, reset, step, state or close');
      const extra = Object.keys(req).find((k) => !keys.includes(k));
      if (extra !== undefined) throw new ArenaInputError(`request.${extra}`, 'an unknown key', `only ${keys.join(', ')} in a ${String(req.cmd)} request`);
      return { ok: true, id, ...this.run(req) };
    } catch (err) {
      if (err instanceof ArenaInputError) return { ok: false, id, error: err.message, field: err.field };
      return { ok: false, id, error: `internal error: ${(err as Error)?.message ?? String(err)}`, field: null };
    }
  }

  private run(req: Record<string, unknown>): Record<string, unknown> {
    switch (req.cmd) {
      case 'make': {
        if (typeof req.env !== 'string') throw new ArenaInputError('make.env', req.env, 'an env name such as simple_tag_v3');
        const kwargs = req.kwargs ?? {};
        if (typeof kwargs !== 'object' || kwargs === null || Array.isArray(kwargs))
          throw new ArenaInputError('make.kwargs', kwargs, 'an object of env options');
        const env = new ParallelEnv(req.env, kwargs as Record<string, unknown>);
        this.env?.close();
        this.env = env;
        const agents = [...env.possibleAgents];
        return {
          metadata: env.metadata,
          possible_agents: agents,
          max_cycles: env.scenario.maxCycles,
          state_size: env.state().length,
          observation_spaces: Object.fromEntries(agents.map((a) => [a, spaceJson(env.observationSpace(a))])),
          action_spaces: Object.fromEntries(agents.map((a) => [a, spaceJson(env.actionSpace(a))])),
        };
      }
      case 'reset': {
        const env = this.need();
        const { observations, infos } = env.reset({
          ...(req.seed !== undefined && req.seed !== null ? { seed: req.seed as number } : {}),
          ...(req.options !== undefined && req.options !== null ? { options: req.options as Record<string, unknown> } : {}),
        });
        return { observations: observationsJson(observations), infos, agents: [...env.agents] };
      }
      case 'step': {
        const env = this.need();
        const r = env.step(req.actions as Record<string, number | number[]>);
        return {
          observations: observationsJson(r.observations),
          rewards: r.rewards,
          terminations: r.terminations,
          truncations: r.truncations,
          infos: r.infos,
          agents: [...env.agents],
        };
      }
      case 'state':
        return { state: Array.from(this.need().state()) };
      default:
        // close
        this.env?.close();
        this.env = null;
        return {};
    }
  }

  private need(): ParallelEnv {
    if (!this.env) throw new ArenaInputError('request', 'no env', 'a "make" request first');
    return this.env;
  }
}

/**
 * Request lines from a stream, each at most `limit` characters: a longer one (a client that never sends
 * a newline) is dropped as it arrives and given as null, so the server's memory stays bounded.
 */
export async function* boundedLines(input: AsyncIterable<string | Buffer>, limit: number): AsyncGenerator<string | null> {
  let pending = '';
  let tooLong = false;
  for await (const chunk of input) {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop()!;
    for (const line of parts) {
      yield tooLong || line.length > limit ? null : line.replace(/\r$/, '');
      tooLong = false;
    }
    if (pending.length > limit) [pending, tooLong] = ['', true];
  }
  if (tooLong) yield null;
  else if (pending.trim()) yield pending;
}

/** Serve requests from stdin until it closes. */
export async function serveEnvCommand(argv: string[]): Promise<number> {
  parseArgs('serve-env', argv, SERVE_ENV_FLAGS);
  const server = new EnvServer();
  for await (const line of boundedLines(process.stdin, MAX_REQUEST_CHARS)) {
    if (line !== null && !line.trim()) continue;
    const answer =
      line === null
        ? {
            ok: false,
            id: null,
            error: `request: got a line over ${MAX_REQUEST_CHARS.toLocaleString('en-US')} characters; allowed: one JSON object per line`,
            field: 'request',
          }
        : server.handle(line);
    const reply = JSON.stringify(answer, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    if (!process.stdout.write(`${reply}\n`)) await new Promise((done) => process.stdout.once('drain', done));
  }
  return 0;
}
