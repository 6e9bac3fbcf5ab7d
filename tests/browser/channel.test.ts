import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, probe, SCREENSHOTS, type Harness } from './harness';
import { useHarness } from './suite';

let h: Harness;
useHarness((started) => (h = started));

describe('a talking team in the page', () => {
  it('shows the learned messages live (bars, lines, view circles), measures what they say, and silences them on request', async () => {
    const { page, errors, foreign } = await openPage(h, '/?scenario=spread&N=5&agents=ppo-spread-n5-comm&speed=4');
    await page.waitForFunction(() => window.__arena!().scene === 'arena' && (window.__arena!().channel?.steps ?? 0) > 700, null, { timeout: 60_000 });
    const p = await probe(page);
    const agents = ['agent_0', 'agent_1', 'agent_2', 'agent_3', 'agent_4'];
    expect(p.assignment!.agent_0).toBe('ppo-spread-n5-comm');
    const channel = p.channel!;
    expect(channel.agents).toEqual(agents);
    expect(channel.viewRadius).toBe(0.5);
    // 5 agents x 4 numbers, bounded, and not all alike: they say different things
    expect(channel.messages).toHaveLength(20);
    channel.messages!.forEach((v) => expect(Math.abs(v)).toBeLessThan(1));
    expect(new Set(channel.messages!.map((v) => v.toFixed(3))).size).toBeGreaterThan(4);
    // the figures the panel shows: the messages say where their sender is, far above chance
    const where = channel.meanings.find((m) => m.name.startsWith('where the sender is'))!;
    expect(where.bits).toBeGreaterThan(where.shuffledBits + 0.2);
    const panel = await page.textContent('[data-testid=channel]');
    expect(panel).toMatch(/The agents talk/);
    expect(panel).toMatch(/sends 4 numbers/);
    expect(panel).toMatch(/radius 0\.5/);
    expect(await page.textContent('[data-testid=channel-mi]')).toMatch(/where the sender is.*bits \(by chance/);
    // the controller is labelled as the talking kind, with its sight
    const label = await page.$eval('[data-team=agents]', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent);
    expect(label).toMatch(/PPO \(talking\).*sees 0\.5/);
    await page.screenshot({ path: join(SCREENSHOTS, 'channel-spread.png') });

    // silence them: they play on, hearing zeros; then let them talk again
    await page.click('[data-testid=channel-silence]');
    expect((await probe(page)).channel!.silenced).toBe(true);
    expect(await page.textContent('[data-testid=channel-silence]')).toBe('Let them talk');
    const t = (await probe(page)).t!;
    await page.waitForFunction((t0) => window.__arena!().t !== t0, t);
    await page.click('[data-testid=channel-silence]');
    expect((await probe(page)).channel!.silenced).toBe(false);

    // another controller for the team: the channel section goes
    await page.selectOption('[data-team=agents]', 'scripted');
    await page.waitForFunction(() => window.__arena!().channel === null);
    expect(await page.locator('[data-testid=channel]').count()).toBe(0);
    // and picked again from the side panel: it comes back, talking (the silence was not kept)
    await page.selectOption('[data-team=agents]', 'ppo-spread-n5-comm');
    await page.waitForSelector('[data-testid=channel]');
    await page.waitForFunction(() => (window.__arena!().channel?.messages?.length ?? 0) === 20);
    expect((await probe(page)).channel!.silenced).toBe(false);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 120_000);

  it('fits a phone: the panel explains the channel at 390 x 844', async () => {
    const { page, errors } = await openPage(h, '/?scenario=spread&N=5&agents=ppo-spread-n5-comm');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForFunction(() => (window.__arena!().channel?.steps ?? 0) > 50, null, { timeout: 60_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'channel-spread-phone.png'), fullPage: true });
    expect(await page.locator('[data-testid=channel]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
