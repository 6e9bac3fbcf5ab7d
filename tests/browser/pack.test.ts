import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, probe, SCREENSHOTS, type Harness } from './harness';
import { useHarness } from './suite';

let h: Harness;
useHarness((started) => (h = started));

const predatorsOf = (assignment: Record<string, string>) => ['adversary_0', 'adversary_1', 'adversary_2'].map((a) => assignment[a]);

describe('Watch the pack', () => {
  it('opens from the menu with the much-diversity pack against the planning prey; the diversity control swaps the pack live', async () => {
    const { page, errors, foreign } = await openPage(h, '/');
    await page.click('[data-testid=menu-watch-pack]');
    await page.waitForFunction(() => window.__arena!().scene === 'arena' && window.__arena!().t! > 20);
    const first = await probe(page);
    expect(first.pack).toBe('much');
    expect(predatorsOf(first.assignment!)).toEqual(Array(3).fill('ppo-tag-predators-roles-much'));
    expect(first.assignment!.agent_0).toBe('lookahead');
    expect(await page.getAttribute('[data-testid=pack-much]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('[data-testid=pack-panel]')).toMatch(/ring round each predator/);
    expect(await page.locator('[data-testid=roles] .role-row').count()).toBe(3);
    await page.screenshot({ path: join(SCREENSHOTS, 'pack-much.png') });

    // the role panel differs per predator once the much pack has hunted a while (deterministic: seed 1)
    await page.selectOption('[data-action=speed]', '8');
    await page.waitForFunction(() => window.__arena!().roles!.steps >= 200, null, { timeout: 30_000 });
    const hunted = (await probe(page)).roles!;
    const shares = hunted.predators.map((p) => [p.roles.chaser, p.roles.flanker, p.roles.cutter]);
    const spread = Math.max(...[0, 1, 2].map((k) => Math.max(...shares.map((s) => s[k])) - Math.min(...shares.map((s) => s[k]))));
    expect(spread).toBeGreaterThan(0.02);
    const widths = await page.$$eval('[data-testid=roles] .bar span:first-child', (spans) => spans.map((s) => (s as HTMLElement).style.width));
    expect(new Set(widths).size).toBeGreaterThan(1);

    // the control: the none pack takes over mid-episode, and the role figures start again
    const stepsBefore = (await probe(page)).roles!.steps;
    expect(stepsBefore).toBeGreaterThan(0);
    await page.click('[data-testid=pack-none]');
    await page.waitForFunction(() => window.__arena!().pack === 'none');
    const swapped = await probe(page);
    expect(predatorsOf(swapped.assignment!)).toEqual(Array(3).fill('ppo-tag-predators-roles-none'));
    expect(swapped.roles!.steps).toBeLessThan(Math.min(100, stepsBefore));
    expect(await page.getAttribute('[data-testid=pack-none]', 'aria-pressed')).toBe('true');
    expect(await page.inputValue('[data-team=predators]')).toBe('ppo-tag-predators-roles-none');
    // and it keeps running with the new pack
    await page.waitForFunction((t) => window.__arena!().t! > t + 10, swapped.t!);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 120_000);

  it('a link opens a pack by its set-point; a bad one is named and the pack still plays', async () => {
    const some = await openPage(h, '/?pack=some');
    await some.page.waitForFunction(() => window.__arena!().scene === 'arena' && window.__arena!().t! > 2);
    expect((await probe(some.page)).pack).toBe('some');
    expect(predatorsOf((await probe(some.page)).assignment!)).toEqual(Array(3).fill('ppo-tag-predators-roles-some'));
    await some.page.close();
    const bad = await openPage(h, '/?pack=lots');
    await bad.page.waitForSelector('#banner:not([hidden])');
    expect(await bad.page.textContent('#banner')).toMatch(/pack: got "lots"; allowed: none, some, much/);
    await bad.page.close();
  }, 60_000);
});
