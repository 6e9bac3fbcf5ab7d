import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPage, probe, SCREENSHOTS, type Harness } from './harness';
import { useHarness } from './suite';

let h: Harness;
useHarness((started) => (h = started));

const distance = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);

describe('the game in Chromium', () => {
  it('loads the menu with no console errors and no request outside its origin, then starts a scenario', async () => {
    const { page, errors, foreign } = await openPage(h, '/');
    expect((await probe(page)).scene).toBe('menu');
    await page.screenshot({ path: join(SCREENSHOTS, 'menu.png') });
    await page.selectOption('[data-testid=menu-scenario]', 'simple_spread');
    await page.fill('[data-testid=menu-N]', '5');
    await page.dispatchEvent('[data-testid=menu-N]', 'change');
    await page.click('[data-testid=menu-start]');
    await page.waitForFunction(() => window.__arena!().scene === 'arena' && window.__arena!().t! > 3);
    const state = await probe(page);
    expect(state.scenario).toBe('simple_spread');
    expect(Object.keys(state.assignment!)).toHaveLength(5);
    await page.screenshot({ path: join(SCREENSHOTS, 'arena-spread.png') });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('play as prey: holding a key moves the prey that way', async () => {
    const { page, errors } = await openPage(h, '/?scenario=tag&mode=play&predators=random&seed=3');
    const start = await probe(page);
    expect(start.mode).toBe('play');
    expect(start.assignment!.agent_0).toBe('human');
    const p0 = start.positions!.agent_0;
    await page.keyboard.down('ArrowRight');
    await page.waitForFunction((t0) => window.__arena!().t! >= t0 + 8, start.t!);
    await page.keyboard.up('ArrowRight');
    const p1 = (await probe(page)).positions!.agent_0;
    expect(p1[0] - p0[0]).toBeGreaterThan(0.3);
    expect(p1[0] - p0[0]).toBeGreaterThan(3 * Math.abs(p1[1] - p0[1]));
    await page.keyboard.down('w');
    const mid = await probe(page);
    await page.waitForFunction((t0) => window.__arena!().t! >= t0 + 8, mid.t!);
    await page.keyboard.up('w');
    const p2 = (await probe(page)).positions!.agent_0;
    expect(p2[1] - mid.positions!.agent_0[1]).toBeGreaterThan(0.2);
    await page.screenshot({ path: join(SCREENSHOTS, 'play-as-prey.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('play as prey: dragging on the arena steers the prey towards the pointer', async () => {
    const { page, errors } = await openPage(h, '/?scenario=tag&mode=play&predators=random&seed=11&obstacles=0');
    const start = await probe(page);
    const p0 = start.positions!.agent_0;
    // aim at the world point 0.8 from the prey towards the centre, through the fixed camera's mapping
    const len = Math.hypot(p0[0], p0[1]);
    const aim: [number, number] = [p0[0] - (0.8 * p0[0]) / len, p0[1] - (0.8 * p0[1]) / len];
    const box = (await page.locator('#app canvas').boundingBox())!;
    const v = start.view!;
    const target = { x: box.x + v.cx + aim[0] * v.scale, y: box.y + v.cy - aim[1] * v.scale };
    await page.mouse.move(target.x, target.y);
    await page.mouse.down();
    await page.waitForFunction((t0) => window.__arena!().t! >= t0 + 10, start.t!);
    await page.mouse.up();
    const p1 = (await probe(page)).positions!.agent_0;
    // it moved most of the way to the pointer, along the line to it
    expect(distance(p1, aim)).toBeLessThan(0.35);
    expect(distance(p1, p0)).toBeGreaterThan(0.5);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('swapping a predator from random to scripted mid-episode makes it close in on the prey', async () => {
    const { page, errors } = await openPage(h, '/?scenario=tag&predators=random&prey=random&seed=5&steps=400&speed=2');
    // the swap at exactly step 10 (paused, then single steps), so the episode is the same on every run
    await page.click('[data-action=pause]');
    while ((await probe(page)).t! < 10) await page.click('[data-action=step]');
    const before = await probe(page);
    expect(before.t).toBe(10);
    expect(before.assignment!.adversary_0).toBe('random');
    const d0 = distance(before.positions!.adversary_0, before.positions!.agent_0);
    await page.selectOption('[data-agent=adversary_0]', 'scripted');
    await page.click('[data-action=pause]'); // resume
    // the closest it gets over the next 30 steps (a touch pushes the two apart again, so not the last step's)
    const closest = await page.evaluate(
      ([t0, steps]) =>
        new Promise<number>((done) => {
          let best = Infinity;
          const tick = () => {
            const s = window.__arena!();
            const a = s.positions!.adversary_0;
            const b = s.positions!.agent_0;
            best = Math.min(best, Math.hypot(a[0] - b[0], a[1] - b[1]));
            if (s.t! >= t0 + steps) done(best);
            else requestAnimationFrame(tick);
          };
          tick();
        }),
      [before.t!, 30] as const,
    );
    const after = await probe(page);
    expect(after.episode).toBe(before.episode); // same episode: no restart
    expect(after.assignment).toMatchObject({ adversary_0: 'scripted', adversary_1: 'random', adversary_2: 'random' });
    expect(closest).toBeLessThan(Math.min(0.3, d0));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shipped trained policies run on tfjs wasm in the page and can be swapped in mid-episode', async () => {
    const { page, errors, foreign } = await openPage(h, '/?scenario=spread&agents=random&seed=4&steps=500');
    await page.waitForFunction(() => window.__arena!().t! >= 5);
    const options = await page.$$eval('[data-agent=agent_0] option', (els) => els.map((e) => (e as HTMLOptionElement).value));
    const trained = options.find((o) => o.startsWith('ppo-'));
    expect(trained, `controllers offered: ${options.join(', ')}`).toBeDefined();
    await page.selectOption('[data-team=agents]', trained!);
    const t0 = (await probe(page)).t!;
    await page.waitForFunction((t) => window.__arena!().t! >= t + 20, t0);
    const s = await probe(page);
    expect(s.tfBackend).toBe('wasm');
    expect(Object.values(s.assignment!)).toEqual([trained, trained, trained]);
    expect(s.lastError).toBeNull();
    expect(await page.isVisible('#banner')).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'trained-spread.png') });
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('trains a policy in a Web Worker while the game runs, then drives agents with it', async () => {
    const { page, errors } = await openPage(h, '/?scenario=spread&n=2&agents=random&seed=6&steps=1000');
    const before = (await probe(page)).t!;
    // two agents: entities in their own order by default; asked for, the worker's run lists them nearest first
    expect(await page.isChecked('[data-testid=train-sort]')).toBe(false);
    await page.check('[data-testid=train-sort]');
    await page.click('[data-action=train]');
    await page.waitForFunction(() => window.__arena!().training!.iterations >= 3, null, { timeout: 60_000 });
    await page.waitForTimeout(500);
    const during = await probe(page);
    expect(during.training!.running).toBe(true);
    expect(during.t).toBeGreaterThan(before + 3); // the game kept stepping while the worker trained
    await page.click('[data-action=train]'); // stop and use it
    await page.waitForFunction(() => window.__arena!().training!.controllerId === 'trained-here', null, { timeout: 60_000 });
    await page.selectOption('[data-team=agents]', 'trained-here');
    const t0 = (await probe(page)).t!;
    await page.waitForFunction((t) => window.__arena!().t! >= t + 10, t0);
    const after = await probe(page);
    expect(Object.values(after.assignment!)).toEqual(['trained-here', 'trained-here']);
    expect(after.lastError).toBeNull();
    expect(await page.textContent('[data-testid=train-status]')).toMatch(/Done: \d+ steps/);
    expect(after.training!.sortEntities).toBe(true);
    // stopped, the run was validated on PettingZoo's reward at its last step (spread N=2: a return per agent well below 0)
    const v = after.training!.validation!;
    expect(v.step).toBe(after.training!.step);
    expect(v.score).toBeLessThan(0);
    expect(v.score).toBeGreaterThan(-200);
    expect(v.bestScore).toBeGreaterThanOrEqual(v.score);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('a deep link sets the controllers it names', async () => {
    const { page, errors } = await openPage(h, '/?scenario=tag&predators=random&prey=human&seed=7');
    const s = await probe(page);
    expect(s.seed).toBe(7);
    expect(s.assignment).toEqual({ adversary_0: 'random', adversary_1: 'random', adversary_2: 'random', agent_0: 'human' });
    expect(await page.inputValue('[data-agent=agent_0]')).toBe('human');
    expect(await page.isVisible('#banner')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad deep link shows a message naming the value and what is allowed, and the game still runs', async () => {
    const plain = await openPage(h, '/?scenario=tag');
    const defaultPredators = (await probe(plain.page)).assignment!.adversary_0;
    await plain.page.close();
    const { page, errors } = await openPage(h, '/?scenario=tag&predators=genius&seed=x');
    await page.waitForSelector('#banner:not([hidden])');
    const text = await page.textContent('[data-testid=banner-text]');
    expect(text).toMatch(/predators: got "genius"; allowed: random, scripted, human/);
    expect(text).not.toMatch(/policy .* was not loaded/);
    expect(text).toMatch(/seed: got "x"/);
    await page.waitForFunction(() => window.__arena!().t! > 3);
    expect((await probe(page)).assignment!.adversary_0).toBe(defaultPredators);
    await page.screenshot({ path: join(SCREENSHOTS, 'bad-deep-link.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a trained policy that does not fit the chosen sizes is replaced, with a message, and the game runs', async () => {
    const { page, errors } = await openPage(h, '/?scenario=spread&n=5&agents=ppo-spread-shared&seed=1');
    expect(await page.isChecked('[data-testid=train-sort]')).toBe(true); // N=5 trains nearest first by default
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('[data-testid=banner-text]')).toMatch(/cannot drive this setup.*ppo-spread-n3-shared/);
    await page.waitForFunction(() => window.__arena!().t! > 3);
    const s = await probe(page);
    expect(Object.keys(s.assignment!)).toHaveLength(5);
    // replaced by the best controller that fits N=5: the shipped N=5 policy
    expect(Object.values(s.assignment!)).toEqual(Array(5).fill('ppo-spread-n5-shared'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pause, single step and speed controls', async () => {
    const { page } = await openPage(h, '/?scenario=spread&seed=2&steps=1000');
    await page.click('[data-action=pause]');
    const paused = await probe(page);
    expect(paused.paused).toBe(true);
    await page.waitForTimeout(400);
    expect((await probe(page)).t).toBe(paused.t);
    await page.click('[data-action=step]');
    expect((await probe(page)).t).toBe(paused.t! + 1);
    await page.selectOption('[data-action=speed]', '4');
    await page.click('[data-action=pause]');
    const t0 = (await probe(page)).t!;
    await page.waitForTimeout(1000);
    const t1 = (await probe(page)).t!;
    expect((await probe(page)).speed).toBe(4);
    expect(t1 - t0).toBeGreaterThan(25); // 40 steps/s at 4x, allowing for start-up
    await page.click('[data-action=restart-same]');
    const restarted = await probe(page);
    expect(restarted.seed).toBe(2);
    expect(restarted.t).toBeLessThan(5);
    await page.close();
  });

  it('H (or the checkbox) overlays where each agent has been; a restart starts it afresh', async () => {
    const { page, errors } = await openPage(h, '/?scenario=spread&n=10&agents=scripted&seed=4&steps=1000');
    await page.waitForFunction(() => window.__arena!().t! > 20, null, { timeout: 20_000 });
    expect((await probe(page)).heatmap).toEqual({ on: false, cells: 0 });
    await page.keyboard.press('h');
    await page.waitForTimeout(300);
    const on = (await probe(page)).heatmap!;
    expect(on.on).toBe(true);
    expect(on.cells).toBeGreaterThan(10); // ten agents, each over several cells already
    expect(await page.isChecked('[data-action=heatmap]')).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'heatmap-spread10.png') });
    await page.click('[data-action=pause]');
    await page.click('[data-action=restart-same]'); // restart also resumes only in play mode: stays paused here
    await page.waitForTimeout(200);
    expect((await probe(page)).heatmap!.cells).toBeLessThanOrEqual(10); // at most one cell per agent after a restart
    await page.click('[data-action=heatmap]');
    await page.waitForTimeout(200);
    expect((await probe(page)).heatmap).toEqual({ on: false, cells: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ['tag 3v1', '/?scenario=tag&predators=scripted&prey=scripted&steps=1000', 'fps-tag.png'],
    ['spread N=10', '/?scenario=spread&n=10&agents=scripted&steps=1000', 'fps-spread10.png'],
  ])('%s: Phaser measures at least 50 FPS throughout 5 s', async (_name, path, shot) => {
    const { page, errors } = await openPage(h, path);
    await page.waitForTimeout(1500); // start-up
    const result = await page.evaluate(async () => {
      const samples: number[] = [];
      const start = performance.now();
      let frames = 0;
      await new Promise<void>((done) => {
        const tick = () => {
          frames++;
          if (performance.now() - start < 5000) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
        const timer = setInterval(() => {
          samples.push(window.__arena!().fps);
          if (performance.now() - start >= 5000) clearInterval(timer);
        }, 500);
      });
      return { samples, framesPerSecond: frames / ((performance.now() - start) / 1000) };
    });
    expect(result.samples.length).toBeGreaterThanOrEqual(9);
    expect(Math.min(...result.samples), JSON.stringify(result)).toBeGreaterThanOrEqual(50);
    expect(result.framesPerSecond).toBeGreaterThanOrEqual(50);
    await page.screenshot({ path: join(SCREENSHOTS, shot) });
    expect(errors).toEqual([]);
    await page.close();
  });
});
