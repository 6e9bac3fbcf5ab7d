import { describe, expect, it } from 'vitest';
import { Match } from '../../src/plugins/match';
import { Recorder, readRecording, ReplayController } from '../../src/plugins/recording';
import { builtinControllers } from '../../src/plugins/registry';
import { checkTrajectory } from '../../src/sim/parity';
import { ArenaInputError } from '../../src/sim/errors';
import { resolve } from 'node:path';
import { loadCheckpointFile } from '../../src/agents/checkpointFile';
import { initTfNode } from '../../src/agents/tfNode';
import { policyControllerInfo } from '../../src/plugins/policyController';

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
      let err: unknown;
      try {
        readRecording(r, 'file.json');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ArenaInputError);
      expect((err as Error).message).toMatch(message);
    };
    bad((r) => (r.format = 'particle-arena/checkpoint'), /file\.json\.format: got "particle-arena\/checkpoint"/);
    bad((r) => (r.env = 'simple_chess_v1'), /file\.json\.env: got "simple_chess_v1"/);
    bad((r) => (r.agents = ['agent_0']), /file\.json\.agents/);
    bad((r) => (r.steps = []), /file\.json\.steps: got "0 steps"/);
    bad((r) => (r.initial.state.p_pos = [[0, 0]]), /file\.json\.initial\.state/);
    bad((r) => (r.steps[3].actions = [[0, 1]]), /file\.json\.steps\[3\]\.actions/);
    expect(() => readRecording(null)).toThrow(ArenaInputError);
  });
});
