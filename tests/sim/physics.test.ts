import { describe, expect, it } from 'vitest';
import { contactPenetration, logAddExp0 } from '../../src/sim/contact';
import { ParallelEnv } from '../../src/sim/env';
import { MPE_PHYSICS } from '../../src/sim/world';

/** A spread env with hand-placed entities (velocities zero unless given). */
function placed(env: ParallelEnv, pos: number[][], vel?: number[][]) {
  const n = env.scenario.world.numEntities;
  const a = env.scenario.world.numAgents;
  env.loadWorldState({
    p_pos: pos,
    p_vel: vel ?? pos.map(() => [0, 0]),
    c: Array.from({ length: a }, () => Array(env.scenario.world.dimC).fill(0)),
  });
  expect(pos.length).toBe(n);
}

describe('MPE physics rules', () => {
  it('logaddexp(0, z) follows NumPy on each branch', () => {
    expect(logAddExp0(0)).toBe(Math.LN2);
    expect(logAddExp0(-3)).toBe(Math.log1p(Math.exp(-3)));
    expect(logAddExp0(3)).toBe(3 + Math.log1p(Math.exp(-3)));
    expect(logAddExp0(-800)).toBe(0); // far apart: the force underflows to exactly zero
  });

  it('contact force between two touching spread agents has the soft-contact value', () => {
    const env = new ParallelEnv('simple_spread', { N: 2 });
    env.reset({ seed: 0 });
    // agents 0.25 apart (radii 0.15 + 0.15 = 0.3): penetration 0.05
    placed(env, [
      [0, 0],
      [0.25, 0],
      [0.9, 0.9],
      [-0.9, -0.9],
    ]);
    env.step({ agent_0: 0, agent_1: 0 });
    const pen = contactPenetration(0.25, 0.3, MPE_PHYSICS.contactMargin);
    expect(pen).toBeCloseTo(0.05, 12);
    const f = ((100 * -0.25) / 0.25) * pen; // force on agent_0 along x
    const s = env.worldState();
    expect(s.p_vel[0][0]).toBe(f * 0.1);
    expect(s.p_vel[1][0]).toBe(-f * 0.1);
    expect(s.p_pos[0]).toEqual([0, 0]); // first step moves with the old (zero) velocity
  });

  it('integrates position with the old velocity, then damps, then adds the force', () => {
    const env = new ParallelEnv('simple_spread', { N: 1 });
    env.reset({ seed: 0 });
    placed(
      env,
      [
        [0, 0],
        [0.9, 0.9],
      ],
      [
        [1, -2],
        [0, 0],
      ],
    );
    env.step({ agent_0: 2 }); // move right: u = (5, 0)
    const s = env.worldState();
    expect(s.p_pos[0]).toEqual([0 + 1 * 0.1, 0 + -2 * 0.1]);
    expect(s.p_vel[0]).toEqual([1 * 0.75 + 5 * 0.1, -2 * 0.75]);
  });

  it('clamps speed to max_speed (tag predators 1.0, prey 1.3)', () => {
    const env = new ParallelEnv('simple_tag', { num_obstacles: 0 });
    env.reset({ seed: 0 });
    placed(
      env,
      [
        [-0.8, 0],
        [-0.8, 0.5],
        [-0.8, -0.5],
        [0.8, 0],
      ],
      [
        [0.99, 0],
        [0, 0],
        [0, 0],
        [1.3, 0],
      ],
    );
    env.step({ adversary_0: 2, adversary_1: 0, adversary_2: 0, agent_0: 2 });
    const v = env.worldState().p_vel;
    expect(Math.hypot(v[0][0], v[0][1])).toBeCloseTo(1.0, 12); // 0.99*0.75 + 0.3 = 1.0425 -> clamped
    expect(v[0][0]).toBe(((0.99 * 0.75 + 3 * 0.1) / (0.99 * 0.75 + 3 * 0.1)) * 1.0);
    expect(Math.hypot(v[3][0], v[3][1])).toBeCloseTo(1.3, 12);
    expect(Math.abs(v[1][1])).toBeLessThan(1e-150); // soft contact 0.35 beyond touching: tiny, not zero
  });

  it('obstacles push agents but never move', () => {
    const env = new ParallelEnv('simple_tag', { num_obstacles: 1 });
    env.reset({ seed: 0 });
    placed(env, [
      [0.26, 0],
      [-0.8, 0.5],
      [-0.8, -0.5],
      [0.8, 0.8],
      [0, 0],
    ]);
    env.step({ adversary_0: 1, adversary_1: 0, adversary_2: 0, agent_0: 0 });
    const s = env.worldState();
    expect(s.p_pos[4]).toEqual([0, 0]);
    expect(s.p_vel[4]).toEqual([0, 0]);
    // without the obstacle the leftward action alone would give -0.3; overlap 0.015 pushes back ~+0.15
    const push = ((100 * 0.26) / 0.26) * contactPenetration(0.26, 0.275, 0.001);
    expect(s.p_vel[0][0]).toBe(0 * 0.75 + (push + -3) * 0.1);
    expect(push * 0.1).toBeGreaterThan(0.1);
  });

  it('silent agents have zero comm; the speaker says its action', () => {
    const env = new ParallelEnv('simple_speaker_listener');
    env.reset({ seed: 3 });
    const out = env.step({ speaker_0: 2, listener_0: 0 });
    expect(env.worldState().c).toEqual([
      [0, 0, 1],
      [0, 0, 0],
    ]);
    expect(Array.from(out.observations.listener_0.slice(8))).toEqual([0, 0, 1]);
  });

  it('mirrors every entity into a matter body at the exact position', () => {
    const env = new ParallelEnv('simple_tag');
    env.reset({ seed: 5 });
    for (let t = 0; t < 10; t++) env.step({ adversary_0: 2, adversary_1: 4, adversary_2: 1, agent_0: 3 });
    const s = env.worldState();
    const w = env.scenario.world;
    w.bodies.forEach((b, i) => {
      expect(b.label).toBe(w.entities[i].name);
      expect([b.position.x, b.position.y]).toEqual(s.p_pos[i]);
      expect(b.velocity.x).toBeCloseTo(s.p_vel[i][0] * 0.1, 15);
      expect(b.bounds.min.x).toBeLessThan(b.position.x);
    });
    expect(w.engine.world.bodies.length).toBe(w.numEntities);
  });

  it("matter's contacts agree with MPE's collision rule (dist < size_a + size_b) outside a 0.5% band at the threshold", () => {
    // tag with many agents and obstacles, random placements packed tightly enough that many pairs touch
    const env = new ParallelEnv('simple_tag', { num_adversaries: 6, num_good: 3, num_obstacles: 3 });
    env.reset({ seed: 11 });
    const w = env.scenario.world;
    let rng = 12345;
    const rand = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 1.2 - 0.6;
    let agreed = 0;
    for (let trial = 0; trial < 200; trial++) {
      const p = Array.from({ length: w.numEntities }, () => [rand(), rand()]);
      env.loadWorldState({ p_pos: p, p_vel: p.map(() => [0, 0]), c: Array.from({ length: w.numAgents }, () => Array(w.dimC).fill(0)) });
      const matter = new Set(w.contacts().map(([a, b]) => `${a},${b}`));
      for (let a = 0; a < w.numEntities; a++) {
        for (let b = a + 1; b < w.numEntities; b++) {
          if (!w.entities[a].movable && !w.entities[b].movable) continue; // obstacles never meet each other
          const reach = w.entities[a].size + w.entities[b].size;
          const d = w.distance(a, b);
          if (Math.abs(d - reach) < 0.005 * reach) continue; // matter's circles are 40-sided polygons
          expect(matter.has(`${a},${b}`), `pair ${a},${b} at ${d.toFixed(3)} (reach ${reach.toFixed(3)})`).toBe(w.colliding(a, b));
          if (w.colliding(a, b)) agreed++;
        }
      }
    }
    expect(agreed).toBeGreaterThan(200); // the check saw many contacts, not only misses
  });
});
