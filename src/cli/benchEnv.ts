import { ParallelEnv, type Action } from '../sim/env';
import { FastRandom } from '../sim/fastRandom';
import { VectorEnv } from '../sim/vectorEnv';

export interface EnvBenchResult {
  scenario: string;
  options: Record<string, number | boolean>;
  api: 'vector' | 'parallel';
  envs: number;
  seconds: number;
  envSteps: number;
  envStepsPerSec: number;
  agentStepsPerSec: number;
}

/** Random actions, timed for about `seconds` after a short warm-up (so the JIT has compiled the loop). */
export function benchEnv(scenario: string, options: Record<string, unknown>, envs: number, seconds: number, api: 'vector' | 'parallel'): EnvBenchResult {
  const rng = new FastRandom(12345);
  let run: () => number;
  let numAgents: number;
  let resolved: Record<string, number | boolean>;
  if (api === 'vector') {
    const venv = new VectorEnv({ scenario, options, numEnvs: envs, seed: 0 });
    numAgents = venv.scenarios[0].agentNames.length;
    resolved = { ...venv.scenarios[0].options };
    run = () => {
      for (const r of venv.roles) {
        const a = r.actions;
        const space = r.actionSpace;
        if (space.type === 'Discrete') for (let i = 0; i < a.length; i++) a[i] = rng.int(space.n);
        else for (let i = 0; i < a.length; i++) a[i] = rng.next();
      }
      venv.step();
      return envs;
    };
  } else {
    const env = new ParallelEnv(scenario, options);
    env.reset({ seed: 0 });
    numAgents = env.possibleAgents.length;
    resolved = { ...env.scenario.options };
    const spaces = env.possibleAgents.map((a) => env.actionSpace(a));
    run = () => {
      const actions: Record<string, Action> = {};
      env.agents.forEach((name, i) => {
        const s = spaces[i];
        actions[name] = s.type === 'Discrete' ? rng.int(s.n) : Array.from({ length: s.shape[0] }, () => rng.next());
      });
      env.step(actions);
      if (env.agents.length === 0) env.reset();
      return 1;
    };
  }
  const warmUntil = performance.now() + Math.min(500, seconds * 250);
  while (performance.now() < warmUntil) run();
  let steps = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (let k = 0; k < 64; k++) steps += run();
    elapsed = (performance.now() - t0) / 1000;
  }
  const perSec = steps / elapsed;
  return {
    scenario,
    options: resolved,
    api,
    envs: api === 'vector' ? envs : 1,
    seconds: Number(elapsed.toFixed(3)),
    envSteps: steps,
    envStepsPerSec: Math.round(perSec),
    agentStepsPerSec: Math.round(perSec * numAgents),
  };
}
