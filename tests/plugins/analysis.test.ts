import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/plugins/analysis/analyze';
import { DiversityTracker, totalVariation } from '../../src/plugins/analysis/diversity';
import { insideHull, largestGap } from '../../src/plugins/analysis/geometry';
import { mutualInformationBits } from '../../src/plugins/analysis/information';
import { OCCUPANCY_BINS, OCCUPANCY_EXTENT, OccupancyTracker } from '../../src/plugins/analysis/occupancy';
import { approachAngle, approachRole, dividesWork, TagRoleTracker } from '../../src/plugins/analysis/tagRoles';
import { FastRandom } from '../../src/sim/fastRandom';
import type { TagScenario } from '../../src/sim/scenarios/tag';
import { createScenario } from '../../src/sim/scenarios';
import { builtinControllers } from '../../src/plugins/registry';

describe('behaviour metrics on hand-built situations', () => {
  it('a predator straight behind a fleeing prey is a chaser, ahead a cutter, beside a flanker; a still prey has no heading', () => {
    expect(approachRole([1, 0], [0, 0], [-0.5, 0.1])).toBe('chaser');
    expect(approachRole([1, 0], [0, 0], [0.5, -0.1])).toBe('cutter');
    expect(approachRole([1, 0], [0, 0], [0, 0.5])).toBe('flanker');
    expect(approachRole([0.01, 0], [0, 0], [-0.5, 0])).toBeNull();
    expect(approachAngle([1, 0], [0, 0], [0, 0.5])).toBeCloseTo(90, 9);
    expect(approachAngle([0, 0], [0, 0], [0, 0.5])).toBeNull();
  });

  it('diversity: total variation between action distributions, averaged over observations and pairs', () => {
    expect(totalVariation([1, 0, 0], [0, 1, 0])).toBe(1);
    expect(totalVariation([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(totalVariation([0.7, 0.3], [0.2, 0.8])).toBeCloseTo(0.5, 12);
    // agent 0 always "left", agent 1 copies whatever the observation says, agent 2 always "right"
    const probe = (a: number, obs: Float32Array) => (a === 0 ? Float32Array.of(1, 0) : a === 2 ? Float32Array.of(0, 1) : Float32Array.of(obs[0], 1 - obs[0]));
    const t = new DiversityTracker(['a', 'b', 'c'], probe);
    t.observe([Float32Array.of(1), Float32Array.of(0)]);
    const r = t.report();
    expect(r.observations).toBe(2);
    expect(r.pairs.map((p) => p.distance)).toEqual([0.5, 1, 0.5]); // a/b, a/c, b/c
    expect(r.index).toBeCloseTo(2 / 3, 12);
  });

  it('occupancy: a step counts in the cell under the agent (y up, rows from the top), beyond the square as outside', () => {
    const sc = createScenario('simple_spread', { N: 2 });
    const w = sc.world;
    const tracker = new OccupancyTracker(w, ['agent_0', 'agent_1']);
    w.pos.set([-1.49, 1.49, 0.01, -0.01], 0); // agent 0 in the top-left cell, agent 1 just right of and below the centre
    tracker.observe();
    w.pos.set([5, 0], 0); // agent 0 far outside
    tracker.observe();
    const r = tracker.report();
    expect(r.bins).toBe(OCCUPANCY_BINS);
    expect(r.extent).toBe(OCCUPANCY_EXTENT);
    const [a0, a1] = r.agents;
    expect(a0.shares[0]).toBe(0.5);
    expect(a0.outside).toBe(0.5);
    const centre = OCCUPANCY_BINS / 2;
    expect(a1.shares[centre * OCCUPANCY_BINS + centre]).toBe(1);
    for (const a of r.agents) expect(a.shares.reduce((x, y) => x + y, 0) + a.outside).toBeCloseTo(1, 12);
    expect(a0.color).toEqual(Array.from(w.colors[0]));
  });

  it('a prey inside a triangle of predators is encircled, outside it is not; gaps around the prey', () => {
    const triangle: [number, number][] = [
      [0, 1],
      [-0.9, -0.5],
      [0.9, -0.5],
    ];
    expect(insideHull(triangle, [0, 0])).toBe(true);
    expect(insideHull(triangle, [2, 0])).toBe(false);
    expect(
      insideHull(
        [
          [0, 0],
          [1, 1],
          [2, 2],
        ],
        [1, 1],
      ),
    ).toBe(false); // on a line: no hull
    const even: [number, number][] = [0, 120, 240].map((d) => [Math.cos((d * Math.PI) / 180), Math.sin((d * Math.PI) / 180)]);
    expect(largestGap([0, 0], even)).toBeCloseTo(120, 6);
    expect(largestGap([0, 0], [[1, 0]])).toBe(360);
    expect(
      largestGap(
        [0, 0],
        [
          [1, 0],
          [1, 0.01],
        ],
      ),
    ).toBeGreaterThan(359);
  });

  it('per-moment coordination beats its time-shuffled control only when the predators place themselves together', () => {
    expect(dividesWork(['chaser', 'chaser', 'chaser'])).toBe(false);
    expect(dividesWork(['chaser', 'chaser', 'cutter'])).toBe(true);
    expect(dividesWork(['flanker', 'flanker', 'flanker'])).toBe(false);
    const run = (together: boolean) => {
      const sc = createScenario('simple_tag', { num_obstacles: 0 }) as TagScenario;
      const w = sc.world;
      const tracker = new TagRoleTracker(['adversary_0', 'adversary_1', 'adversary_2']);
      const rng = new FastRandom(5);
      for (let t = 0; t < 600; t++) {
        // the prey at the centre running along x; predators on a circle round it, far enough never to touch
        const base = 2 * Math.PI * rng.next();
        w.pos[6] = w.pos[7] = 0;
        w.vel[6] = 1;
        w.vel[7] = 0;
        for (let a = 0; a < 3; a++) {
          const angle = together ? base + (a * 2 * Math.PI) / 3 : 2 * Math.PI * rng.next();
          w.pos[2 * a] = Math.cos(angle);
          w.pos[2 * a + 1] = Math.sin(angle);
        }
        tracker.observe(sc);
      }
      tracker.endEpisode();
      return tracker.report().coordination;
    };
    const together = run(true);
    // three points evenly round the prey always hold it; three random ones do a quarter of the time
    expect(together.encirclement.observed).toBe(1);
    expect(together.encirclement.shuffled).toBeGreaterThan(0.15);
    expect(together.encirclement.shuffled).toBeLessThan(0.35);
    expect(together.meanLargestGap.observed).toBeCloseTo(120, 6);
    expect(together.meanLargestGap.shuffled).toBeGreaterThan(150);
    expect(together.dividedWork.observed).toBe(1);
    expect(together.dividedWork.shuffled).toBeLessThan(0.95);
    const apart = run(false);
    expect(Math.abs(apart.encirclement.observed - apart.encirclement.shuffled)).toBeLessThan(0.06);
    expect(Math.abs(apart.dividedWork.observed - apart.dividedWork.shuffled)).toBeLessThan(0.06);
  });

  it('the surround term of tag shaping: two thirds of its weight when the predators are evenly round the prey, none from one side', () => {
    const sc = createScenario('simple_tag', { num_obstacles: 0 }) as TagScenario;
    const w = sc.world;
    const place = (angles: number[]) =>
      angles.forEach((d, a) => ((w.pos[2 * a] = Math.cos((d * Math.PI) / 180)), (w.pos[2 * a + 1] = Math.sin((d * Math.PI) / 180))));
    w.pos[6] = w.pos[7] = 0;
    const potentials = (weight: number) => {
      sc.setSurroundWeight(weight);
      const out = new Float64Array(4);
      sc.shapingPotentials(out, 0);
      return Array.from(out);
    };
    place([0, 120, 240]);
    const plain = potentials(0);
    const surrounded = potentials(1.5);
    for (let a = 0; a < 3; a++) expect(surrounded[a] - plain[a]).toBeCloseTo(1.5 * (2 / 3), 9);
    expect(surrounded[3]).toBe(plain[3]); // the prey's own potential is untouched
    place([0, 0, 0]);
    expect(potentials(1.5)[0] - potentials(0)[0]).toBeCloseTo(0, 9);
    expect(() => sc.setSurroundWeight(-1)).toThrow(/surround/);
    expect(() => createScenario('simple_spread', {}).setSurroundWeight(1)).toThrow(/tag only/);
  });

  it('mutual information: a perfect code over 3 goals is log2 3 bits, independence 0', () => {
    expect(
      mutualInformationBits([
        [5, 0, 0],
        [0, 5, 0],
        [0, 0, 5],
      ]),
    ).toBeCloseTo(Math.log2(3), 12);
    expect(
      mutualInformationBits([
        [2, 2, 2],
        [1, 1, 1],
        [3, 3, 3],
      ]),
    ).toBeCloseTo(0, 12);
    expect(
      mutualInformationBits([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(0);
  });
});

describe('analyze on the scripted controllers', () => {
  const registry = builtinControllers();

  it('speaker-listener: the scripted speaker names the goal (log2 3 bits) and the listener follows a misleading symbol', () => {
    const r = analyze({ scenario: 'simple_speaker_listener', controllers: { default: 'scripted' }, registry, episodes: 30, seed: 5 });
    // a perfect code carries all the goal's entropy (log2 3 bits when the goals are drawn evenly)
    const goals = [0, 1, 2].map((g) => r.messages!.symbolGoalCounts.reduce((a, row) => a + row[g], 0));
    const total = goals.reduce((a, b) => a + b, 0);
    const entropy = -goals.filter((c) => c > 0).reduce((a, c) => a + (c / total) * Math.log2(c / total), 0);
    expect(r.messages!.bits).toBeCloseTo(entropy, 9);
    expect(entropy).toBeGreaterThan(1.2);
    expect(r.messages!.literalAgreement).toBe(1);
    expect(r.intervention!.followsMisleadingSymbol).toBeGreaterThan(0.9);
    expect(r.intervention!.followsRealSymbol).toBe(0);
  });

  it('tag: scripted chasers all chase from behind and do not specialise; every predator is the nearest some of the time', () => {
    const r = analyze({ scenario: 'simple_tag', controllers: { default: 'scripted' }, registry, episodes: 20, seed: 5 });
    const t = r.tag!;
    expect(t.predators).toHaveLength(3);
    expect(t.predators.reduce((a, p) => a + p.nearestShare, 0)).toBeCloseTo(1, 9);
    for (const p of t.predators) {
      expect(p.roles.chaser + p.roles.flanker + p.roles.cutter).toBeCloseTo(1, 9);
      // the angle histogram refines the roles: its last two bins (120-180°) are the chaser share
      expect(p.approachAngles.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      expect(p.approachAngles[4] + p.approachAngles[5]).toBeCloseTo(p.roles.chaser, 9);
      expect(p.approachAngles[5]).toBe(Math.max(...p.approachAngles));
    }
    expect(t.specialisationBits).toBeLessThan(0.1);
    expect(t.captureRate).toBeGreaterThan(0.5);
  });

  it('spread: the greedy script covers most landmarks and rarely switches', () => {
    const r = analyze({ scenario: 'simple_spread', controllers: { default: 'scripted' }, registry, episodes: 30, seed: 5 });
    expect(r.spread!.finalCoverage).toBeGreaterThan(0.8);
    for (const a of r.spread!.agents) expect(a.switchesPerEpisode).toBeLessThan(2);
    const random = analyze({ scenario: 'simple_spread', controllers: { default: 'random' }, registry, episodes: 30, seed: 5 });
    expect(random.spread!.finalCoverage).toBeLessThan(0.2);
  });
});
