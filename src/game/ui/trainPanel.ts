import { readCheckpoint, type CheckpointJson } from '../../agents/checkpoint';
import type { Algo, IterationMetrics } from '../../agents/trainer';
import type { Match } from '../../plugins/match';
import { policyControllerInfo } from '../../plugins/policyController';
import { teamsOf } from '../../plugins/teams';
import { forgetTraining, loadTraining, saveTraining } from '../config/checkpointStore';
import { WASM_URLS } from '../tfBrowser';
import { evaluate } from '../../plugins/evaluate';
import { learningCurve } from './learningCurve';
import { PPO_SETTINGS, resolvePPOConfig, type PPOConfig } from '../../agents/config';
import { SCENARIOS } from '../../sim/scenarios';
import type { BrowserTrainingStatus } from '../app';
import { downloadJson, el, select } from './dom';
import type { StartMessage, ValidationMessage } from '../trainWorker';

/** About ten minutes of spread N=3 in the page on the defaults (one minibatch x 2 epochs), the spread3 task's budget. */
const TOTAL_STEPS = 10_000_000;
/** Training episodes are PettingZoo's length (as `arena train`), whatever the arena shows; policies trained
 * so are checked in long rounds (tests/plugins/shippedPolicies.test.ts). */
const TRAIN_MAX_CYCLES = 25;
/** Env steps imitating a built-in controller first (the teacher), where it plays every learning team. */
const WARM_START_STEPS = 500_000;
/** Entities per interchangeable group from which the panel lists them nearest first by default (as the
 * spread N=3, 5 and 10 learning tasks; without it N=10 does not learn and N=3 imitates the greedy
 * assignment less well, docs/benchmarks.md). Only where it was measured to help: in tag the prey
 * learned no better with its predators sorted (3M steps), so tag offers it unticked. */
const SORT_FROM_COUNT = 3;
const SORTED_BY_DEFAULT = new Set(['simple_spread']);
/** Iterations between checkpoints kept in the browser. */
const SAVE_EVERY = 20;
/**
 * Validation in the worker (as arena train's, with fewer episodes): 50 episodes take about 1.5 s, some
 * 5% of the time between validations at the page's training speed (about 20k env steps/s on spread N=3).
 */
const VALIDATE_EVERY = 500_000;
const VALIDATE_EPISODES = 50;
/** The end-of-run runoff between the best validated snapshot and the last (arena train's plays 400): about 3 s on spread N=3. */
const RUNOFF_EPISODES = 100;

/** Algorithms that make sense for a scenario: competitive needs two teams, comm speaking agents. */
function algorithmsFor(match: Match): string[] {
  const sc = match.scenario;
  const speaks = match.agents.some((s) => !sc.world.isSilent(s.index));
  const teams = new Set(match.agents.map((s) => s.role)).size;
  return [...(speaks ? ['comm'] : []), 'shared', 'independent', 'mappo', ...(teams === 2 && !speaks ? ['competitive'] : [])];
}

/**
 * "Learn in this tab": PPO for the current scenario in a Web Worker, so the game keeps its frame rate.
 * Pause and resume; "Use current policy" puts a snapshot on its team in the arena while training goes
 * on; stopping hands the final policy back as `trained-here`; the last policy can be downloaded in the
 * checkpoint format the CLI reads.
 */
/** `training`: what the page reports of the training in this tab (the probe reads it). */
export function trainPanel(match: Match, training: BrowserTrainingStatus, onNewController: () => void): HTMLElement {
  const algos = algorithmsFor(match);
  const algoSelect = select(
    algos.map((a) => ({ value: a, label: a })),
    algos[0],
    { 'data-testid': 'train-algo', 'aria-label': 'Algorithm' },
  );
  const teams = teamsOf(match.scenario.id);
  /** The teams that learn when `learner` is chosen in the team list ('' : every team). */
  const learningTeams = (learner: string) => teams.filter((t) => !learner || t.name === learner);
  // one team learns while the others keep a built-in controller (scripted where there is one), or all learn
  const teamSelect = select([{ value: '', label: 'every team' }, ...(teams.length > 1 ? teams.map((t) => ({ value: t.name, label: t.label })) : [])], '', {
    'data-testid': 'train-team',
    'aria-label': 'Team to train',
  });
  // a few key settings, checked by the same rules as arena train's flags (resolvePPOConfig)
  const settings = {
    totalSteps: el('input', { type: 'number', value: TOTAL_STEPS, min: 1, step: 100000, 'data-testid': 'train-steps', 'aria-label': 'Env steps' }),
    learningRate: el('input', { type: 'number', value: 0.0007, min: 0, max: 1, step: 0.0001, 'data-testid': 'train-lr', 'aria-label': 'Learning rate' }),
    warmStartSteps: el('input', {
      type: 'number',
      value: WARM_START_STEPS,
      min: 0,
      step: 100000,
      'data-testid': 'train-warm',
      'aria-label': 'Imitation steps',
    }),
  };
  // the imitation's teacher: the built-in controllers (arena train --teacher) that can drive every learning team
  const teacherSelect = select([], 'scripted', { 'data-testid': 'train-teacher', 'aria-label': 'Teacher to imitate' });
  const teacherLabels: Record<string, string> = { scripted: 'scripted', lookahead: 'lookahead (plans ahead, slower)' };
  const offerTeachers = () => {
    const learning = learningTeams(teamSelect.value);
    const can = PPO_SETTINGS.teacher.choices.filter((id) => learning.every((t) => match.registry.forRole(match.scenario.id, t.role).some((c) => c.id === id)));
    const keep = can.find((id) => id === teacherSelect.value) ?? can[0] ?? '';
    teacherSelect.replaceChildren(...can.map((id) => el('option', { value: id, text: teacherLabels[id] ?? id })));
    teacherSelect.value = keep;
  };
  offerTeachers();
  teamSelect.addEventListener('change', offerTeachers);
  // where the scenario names interchangeable entities (spread's landmarks and agents): list them nearest first
  const groups = Object.values(SCENARIOS[match.scenario.id]?.interchangeable?.(match.scenario) ?? {}).flat();
  const sortEntities = el('input', { type: 'checkbox', 'data-testid': 'train-sort', 'aria-label': 'Entities nearest first' });
  sortEntities.checked = SORTED_BY_DEFAULT.has(match.scenario.id) && groups.some((g) => g.count >= SORT_FROM_COUNT);
  const statusLine = el('div', { 'data-testid': 'train-status', text: 'Train PPO on this scenario in the background while you watch or play.' });
  const button = el('button', { 'data-action': 'train', text: 'Train here' });
  const pause = el('button', { 'data-action': 'train-pause', text: 'Pause training', disabled: true });
  const swap = el('button', { 'data-action': 'train-use', text: 'Use current policy', disabled: true });
  const save = el('button', { 'data-action': 'train-download', text: 'Download', disabled: true });
  let worker: Worker | null = null;
  let paused = false;
  let last: CheckpointJson | null = null;
  let started = 0;
  let startStep = 0;
  let totalSteps = TOTAL_STEPS;
  let saveNote = '';
  /** The run kept in this browser (a reload offers it), which a new run would replace, and whether the person said so. */
  let savedRun: { step: number } | null = null;
  let replaceConfirmed = false;
  const sc = match.scenario;
  const resumeButton = el('button', { 'data-action': 'train-resume', text: 'Resume saved run', hidden: true });
  const forgetButton = el('button', { 'data-action': 'train-forget', text: 'Forget it', hidden: true });
  forgetButton.addEventListener('click', () => {
    forgetButton.blur();
    forgetTraining(sc.id).then(
      () => {
        savedNote.textContent = 'The saved run was deleted from this browser.';
        resumeButton.hidden = forgetButton.hidden = true;
        savedRun = null;
        button.textContent = 'Train here';
      },
      (err: Error) => (savedNote.textContent = `Could not delete the saved run: ${err.message}`),
    );
  });
  const savedNote = el('div', { 'data-testid': 'train-saved', class: 'note' });

  /** Keep a checkpoint in the browser; a failure is shown and the last saved one stays. */
  let runOpponents: string | undefined;
  const curve = learningCurve();

  /** What random and scripted controllers score in the learners' seats (the opponents as in training). */
  const baselines = (learner: string) => {
    const learning = learningTeams(learner);
    const score = (id: string): number | null => {
      if (!learning.every((t) => match.registry.forRole(sc.id, t.role).some((c) => c.id === id))) return null;
      const controllers: Record<string, string> = { default: 'scripted' };
      for (const t of teams) if (!match.registry.forRole(sc.id, t.role).some((c) => c.id === 'scripted')) controllers[t.name] = 'random';
      for (const t of learning) controllers[t.name] = id;
      const r = evaluate({
        scenario: sc.id,
        options: { ...sc.options, continuous_actions: false, max_cycles: TRAIN_MAX_CYCLES },
        controllers,
        registry: match.registry,
        episodes: 20,
        seed: 1000,
        deps: { seed: 1000 },
      });
      const own = r.teams.filter((t) => learning.some((l) => l.name === t.team));
      return own.reduce((a, t) => a + t.meanReturn, 0) / own.length;
    };
    const b = { random: score('random'), scripted: score('scripted') };
    training.baselines = b;
    curve.baselines(b.random, b.scripted);
  };
  const keep = (json: CheckpointJson) =>
    saveTraining(sc.id, json, runOpponents).then(
      () => (saveNote = ` · saved at ${json.step} steps`),
      (err: Error) => (saveNote = ` · saving failed (${err.message}); the last saved checkpoint is kept`),
    );

  /** Register a checkpoint from the worker as a controller; with `assign`, give it the teams it drives. */
  const adopt = (json: CheckpointJson, id: string, label: string, assign: boolean) => {
    const { ckpt, policies } = readCheckpoint(json);
    match.registry.register(policyControllerInfo(id, `${label} (${ckpt.step} steps)`, ckpt, policies, true));
    last = json;
    save.removeAttribute('disabled');
    if (assign) {
      const roles = new Set(policies.map((p) => p.json.role));
      for (const team of teamsOf(sc.id)) if (roles.has(team.role)) match.assign(team.name, id);
    }
    onNewController();
  };

  const finish = () => {
    worker?.terminate();
    worker = null;
    paused = false;
    training.running = false;
    button.textContent = 'Train here';
    button.removeAttribute('disabled');
    pause.setAttribute('disabled', '');
    swap.setAttribute('disabled', '');
    algoSelect.removeAttribute('disabled');
    teamSelect.removeAttribute('disabled');
    teacherSelect.removeAttribute('disabled');
    sortEntities.removeAttribute('disabled');
  };

  /** `--opponents` for the teams that do not learn: their scripted controller where there is one. */
  const opponents = (): string | undefined => {
    const learner = teamSelect.value;
    if (!learner) return undefined;
    const others = teams.filter((t) => t.name !== learner);
    const byKind = new Map<string, string[]>();
    for (const t of others) {
      const kind = match.registry.forRole(sc.id, t.role).some((c) => c.id === 'scripted') ? 'scripted' : 'random';
      byKind.set(kind, [...(byKind.get(kind) ?? []), t.name]);
    }
    if (byKind.size !== 1) return `scripted:${others.map((t) => t.name).join(',')}`;
    const [[kind, names]] = [...byKind];
    return `${kind}:${names.join(',')}`;
  };

  const start = (resume: CheckpointJson | null, resumeOpponents?: string) => {
    const algo = (resume ? resume.algo : algoSelect.value) as Algo;
    let chosen: Pick<PPOConfig, 'totalSteps' | 'learningRate' | 'warmStartSteps' | 'sortEntities' | 'teacher'>;
    try {
      const read = (k: keyof typeof settings) => (settings[k].value.trim() === '' ? NaN : Number(settings[k].value));
      const cfg = resolvePPOConfig({
        totalSteps: read('totalSteps'),
        learningRate: read('learningRate'),
        warmStartSteps: read('warmStartSteps'),
        sortEntities: groups.length > 0 && sortEntities.checked,
        ...(teacherSelect.value ? { teacher: teacherSelect.value as PPOConfig['teacher'] } : {}),
      });
      chosen = cfg;
    } catch (err) {
      statusLine.textContent = `Not started: ${(err as Error).message}`;
      return;
    }
    totalSteps = chosen.totalSteps;
    runOpponents = resume ? resumeOpponents : opponents();
    try {
      baselines(resume ? '' : teamSelect.value);
    } catch {
      curve.baselines(null, null); // a scenario without those controllers: no reference lines
    }
    startStep = resume ? resume.step : 0;
    resumeButton.hidden = forgetButton.hidden = true;
    savedRun = null;
    replaceConfirmed = false;
    worker = new Worker(new URL('../trainWorker.ts', import.meta.url), { type: 'module' });
    Object.assign(training, {
      running: true,
      iterations: 0,
      step: 0,
      lastReturn: NaN,
      snapshots: 0,
      sortEntities: resume ? (resume.config.sortEntities ?? false) : chosen.sortEntities,
      validation: null,
    });
    let validationNote = '';
    started = performance.now();
    button.textContent = 'Stop and use it';
    pause.removeAttribute('disabled');
    swap.removeAttribute('disabled');
    algoSelect.setAttribute('disabled', '');
    teamSelect.setAttribute('disabled', '');
    teacherSelect.setAttribute('disabled', '');
    sortEntities.setAttribute('disabled', '');
    worker.onmessage = (e: MessageEvent) => {
      const msg = e.data as { type: string; metrics?: IterationMetrics; ckpt?: CheckpointJson; best?: CheckpointJson; message?: string } & Omit<
        Partial<ValidationMessage>,
        'type'
      >;
      try {
        if (msg.type === 'iteration' && msg.metrics) {
          const m = msg.metrics;
          Object.assign(training, { iterations: m.iteration, step: m.step, lastReturn: m.meanReturn, samplesPerSec: m.agentSamplesPerSec });
          curve.add(m.step, m.meanReturn);
          training.curvePoints = curve.points();
          const perSec = (m.step - startStep) / Math.max(1e-3, (performance.now() - started) / 1000);
          const eta = (totalSteps - m.step) / Math.max(1, perSec);
          statusLine.textContent = `${algo} PPO: ${m.step} steps, return ${Number.isFinite(m.meanReturn) ? m.meanReturn.toFixed(2) : '…'}, ${Math.round(m.agentSamplesPerSec)} samples/s, ${Math.round(eta / 60)} min to ${totalSteps / 1e6}M${validationNote}${saveNote}`;
        } else if (msg.type === 'validation' && msg.step !== undefined && msg.score !== undefined) {
          const before = training.validation;
          const v = msg.best || !before ? { bestStep: msg.step, bestScore: msg.score } : { bestStep: before.bestStep, bestScore: before.bestScore };
          training.validation = { step: msg.step, score: msg.score, ...v };
          validationNote = ` · best validated ${v.bestScore.toFixed(2)} at ${v.bestStep}`;
        } else if (msg.type === 'save' && msg.ckpt) {
          void keep(msg.ckpt);
          last = msg.ckpt;
          save.removeAttribute('disabled');
        } else if (msg.type === 'snapshot' && msg.ckpt) {
          training.snapshots++;
          const id = `trained-here-${training.snapshots}`;
          adopt(msg.ckpt, id, `Training snapshot ${training.snapshots}`, true);
          curve.mark(msg.ckpt.step);
          training.controllerId = id;
        } else if (msg.type === 'checkpoint' && msg.ckpt) {
          void keep(msg.ckpt);
          // the best validated snapshot drives the learning teams ("Stop and use it"); Download and Resume keep
          // the last state (with its training state)
          adopt(msg.best ?? msg.ckpt, 'trained-here', 'Trained here', true);
          last = msg.ckpt;
          savedRun = { step: msg.ckpt.step }; // kept in the browser: the next run asks before replacing it
          training.controllerId = 'trained-here';
          training.sortEntities = msg.ckpt.config.sortEntities ?? false;
          const v = training.validation;
          const which =
            msg.best && v && msg.best.step !== msg.ckpt.step
              ? ` "Trained here" is its best validated snapshot (step ${v.bestStep}: ${v.bestScore.toFixed(2)} per agent; the last state ${v.score.toFixed(2)}) and`
              : ' "Trained here"';
          statusLine.textContent = `Done: ${msg.ckpt.step} steps.${which} now drives the team it trained (and is in the controller lists).`;
          finish();
        } else if (msg.type === 'error') {
          statusLine.textContent = `Training stopped: ${msg.message}`;
          finish();
        }
      } catch (err) {
        statusLine.textContent = `Training stopped: ${(err as Error).message}`;
        finish();
      }
    };
    worker.postMessage({
      type: 'start',
      scenario: sc.id,
      options: { ...sc.options, continuous_actions: false, max_cycles: TRAIN_MAX_CYCLES },
      algo,
      // the CLI's defaults (the settings that trained the shipped policies), with a short imitation phase
      config: {
        totalSteps: chosen.totalSteps,
        learningRate: chosen.learningRate,
        seed: 1,
        warmStartSteps: chosen.warmStartSteps,
        teacher: chosen.teacher,
        sortEntities: chosen.sortEntities,
      },
      wasm: WASM_URLS,
      resume: resume ?? undefined,
      saveEvery: SAVE_EVERY,
      opponents: runOpponents,
      validateEvery: VALIDATE_EVERY,
      validateEpisodes: VALIDATE_EPISODES,
      runoffEpisodes: RUNOFF_EPISODES,
    } satisfies StartMessage);
  };

  button.addEventListener('click', () => {
    button.blur();
    if (worker) {
      worker.postMessage({ type: 'stop' });
      button.textContent = 'Stopping…';
      button.setAttribute('disabled', '');
      return;
    }
    // a new run would overwrite the one kept in this browser: ask first
    if (savedRun && !replaceConfirmed) {
      replaceConfirmed = true;
      button.textContent = 'Replace saved run';
      statusLine.textContent = `A new run replaces the run saved in this browser (${savedRun.step} steps). Press "Replace saved run" to start anew, or "Resume saved run" to go on with it.`;
      return;
    }
    start(null);
  });

  // a run of this scenario saved before (a reload): offer to resume it, and its policy at once
  void loadTraining(sc.id).then((saved) => {
    if (!saved || worker) return;
    try {
      adopt(saved.ckpt, 'trained-saved', 'Saved in this browser', false);
    } catch (err) {
      savedNote.textContent = `A saved run could not be read (${(err as Error).message}); it is left as it was.`;
      return;
    }
    savedNote.textContent = `Saved in this browser: a ${saved.ckpt.algo} run at ${saved.ckpt.step} steps (${saved.savedAt.slice(0, 16).replace('T', ' ')}).`;
    savedRun = { step: saved.ckpt.step };
    resumeButton.hidden = forgetButton.hidden = false;
    resumeButton.onclick = () => {
      resumeButton.blur();
      if (!worker) start(saved.ckpt, saved.opponents);
    };
  });
  pause.addEventListener('click', () => {
    pause.blur();
    paused = !paused;
    worker?.postMessage({ type: paused ? 'pause' : 'resume' });
    pause.textContent = paused ? 'Resume training' : 'Pause training';
  });
  swap.addEventListener('click', () => {
    swap.blur();
    worker?.postMessage({ type: 'snapshot' });
  });
  save.addEventListener('click', () => {
    save.blur();
    if (last) downloadJson(`${sc.id}-${last.algo}-${last.step}-steps.json`, last);
  });
  return el('div', {}, [
    el('h2', { text: 'Learn in this tab' }),
    el('div', { class: 'row' }, [el('label', { text: 'algorithm' }), algoSelect]),
    el('div', { class: 'row' }, [el('label', { text: 'team' }), teamSelect]),
    el('div', { class: 'row' }, [el('label', { text: 'env steps' }), settings.totalSteps]),
    el('div', { class: 'row' }, [el('label', { text: 'learning rate' }), settings.learningRate]),
    el('div', { class: 'row' }, [el('label', { text: 'imitation steps' }), settings.warmStartSteps]),
    el('div', { class: 'row' }, [el('label', { text: 'teacher' }), teacherSelect]),
    ...(groups.length ? [el('div', { class: 'row' }, [el('label', { text: 'nearest first' }), sortEntities])] : []),
    statusLine,
    curve.element,
    savedNote,
    el('div', { class: 'row train-buttons' }, [button, pause]),
    el('div', { class: 'row train-buttons' }, [resumeButton, forgetButton]),
    el('div', { class: 'row train-buttons' }, [swap, save]),
  ]);
}
