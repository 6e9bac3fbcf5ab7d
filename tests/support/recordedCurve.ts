import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Trainer } from '../../src/agents/trainer';
import { trainingOpponents } from '../../src/plugins/trainingOpponents';

/** tests/fixtures/curve-shared-tag.json: the curve scripts/record-curve.mts printed on commit 9287df5. */
export const RECORDED_CURVE = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/curve-shared-tag.json'), 'utf8'));

/**
 * The recorded run (tag predators, shared, against the scripted prey) with `config` over the fixture's
 * settings: per iteration the losses, entropy and return, then a checksum of the weights, as the script
 * prints them. Each iteration's metrics also go to `onIteration`.
 */
export function playRecordedCurve(config: Record<string, unknown>, onIteration?: (m: ReturnType<Trainer['trainIteration']>) => void) {
  const settings = { ...RECORDED_CURVE.config, ...config };
  const trainer = new Trainer({
    scenario: 'tag',
    algo: 'shared',
    config: settings,
    fixedRoles: trainingOpponents('simple_tag', {}, 'scripted:prey', settings.numEnvs, settings.seed),
  });
  const curve = [];
  while (!trainer.done) {
    const m = trainer.trainIteration();
    onIteration?.(m);
    curve.push({ pgLoss: m.pgLoss, vLoss: m.vLoss, entropy: m.entropy, approxKl: m.approxKl, meanReturn: m.meanReturn });
  }
  const weights = trainer.policies.map((g) => g.params.reduce((a, p) => a + p.reduce((x, v) => x + v * v, 0), 0));
  trainer.dispose();
  return { curve, weights };
}
