import { createInterface } from 'node:readline';
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
 * "options": null} | {"cmd": "step", "actions": {agent: action}} | {"cmd": "close"}. Every reply is
 * {"ok": true, ...} or {"ok": false, "error": message, "field": name}: a bad request is answered and the
 * server goes on (the env unchanged, as the API promises).
 */

export const SERVE_ENV_FLAGS: Record<string, FlagSpec> = {};

/** Largest request line read: a step's actions are a few hundred bytes. */
const MAX_REQUEST_CHARS = 1_000_000;

/** A space as the Python client builds it (gymnasium's names and fields, infinities as strings in JSON). */
const spaceJson = (s: Space) =>
  s.type === 'Discrete'
    ? { type: 'Discrete', n: s.n, start: s.start }
    : { type: 'Box', low: String(s.low), high: String(s.high), shape: s.shape, dtype: s.dtype };

const dict = <T, U>(o: Record<string, T>, f: (v: T) => U) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/** Float32 observations as plain lists: each value is the float32 exactly (a double holds it), so Python's np.float32 of it is the same. */
const observationsJson = (obs: Record<string, Float32Array>) => dict(obs, (o) => Array.from(o));

export class EnvServer {
  private env: ParallelEnv | null = null;

  /** One request line to one reply object. */
  handle(line: string): Record<string, unknown> {
    try {
      const req = parseJson(line, 'request', 'one JSON object per line', { maxChars: MAX_REQUEST_CHARS }) as Record<string, unknown> | null;
      if (typeof req !== 'object' || req === null || Array.isArray(req))
        throw new ArenaInputError('request', req, '{"cmd": "make" | "reset" | "step" | "close", ...}');
      return { ok: true, ...this.run(req) };
    } catch (err) {
      if (err instanceof ArenaInputError) return { ok: false, error: err.message, field: err.field };
      return { ok: false, error: `internal error: ${(err as Error)?.message ?? String(err)}`, field: null };
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
      case 'close':
        this.env?.close();
        this.env = null;
        return {};
      default:
        throw new ArenaInputError('request.cmd', req.cmd, 'make, reset, step or close');
    }
  }

  private need(): ParallelEnv {
    if (!this.env) throw new ArenaInputError('request', 'no env', 'a "make" request first');
    return this.env;
  }
}

/** Serve requests from stdin until it closes. */
export async function serveEnvCommand(argv: string[]): Promise<number> {
  parseArgs('serve-env', argv, SERVE_ENV_FLAGS);
  const server = new EnvServer();
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const reply = JSON.stringify(server.handle(line), (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    if (!process.stdout.write(`${reply}\n`)) await new Promise((done) => process.stdout.once('drain', done));
  }
  return 0;
}
