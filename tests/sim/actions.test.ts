import { describe, expect, it } from 'vitest';
import {
  actionLayout,
  applyContinuousAction,
  applyDiscreteAction,
  checkAction,
  clipContinuousAction,
  decodeDiscrete,
  directionToMove,
  discreteToVector,
  encodeDiscrete,
  vectorToDiscrete,
} from '../../src/sim/actions';
import { scenarioEntry } from '../../src/sim/scenarios';
import { readReference, referenceFiles } from '../support/reference';

const specs = referenceFiles('spec').map((f) => [f, readReference(f)] as const);

describe('action to force and message (read back from PettingZoo)', () => {
  it.each(specs.filter(([, s]) => s.action_force_by_action))('%s: each discrete action sets the recorded u', (_f, spec) => {
    const sc = scenarioEntry(spec.env).create(spec.env_kwargs);
    sc.agentNames.forEach((name, i) => {
      Object.values<number[]>(spec.action_force_by_action[name]).forEach((u, k) => {
        expect(Object.keys(spec.action_force_by_action[name])[k]).toBe(spec.action_meanings[k]);
        applyDiscreteAction(sc.world, i, k);
        expect([sc.world.actionForce[2 * i], sc.world.actionForce[2 * i + 1]]).toEqual(u);
      });
    });
  });

  it.each(specs.filter(([, s]) => s.action_effect_by_action))('%s: each discrete action sets the recorded u and c', (_f, spec) => {
    const sc = scenarioEntry(spec.env).create(spec.env_kwargs);
    sc.agentNames.forEach((name, i) => {
      for (const effect of spec.action_effect_by_action[name]) {
        applyDiscreteAction(sc.world, i, effect.action);
        expect([sc.world.actionForce[2 * i], sc.world.actionForce[2 * i + 1]]).toEqual(effect.u);
        sc.world.step();
        const dimC = sc.world.dimC;
        expect(Array.from(sc.world.comm.subarray(i * dimC, (i + 1) * dimC))).toEqual(effect.c);
      }
    });
  });

  const continuous = specs.filter(([, s]) => s.action_force_examples);
  it('has continuous specs to check', () => expect(continuous.length).toBe(2));

  it.each(continuous)('%s: every probe vector gives the measured u (float32 rounding, float64, clipping)', (_f, spec) => {
    const sc = scenarioEntry(spec.env).create(spec.env_kwargs);
    for (const ex of spec.action_force_examples) {
      sc.agentNames.forEach((name, i) => {
        const given = ex.given_dtype === 'float64' ? Float64Array.from(ex.given) : Float32Array.from(ex.given);
        const inRange = ex.given.every((v: number) => v >= 0 && v <= 1);
        if (inRange) {
          expect(() => checkAction(sc.actionSpaces[i], name, given)).not.toThrow();
          applyContinuousAction(sc.world, i, given);
        } else {
          // the env refuses out-of-range input; PettingZoo's clipping is available on request
          expect(() => checkAction(sc.actionSpaces[i], name, given)).toThrow(/allowed/);
          applyContinuousAction(sc.world, i, clipContinuousAction(sc.actionSpaces[i], name, given));
        }
        expect([sc.world.actionForce[2 * i], sc.world.actionForce[2 * i + 1]], `${ex.label} / ${name}`).toEqual(ex.u[name]);
      });
    }
  });

  it('float32 rounding of the difference is what changes u (README example)', () => {
    const sc = scenarioEntry('simple_tag').create({ continuous_actions: true });
    applyContinuousAction(sc.world, 0, Float32Array.from([0.3, 0.001, 0.7, 0.25, 1.0]));
    expect(sc.world.actionForce[0]).toBe(2.097000002861023);
    applyContinuousAction(sc.world, 0, Float64Array.from([0.3, 0.001, 0.7, 0.25, 1.0]));
    expect(sc.world.actionForce[0]).toBe(2.097);
  });

  it('a reference agent splits k into move k % 5 and message k / 5', () => {
    const sc = scenarioEntry('simple_reference').create();
    applyDiscreteAction(sc.world, 1, 5 * 7 + 3);
    expect([sc.world.actionForce[2], sc.world.actionForce[3]]).toEqual([0, -5]);
    expect(Array.from(sc.world.actionComm.subarray(10, 20))).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('clipping refuses NaN, as PettingZoo does', () => {
    const sc = scenarioEntry('simple_spread').create({ continuous_actions: true });
    expect(() => clipContinuousAction(sc.actionSpaces[0], 'agent_0', [0, NaN, 0, 0, 0])).toThrow(/NaN/);
  });
});

describe('the action codec', () => {
  it.each(['spread', 'tag', 'speaker_listener', 'reference', 'world_comm', 'crypto'])(
    '%s: every discrete action survives index -> vector -> index, and the vector sets the same force and message',
    (name) => {
      const discrete = scenarioEntry(name).create({});
      const continuous = scenarioEntry(name).create({ continuous_actions: true });
      discrete.agentNames.forEach((_, i) => {
        const layout = actionLayout(discrete.world, i);
        const space = discrete.actionSpaces[i];
        expect(space).toMatchObject({ type: 'Discrete', n: layout.n });
        for (let k = 0; k < layout.n; k++) {
          const { move, say } = decodeDiscrete(k, layout.movable);
          expect(encodeDiscrete(move, say, layout.movable)).toBe(k);
          const vec = discreteToVector(k, discrete.world, i);
          expect(vec).toHaveLength(layout.width);
          expect(vectorToDiscrete(vec, discrete.world, i)).toBe(k);
          applyDiscreteAction(discrete.world, i, k);
          applyContinuousAction(continuous.world, i, vec);
          expect(Array.from(continuous.world.actionForce.subarray(2 * i, 2 * i + 2))).toEqual(
            Array.from(discrete.world.actionForce.subarray(2 * i, 2 * i + 2)),
          );
          const c = discrete.world.dimC;
          expect(Array.from(continuous.world.actionComm.subarray(i * c, (i + 1) * c))).toEqual(
            Array.from(discrete.world.actionComm.subarray(i * c, (i + 1) * c)),
          );
        }
      });
    },
  );

  it('a steering direction becomes the move along its larger axis; a faint push is no move', () => {
    const sc = scenarioEntry('spread').create({});
    expect(vectorToDiscrete(directionToMove(1, 0.3), sc.world, 0)).toBe(2);
    expect(vectorToDiscrete(directionToMove(-0.2, -0.9), sc.world, 0)).toBe(3);
    expect(vectorToDiscrete(directionToMove(0.05, 0.05), sc.world, 0)).toBe(0);
    const len = Math.hypot(...(([, l, r, d, u]) => [r - l, u - d])(directionToMove(3, 4)));
    expect(len).toBeCloseTo(1, 6); // clipped to a cardinal move's length
  });
});
