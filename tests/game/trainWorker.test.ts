import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckpointJson } from '../../src/agents/checkpoint';
import { initTfNode } from '../../src/agents/tfNode';
import { serve, type StartMessage, type ValidationMessage } from '../../src/game/trainWorker';
import { builtinControllers } from '../../src/plugins/registry';
import { RUNOFF_SEED_OFFSET, scoreSnapshot, VALIDATION_SEED } from '../../src/plugins/validate';

/** The worker's message loop, driven in Node with a scope that collects what it posts. */
async function runWorker(start: Omit<StartMessage, 'type' | 'wasm'>): Promise<{ type: string; [k: string]: unknown }[]> {
  const posted: { type: string; [k: string]: unknown }[] = [];
  const scope = { postMessage: (m: { type: string }) => posted.push(m), onmessage: null as unknown };
  serve(scope as unknown as Parameters<typeof serve>[0]);
  // tfjs is already up (initTfNode), so the worker's own start reuses it
  await (scope.onmessage as (e: { data: StartMessage }) => Promise<void>)({ data: { type: 'start', wasm: {}, ...start } });
  return posted;
}

describe('training in the page (the Web Worker)', () => {
  beforeAll(async () => {
    await initTfNode();
  });

  it('validates as it trains and hands back its best validated snapshot besides the last state', async () => {
    const posted = await runWorker({
      scenario: 'simple_spread',
      options: { N: 2, continuous_actions: false, max_cycles: 25 },
      algo: 'shared',
      config: { numEnvs: 4, numSteps: 25, totalSteps: 1000, seed: 3 },
      validateEvery: 200,
      validateEpisodes: 4,
    });
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
    const validations = posted.filter((m) => m.type === 'validation') as unknown as ValidationMessage[];
    expect(validations.map((v) => v.step)).toEqual([200, 400, 600, 800, 1000]);
    // "best" marks each new highest score
    let top = -Infinity;
    for (const v of validations) {
      expect(Number.isFinite(v.score)).toBe(true);
      expect(v.best).toBe(v.score > top);
      top = Math.max(top, v.score);
    }
    const end = posted.find((m) => m.type === 'checkpoint') as unknown as { ckpt: CheckpointJson; best: CheckpointJson };
    expect(end.ckpt.step).toBe(1000);
    expect(end.ckpt.training).toBeDefined(); // the last state resumes
    const bestRow = validations.filter((v) => v.best).at(-1)!;
    expect(end.best.step).toBe(bestRow.step);
    expect(end.best.training).toBeUndefined();
    // the snapshot handed back is the one that scored it
    expect(scoreSnapshot(JSON.stringify(end.best), ['scripted'], 4, VALIDATION_SEED, builtinControllers()).score).toBeCloseTo(bestRow.score, 10);
  }, 60_000);

  it('at the end, the best validated snapshot meets the last on fresh episodes and the winner is handed back', async () => {
    // seeds on which an earlier snapshot validated best and the runoff keeps it once and the last one once
    const kept: string[] = [];
    for (const seed of [1, 3]) {
      const posted = await runWorker({
        scenario: 'simple_spread',
        options: { N: 2, continuous_actions: false, max_cycles: 25 },
        algo: 'shared',
        config: { numEnvs: 4, numSteps: 25, totalSteps: 1000, seed },
        validateEvery: 200,
        validateEpisodes: 4,
        runoffEpisodes: 20,
      });
      expect(posted.filter((m) => m.type === 'error')).toEqual([]);
      const validations = posted.filter((m) => m.type === 'validation') as unknown as ValidationMessage[];
      const earlier = validations.slice(0, -1);
      const top = Math.max(...earlier.map((v) => v.score));
      const last = validations.at(-1)!;
      const r = last.runoff!;
      expect(r.episodes).toBe(20);
      expect(r.bestStep).toBe(earlier.find((v) => v.score === top)!.step);
      expect(r.kept).toBe(r.last >= r.best ? 'last' : 'best');
      expect(last.best).toBe(r.kept === 'last');
      const end = posted.find((m) => m.type === 'checkpoint') as unknown as { best: CheckpointJson };
      expect(end.best.step).toBe(r.kept === 'last' ? 1000 : r.bestStep);
      // the snapshot handed back scored the winner's score on the runoff's episodes
      const score = scoreSnapshot(JSON.stringify(end.best), ['scripted'], 20, VALIDATION_SEED + RUNOFF_SEED_OFFSET, builtinControllers()).score;
      expect(score).toBeCloseTo(Math.max(r.best, r.last), 10);
      kept.push(r.kept);
    }
    expect(kept.sort()).toEqual(['best', 'last']);
  }, 90_000);

  it('validates nothing unless asked, nor in self-play', async () => {
    const posted = await runWorker({
      scenario: 'simple_tag',
      options: { continuous_actions: false, max_cycles: 25 },
      algo: 'competitive',
      config: { numEnvs: 2, numSteps: 25, totalSteps: 100, seed: 1 },
      validateEvery: 50,
    });
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
    expect(posted.some((m) => m.type === 'validation')).toBe(false);
    expect((posted.find((m) => m.type === 'checkpoint') as { best?: unknown }).best).toBeUndefined();
  }, 60_000);
  it('imitates the teacher the page chose for the prey, and refuses one that cannot drive the learning team', async () => {
    // shared PPO in tag, one team played by the scripted controller, the other imitating the lookahead prey first
    const tagRun = (opponents: string, totalSteps: number, warmStartSteps: number) =>
      runWorker({
        scenario: 'simple_tag',
        options: { continuous_actions: false, max_cycles: 25 },
        algo: 'shared',
        opponents,
        config: { numEnvs: 2, numSteps: 25, totalSteps, warmStartSteps, teacher: 'lookahead', seed: 1 },
      });
    const prey = await tagRun('scripted:predators', 200, 100);
    expect(prey.filter((m) => m.type === 'error')).toEqual([]);
    const rows = prey.filter((m) => m.type === 'iteration').map((m) => m.metrics as { step: number; imitation?: boolean });
    expect(rows.map((r) => [r.step, r.imitation ?? false])).toEqual([
      [50, true],
      [100, true],
      [150, false],
      [200, false],
    ]);
    const end = prey.find((m) => m.type === 'checkpoint') as unknown as { ckpt: CheckpointJson };
    expect(end.ckpt.config.teacher).toBe('lookahead');
    // the lookahead controller plays the prey only: asked to teach the predators, the run does not start
    const predators = await tagRun('scripted:prey', 100, 50);
    expect(predators.filter((m) => m.type === 'iteration')).toEqual([]);
    expect(String(predators.find((m) => m.type === 'error')?.message)).toMatch(/train --teacher.*lookahead/);
  }, 60_000);
});
