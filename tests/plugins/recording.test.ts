import { describe, expect, it } from 'vitest';
import { Match } from '../../src/plugins/match';
import { Recorder, readRecording, ReplayController } from '../../src/plugins/recording';
import { builtinControllers } from '../../src/plugins/registry';
import { checkTrajectory } from '../../src/sim/parity';
import { ArenaInputError } from '../../src/sim/errors';
import { resolve } from 'node:path';
import { loadCheckpointFile } from '../../src/cli/checkpointFile';
import { initTfNode } from '../../src/agents/tfNode';
import { policyControllerInfo } from '../../src/plugins/policyController';
import { readReference } from '../support/reference';
import { expectRefused } from '../support/refused';

describe('recordings', () => {
  it('a recorded episode (mixed controllers, started mid-episode) is a trajectory the parity check replays exactly', () => {
    for (const [scenario, controllers] of [
      ['simple_tag', { predators: 'scripted', prey: 'random' }],
      ['simple_speaker_listener', { default: 'scripted' }],
      ['simple_crypto', { default: 'scripted' }],
    ] as const) {
      const match = new Match({ scenario, options: { max_cycles: 40 }, controllers, seed: 3 });
      for (let k = 0; k < 5; k++) match.step();
      const rec = new Recorder(match);
      while (!rec.finished) match.step();
      const r = rec.recording;
      expect(r.num_steps).toBe(35);
      const check = checkTrajectory(scenario, JSON.parse(JSON.stringify(r)));
      expect(check.problems).toEqual([]);
      expect(check.ok).toBe(true);
      expect(check.maxStateError).toBe(0);
      expect(check.maxObsError).toBe(0);
    }
  });

  it('a replay controller drives a match back through the same positions', () => {
    const match = new Match({ scenario: 'simple_tag', options: { max_cycles: 30 }, controllers: { default: 'scripted' }, seed: 8 });
    const rec = new Recorder(match);
    while (!rec.finished) match.step();
    const r = rec.recording;
    const registry = builtinControllers();
    registry.register({ id: 'replay', label: 'Replay', description: '', supports: () => true, create: () => new ReplayController(r) });
    const replay = new Match({ scenario: 'simple_tag', options: { max_cycles: 30 }, controllers: { default: 'replay' }, registry, seed: 0 });
    replay.env.loadWorldState({ ...r.initial.state, t: 0 });
    for (const step of r.steps) {
      replay.step();
      expect(replay.env.worldState().p_pos).toEqual(step.state.p_pos);
    }
  });

  it("a talking team's messages are recorded with the episode and shown again by the replay", async () => {
    await initTfNode();
    const registry = builtinControllers();
    const file = resolve(__dirname, '../../assets/policies/spread-n5-comm.json');
    const { ckpt, policies } = loadCheckpointFile(file);
    registry.register(policyControllerInfo('talking', 'talking', ckpt, policies, true));
    const match = new Match({ scenario: 'simple_spread', options: { N: 5 }, controllers: { agents: 'talking' }, registry, seed: 4 });
    const rec = new Recorder(match);
    const sent: number[][] = [];
    while (!rec.finished) {
      match.step();
      sent.push(Array.from(match.talkingTeam()!.channel.messages!));
    }
    const saved = JSON.parse(JSON.stringify(rec.recording));
    expect(saved.channel).toEqual({ agents: ['agent_0', 'agent_1', 'agent_2', 'agent_3', 'agent_4'], messageDim: 4, viewRadius: 0.5 });
    expect(checkTrajectory('simple_spread', saved).ok).toBe(true);
    const r = readRecording(saved);
    const replay = new ReplayController(r);
    expect(replay.channel('agent_0')!.messages).toBeNull(); // nothing shown before the first step
    replay.cursor = 3;
    Array.from(replay.channel('agent_2')!.messages!).forEach((v, k) => expect(v).toBeCloseTo(sent[2][k], 6));
    // a message list of the wrong size is refused by name
    saved.steps[5].messages = [0.5];
    expect(() => readRecording(saved)).toThrow(/steps\[5\]\.messages: got "1 values"; allowed: 20 numbers in \[-1, 1\]/);
    match.dispose();
  });

  it('a bad or foreign file is refused by name', () => {
    const match = new Match({ scenario: 'simple_spread', options: { max_cycles: 10 }, controllers: { default: 'random' }, seed: 1 });
    const rec = new Recorder(match);
    while (!rec.finished) match.step();
    const good = JSON.parse(JSON.stringify(rec.recording));
    expect(() => readRecording(good)).not.toThrow();
    const bad = (mutate: (r: any) => void, message: RegExp) => {
      const r = JSON.parse(JSON.stringify(good));
      mutate(r);
      expectRefused(() => readRecording(r, 'file.json'), null, message);
    };
    bad((r) => (r.format = 'particle-arena/checkpoint'), /file\.json\.format: got "particle-arena\/checkpoint"/);
    bad((r) => (r.env = 'simple_chess_v1'), /file\.json\.env: got "simple_chess_v1"/);
    bad((r) => (r.agents = ['agent_0']), /file\.json\.agents/);
    bad((r) => (r.steps = []), /file\.json\.steps: got "0 steps"/);
    bad((r) => (r.initial.state.p_pos = [[0, 0]]), /file\.json\.initial\.state/);
    bad((r) => (r.steps[3].actions = [[0, 1]]), /file\.json\.steps\[3\]\.actions/);
    expect(() => readRecording(null)).toThrow(ArenaInputError);
  });

  it('every step is checked at load, before anything plays: state shape and finiteness, actions, length', () => {
    const match = new Match({ scenario: 'simple_tag', options: { max_cycles: 10 }, controllers: { default: 'random' }, seed: 2 });
    const rec = new Recorder(match);
    while (!rec.finished) match.step();
    const good = JSON.parse(JSON.stringify(rec.recording));
    const bad = (mutate: (r: any) => void, field: RegExp, allowed: RegExp) => {
      const r = JSON.parse(JSON.stringify(good));
      mutate(r);
      expectRefused(() => readRecording(r, 'file.json'), field, allowed);
    };
    bad((r) => r.steps[4].state.p_pos.pop(), /^file\.json\.steps\[4\]\.state\.p_pos$/, /6 rows of 2 finite numbers/);
    bad((r) => (r.steps[6].state.p_vel[1] = [null, 0]), /^file\.json\.steps\[6\]\.state\.p_vel\[1\]$/, /2 finite numbers/);
    bad((r) => (r.steps[6].state.c = 'none'), /^file\.json\.steps\[6\]\.state\.c$/, /4 rows of 2/);
    bad((r) => (r.steps[9].state.p_vel[4] = [0.1, 0]), /steps\[9\]\.state\.p_vel\[4\]/, /landmark 0 cannot move/);
    bad((r) => (r.steps[2].state = [1, 2]), /^file\.json\.steps\[2\]\.state$/, /a world state/);
    bad((r) => (r.steps[2] = null), /^file\.json\.steps\[2\]$/, /a step/);
    bad((r) => (r.steps[5].actions[1] = [0, 2, 0, 0, 0]), /^file\.json\.steps\[5\]\.actions\[1\] \(adversary_1\)$/, /\[0, 1\]/);
    bad((r) => (r.steps[5].actions[3] = 5), /steps\[5\]\.actions\[3\] \(agent_0\)/, /integer from 0 to 4/);
    bad((r) => r.steps.push(r.steps[0]), /^file\.json\.steps$/, /1 to 10 steps/);
    bad((r) => (r.env_kwargs = null), /^file\.json\.env_kwargs$/, /options/);
  });

  it('a PettingZoo discrete recording (actions as indices) loads and replays to the recorded positions', () => {
    for (const file of ['spread_n3__seed0__T25.json', 'reference__seed0__T25.json']) {
      const r = readRecording(readReference(`traj/${file}`), file);
      const registry = builtinControllers();
      registry.register({ id: 'replay', label: 'Replay', description: '', supports: () => true, create: () => new ReplayController(r) });
      const { continuous_actions: _c, ...options } = r.env_kwargs;
      const replay = new Match({ scenario: r.env, options, controllers: { default: 'replay' }, registry, seed: 0 });
      replay.env.loadWorldState({ ...r.initial.state, goals: r.initial.goals, t: 0 });
      for (const step of r.steps) {
        replay.step();
        expect(replay.lastError).toBeNull();
        expect(replay.env.worldState().p_pos).toEqual(step.state.p_pos);
        expect(replay.env.worldState().c).toEqual(step.state.c);
      }
      // any step can be shown (scrubbing loads its state; spread's steps came without `c`)
      expect(() => replay.env.loadWorldState({ ...r.steps[10].state, goals: r.initial.goals, t: 11 })).not.toThrow();
      replay.dispose();
    }
  });
});
