import { beforeAll, describe, expect, it } from 'vitest';
import { checkpointOf, initTrainerFrom, readCheckpoint } from '../../src/agents/checkpoint';
import { restoreTrainer } from '../../src/agents/resume';
import { initTfNode } from '../../src/agents/tfNode';
import { Trainer } from '../../src/agents/trainer';

beforeAll(async () => {
  await initTfNode();
});

const tag = (options: Record<string, unknown>) => new Trainer({ scenario: 'tag', options, algo: 'shared', config: { numEnvs: 2, numSteps: 5, seed: 1 } });

describe('warm starts across training aids that are not sizes', () => {
  it('a walled run starts from open-arena policies (and other episode lengths); a resume must keep both', () => {
    const open = tag({});
    open.trainIteration();
    const { ckpt, policies } = readCheckpoint(JSON.parse(JSON.stringify(checkpointOf(open, true))));
    const walled = tag({ walls: true, max_cycles: 100 });
    initTrainerFrom(walled, ckpt, policies);
    expect(Array.from(walled.policies[0].params[0])).toEqual(Array.from(open.policies[0].params[0]));
    expect(() => restoreTrainer(tag({ walls: true }), ckpt, policies)).toThrow(/scenario\.options/);
    // sizes still must match
    expect(() => initTrainerFrom(tag({ num_obstacles: 1 }), ckpt, policies)).toThrow(/scenario options/);
    open.dispose();
    walled.dispose();
  });
});
