import { describe, expect, it } from 'vitest';
import { Match } from '../../src/plugins/match';
import { Recorder, readRecording, ReplayController } from '../../src/plugins/recording';
import { builtinControllers } from '../../src/plugins/registry';
import { checkTrajectory } from '../../src/sim/parity';
import { ArenaInputError } from '../../src/sim/errors';

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
