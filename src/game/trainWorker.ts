/// <reference lib="webworker" />
/**
 * Training in a Web Worker: the same Trainer as the CLI (with the same built-in opponents), driven by
 * messages. It lives with the game because it uses both the agents and the controller plugins.
 *   in:  {type: 'start', scenario, options, algo, config, wasm} | {type: 'stop'} | {type: 'pause'} | {type: 'resume'}
 *        | {type: 'snapshot'} (the current policy, while training goes on)
 *   out: {type: 'ready', backend, warning} | {type: 'iteration', metrics} | {type: 'snapshot', ckpt}
 *        | {type: 'validation', step, score, best, runoff?} (every `validateEvery` env steps and at the end)
 *        | {type: 'save', ckpt} (with its training state, every `saveEvery` iterations)
 *        | {type: 'checkpoint', ckpt, best} (at the end: the last state, with its training state, and the
 *          best validated snapshot, or the last one if it won the runoff) | {type: 'error', message}
 */
import { checkpointOf, readCheckpoint, type CheckpointJson } from '../agents/checkpoint';
import { restoreTrainer } from '../agents/resume';
import type { PPOConfig } from '../agents/config';
import { initTf } from '../agents/tf';
import { Trainer, type Algo } from '../agents/trainer';
import { trainingOpponents, warmStartTeachers } from '../plugins/trainingOpponents';
import { DEFAULT_PPO } from '../agents/config';
import { builtinControllers } from '../plugins/registry';
import { runoff, scoreSnapshot, validationOpponents, ValidationSchedule, VALIDATION_SEED, type Runoff } from '../plugins/validate';

export interface StartMessage {
  type: 'start';
  scenario: string;
  options: Record<string, unknown>;
  algo: Algo;
  config: Partial<PPOConfig>;
  wasm: Record<string, string>;
  /** Continue this run (a checkpoint with its training state) instead of starting afresh. */
  resume?: CheckpointJson;
  /** Send a checkpoint with its training state (`save`) every this many iterations. */
  saveEvery?: number;
  /** Teams played by built-in controllers while the others learn, as `arena train --opponents`. */
  opponents?: string;
  /**
   * Env steps between validations (0 or absent: none), as `arena train --validate-every`: the policy plays
   * `validateEpisodes` episodes from the CLI's validation seed against the first opponent (scripted where
   * none), and the best-scoring snapshot is the one handed back at the end.
   */
  validateEvery?: number;
  validateEpisodes?: number;
  /** At the end, when an earlier snapshot validated best, it and the last play this many fresh episodes and the winner is handed back (0 or absent: none), as `arena train --validate-runoff`. */
  runoffEpisodes?: number;
}

export interface ValidationMessage {
  type: 'validation';
  step: number;
  score: number;
  best: boolean;
  /** The end-of-run runoff, when there was one. */
  runoff?: Runoff;
}

/** Answers the page's messages: one training at a time, its controls local to this worker. */
export function serve(scope: Pick<DedicatedWorkerGlobalScope, 'postMessage' | 'onmessage'>): void {
  let stopRequested = false;
  let paused = false;
  let snapshotRequested = false;

  scope.onmessage = async (event: MessageEvent<StartMessage | { type: 'stop' | 'pause' | 'resume' | 'snapshot' }>) => {
    const msg = event.data;
    if (msg.type === 'stop') {
      stopRequested = true;
      return;
    }
    if (msg.type === 'pause' || msg.type === 'resume') {
      paused = msg.type === 'pause';
      return;
    }
    if (msg.type === 'snapshot') {
      snapshotRequested = true;
      return;
    }
    if (msg.type !== 'start') return;
    try {
      const init = await initTf(msg.wasm);
      scope.postMessage({ type: 'ready', backend: init.backend, warning: init.warning });
      const resume = msg.resume ? readCheckpoint(msg.resume) : null;
      const config = resume ? { ...resume.ckpt.config, totalSteps: msg.config.totalSteps } : msg.config;
      const full = { ...DEFAULT_PPO, ...config };
      const fixedRoles = msg.opponents ? trainingOpponents(msg.scenario, msg.options, msg.opponents, full.numEnvs, full.seed) : undefined;
      // imitate the teacher first where it plays every learning team (as arena train --warm-start); the
      // default teacher is skipped where it cannot, a chosen one is refused by name
      let teachers: ReturnType<typeof warmStartTeachers>;
      try {
        teachers = msg.algo === 'competitive' ? undefined : warmStartTeachers(msg.scenario, msg.options, full, fixedRoles);
      } catch (err) {
        if (full.teacher !== DEFAULT_PPO.teacher) throw err;
        teachers = undefined;
      }
      const trainer = new Trainer({
        scenario: msg.scenario,
        options: msg.options,
        algo: msg.algo,
        config: teachers ? config : { ...config, warmStartSteps: 0 },
        fixedRoles,
        teachers,
      });
      if (resume) for (const w of restoreTrainer(trainer, resume.ckpt, resume.policies)) scope.postMessage({ type: 'warning', message: w });
      // validation as arena train's: a run can get worse after its peak, and the page then keeps the peak
      const every = msg.algo === 'competitive' ? 0 : (msg.validateEvery ?? 0);
      const registry = builtinControllers();
      const opponents = validationOpponents(msg.opponents);
      const schedule = new ValidationSchedule(every, trainer.step);
      let best = null as { score: number; ckpt: CheckpointJson } | null;
      const validate = (end = false) => {
        const snapshot = checkpointOf(trainer, false);
        const text = JSON.stringify(snapshot);
        const { score } = scoreSnapshot(text, opponents, msg.validateEpisodes ?? 50, VALIDATION_SEED, registry);
        const better = !best || score > best.score;
        const message: ValidationMessage = { type: 'validation', step: trainer.step, score, best: better };
        if (better) best = { score, ckpt: snapshot };
        else if (end && best && (msg.runoffEpisodes ?? 0) > 0) {
          message.runoff = runoff(JSON.stringify(best.ckpt), text, opponents, msg.runoffEpisodes!, VALIDATION_SEED, registry);
          if (message.runoff.kept === 'last') [best, message.best] = [{ score, ckpt: snapshot }, true];
        }
        scope.postMessage(message);
      };
      while (!trainer.done && !stopRequested) {
        if (snapshotRequested) {
          snapshotRequested = false;
          scope.postMessage({ type: 'snapshot', ckpt: checkpointOf(trainer, false) });
        }
        if (paused) {
          await new Promise((done) => setTimeout(done, 100));
          continue;
        }
        scope.postMessage({ type: 'iteration', metrics: trainer.trainIteration() });
        if (schedule.due(trainer.step, false)) validate(trainer.done);
        if (msg.saveEvery && trainer.iteration % msg.saveEvery === 0) scope.postMessage({ type: 'save', ckpt: checkpointOf(trainer, true) });
        await new Promise((done) => setTimeout(done, 0)); // let messages arrive
      }
      if (trainer.step > 0 && schedule.due(trainer.step, true)) validate(true); // the last state too, and the runoff, as arena train does
      scope.postMessage({ type: 'checkpoint', ckpt: checkpointOf(trainer, true), best: best?.ckpt });
      trainer.dispose();
    } catch (err) {
      scope.postMessage({ type: 'error', message: (err as Error).message });
    }
  };
}

// in a worker; imported elsewhere (a test driving `serve` with its own scope), nothing starts
if (typeof self !== 'undefined') serve(self as unknown as DedicatedWorkerGlobalScope);
