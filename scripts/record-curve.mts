/**
 * Prints a short training curve as JSON: per iteration the losses, entropy and return, then a checksum of
 * every policy's weights. tests/agents/diversity.test.ts compares `--diversity 0` against the curve this
 * printed on the code before per-agent parts existed (tests/fixtures/curve-shared-tag.json).
 */
import { initTfNode } from '../src/agents/tfNode';
import { Trainer } from '../src/agents/trainer';
import { trainingOpponents } from '../src/plugins/trainingOpponents';

await initTfNode();
const config = { numEnvs: 8, numSteps: 25, numMinibatches: 2, updateEpochs: 2, totalSteps: 1000, seed: 3 };
const trainer = new Trainer({
  scenario: 'tag',
  algo: 'shared',
  config,
  fixedRoles: trainingOpponents('simple_tag', {}, 'scripted:prey', config.numEnvs, config.seed),
});
const curve = [];
while (!trainer.done) {
  const m = trainer.trainIteration();
  curve.push({ pgLoss: m.pgLoss, vLoss: m.vLoss, entropy: m.entropy, approxKl: m.approxKl, meanReturn: m.meanReturn });
}
const weights = trainer.policies.map((g) => g.params.reduce((a, p) => a + p.reduce((x, v) => x + v * v, 0), 0));
console.log(JSON.stringify({ config, curve, weights }));
trainer.dispose();
