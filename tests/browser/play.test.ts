import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import omggif from 'omggif';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadCheckpointFile } from '../../src/cli/checkpointFile';
import { initTfNode } from '../../src/agents/tfNode';
import { Match } from '../../src/plugins/match';
import { policyControllerInfo } from '../../src/plugins/policyController';
import { builtinControllers } from '../../src/plugins/registry';
import { checkTrajectory } from '../../src/sim/parity';
import { writePythonPolicy } from '../support/pythonPolicy';
import { openPage, probe, SCREENSHOTS, type Harness } from './harness';
import { useHarness } from './suite';

const { GifReader } = omggif as unknown as typeof import('omggif');

let h: Harness;
useHarness((started) => (h = started));

interface Round {
  touches: number;
  /** Longest time untouched, seconds. */
  bestStreak: number;
  /** Contacts between predator and prey bodies found by matter's collision detection (drawn as flashes). */
  contacts: number;
  /** Per agent (three predators, then the prey): share of the round's frames in which it was inside the drawn walls and on the canvas. */
  inView: number[];
  frames: number;
}

/**
 * Play one whole round (300 steps) and record from every drawn frame whether each agent is inside the
 * walled arena and on screen (through the probe's camera mapping).
 */
function playRound(page: Page): Promise<Round> {
  return page.evaluate(async () => {
    const canvas = document.querySelector('#app canvas') as HTMLCanvasElement;
    const { width, height } = canvas.getBoundingClientRect();
    const names = ['adversary_0', 'adversary_1', 'adversary_2', 'agent_0'];
    const seen = names.map(() => 0);
    let frames = 0;
    await new Promise<void>((done) => {
      const tick = () => {
        const s = window.__arena!();
        const v = s.view!;
        names.forEach((name, k) => {
          const [x, y] = s.positions![name];
          const sx = v.cx + x * v.scale;
          const sy = v.cy - y * v.scale;
          if (Math.abs(x) <= 1 && Math.abs(y) <= 1 && sx >= 0 && sx <= width && sy >= 0 && sy <= height) seen[k]++;
        });
        frames++;
        if (s.score!.roundOver) done();
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const end = window.__arena!();
    return { touches: end.score!.touches, bestStreak: end.score!.bestStreakSeconds, contacts: end.contactsBegun!, inView: seen.map((n) => n / frames), frames };
  });
}

describe('play as prey', () => {
  it('is the landing page: a difficulty choice, the level in the round, and a best streak kept per level', async () => {
    const { page, errors, foreign } = await openPage(h, '/');
    expect((await probe(page)).scene).toBe('menu');
    for (const level of ['easy', 'medium', 'hard']) expect(await page.isEnabled(`[data-testid=menu-difficulty-${level}]`)).toBe(true);
    expect(await page.getAttribute('[data-testid=menu-difficulty-medium]', 'aria-pressed')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'landing.png') });
    await page.click('[data-testid=menu-difficulty-hard]');
    expect(await page.getAttribute('[data-testid=menu-difficulty-hard]', 'aria-pressed')).toBe('true');
    expect(await page.textContent('[data-testid=menu-play-prey]')).toMatch(/hard/);
    await page.click('[data-testid=menu-play-prey]');
    await page.waitForFunction(() => window.__arena!().scene === 'arena');
    const s = await probe(page);
    expect(s).toMatchObject({ mode: 'play', difficulty: 'hard' });
    expect(s.assignment).toEqual({
      adversary_0: 'ppo-tag-predators-hard',
      adversary_1: 'ppo-tag-predators-hard',
      adversary_2: 'ppo-tag-predators-hard',
      agent_0: 'human',
    });
    // a 3-2-1 first: nothing moves until it ends
    expect(s.score!.countdown).toBe(3);
    expect(await page.textContent('[data-testid=countdown]')).toBe('3');
    expect(s.t).toBe(0);
    expect(await page.textContent('[data-testid=announcer]')).toMatch(/Get ready/);
    await page.waitForFunction(() => window.__arena!().score!.countdown === 2);
    expect((await probe(page)).t).toBe(0);
    // a whole round at 8x; the person holds a key, and the round's best streak becomes the level's record
    await page.selectOption('[data-action=speed]', '8');
    await page.keyboard.down('ArrowUp');
    await page.waitForFunction(() => window.__arena!().score!.roundOver, null, { timeout: 40_000 });
    await page.keyboard.up('ArrowUp');
    const end = await probe(page);
    expect(end.score!.bestStreakSeconds).toBeGreaterThan(0);
    expect(end.score!.recordSeconds).toBeCloseTo(end.score!.bestStreakSeconds, 6);
    // the end card: the round's figures, "new record!" (the first record at this level) and two ways on
    expect(end.score!.newRecord).toBe(true);
    expect(await page.isVisible('[data-testid=end-card]')).toBe(true);
    expect(await page.textContent('[data-testid=end-new-record]')).toMatch(/New record!/);
    expect(await page.textContent('[data-testid=end-streak]')).toBe(`${end.score!.bestStreakSeconds.toFixed(1)} s`);
    expect(await page.textContent('[data-testid=end-touches]')).toBe(String(end.score!.touches));
    expect(await page.textContent('[data-testid=announcer]')).toMatch(/Round over/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('end-play-again');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('particle-arena.best-streaks.v1') ?? '{}'));
    expect(stored.hard).toBeCloseTo(end.score!.bestStreakSeconds, 6);
    expect(stored.easy ?? 0).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'play-hard-round-over.png') });
    // Play again: a new round, with its countdown, and no card
    await page.click('[data-testid=end-play-again]');
    await page.waitForFunction(() => !window.__arena!().score!.roundOver && window.__arena!().score!.countdown > 0);
    expect(await page.isVisible('[data-testid=end-card]')).toBe(false);
    expect((await probe(page)).score!.newRecord).toBe(false);
    // a round nobody plays through sets no record: give the prey to a controller mid-round
    await page.click('[data-testid=panel-details] summary');
    await page.selectOption('[data-agent=agent_0]', 'lookahead');
    await page.waitForFunction(() => window.__arena!().score!.roundOver, null, { timeout: 40_000 });
    expect((await probe(page)).score!.ranked).toBe(false);
    expect(await page.textContent('[data-testid=end-note]')).toMatch(/No record: a controller, not you/);
    const still = await page.evaluate(() => JSON.parse(localStorage.getItem('particle-arena.best-streaks.v1') ?? '{}'));
    expect(still.hard).toBeCloseTo(end.score!.bestStreakSeconds, 6);
    // weaker predators in a level's round set no record either (swapped in the panel before playing again)
    await page.selectOption('[data-agent=agent_0]', 'human');
    await page.selectOption('[data-team=predators]', 'random');
    await page.click('[data-testid=end-play-again]');
    await page.keyboard.down('ArrowLeft');
    await page.waitForFunction(() => window.__arena!().score!.roundOver, null, { timeout: 40_000 });
    await page.keyboard.up('ArrowLeft');
    expect(await page.textContent('[data-testid=end-note]')).toMatch(/No record: the predators were not the hard level's/);
    // back in the menu (the card's button) the record is shown on its level, and survives a reload
    await page.click('[data-testid=end-menu]');
    await page.waitForSelector('[data-testid=menu-difficulty-hard]');
    expect(await page.textContent('[data-testid=menu-difficulty-hard]')).toMatch(new RegExp(`record ${stored.hard.toFixed(1)} s`));
    await page.reload();
    await page.waitForSelector('[data-testid=menu-difficulty-hard]');
    expect(await page.textContent('[data-testid=menu-difficulty-hard]')).toMatch(/record \d+\.\d s/);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 150_000);

  it('holding one arrow key for a whole round loses on every level: touched at least 5 times, never 10 s untouched', async () => {
    const rounds: Record<string, { key: string; touches: number; bestStreak: number }[]> = {};
    for (const level of ['easy', 'medium', 'hard']) {
      rounds[level] = [];
      for (const [seed, key] of [
        [1, 'ArrowUp'],
        [2, 'ArrowLeft'],
      ] as const) {
        const { page, errors } = await openPage(h, `/?mode=play&difficulty=${level}&seed=${seed}&speed=8`);
        await page.keyboard.down(key);
        const r = await playRound(page);
        await page.keyboard.up(key);
        rounds[level].push({ key, touches: r.touches, bestStreak: r.bestStreak });
        for (const share of r.inView) expect(share, JSON.stringify(r)).toBe(1); // walls: nobody ever leaves the arena
        if (level === 'hard' && seed === 1) await page.screenshot({ path: join(SCREENSHOTS, 'hold-up-hard-end.png') });
        expect(errors).toEqual([]);
        await page.close();
      }
    }
    console.info(`holding one key for a whole round: ${JSON.stringify(rounds)}`);
    for (const level of Object.keys(rounds)) {
      for (const r of rounds[level]) {
        expect(r.touches, `${level} ${JSON.stringify(r)}`).toBeGreaterThanOrEqual(5);
        expect(r.bestStreak, `${level} ${JSON.stringify(r)}`).toBeLessThan(10);
      }
    }
  }, 180_000);

  it('a link that changes the round (its length, sizes or predators) plays it but keeps no record', async () => {
    for (const [link, why] of [
      ['&max_cycles=40', /arena \(walls, sizes or length\) is not the hard level's/],
      ['&predators=random', /the predators were not the hard level's/],
    ] as const) {
      const { page, errors } = await openPage(h, `/?mode=play&difficulty=hard&seed=3&speed=8${link}`);
      await page.keyboard.down('ArrowUp');
      await page.waitForFunction(() => window.__arena!().score!.roundOver, null, { timeout: 30_000 });
      await page.keyboard.up('ArrowUp');
      expect((await probe(page)).score!.ranked).toBe(false);
      expect(await page.textContent('[data-testid=end-note]')).toMatch(why);
      expect(await page.evaluate(() => localStorage.getItem('particle-arena.best-streaks.v1'))).toBeNull();
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 90_000);

  it('deep-links to a level', async () => {
    const { page, errors } = await openPage(h, '/?mode=play&difficulty=easy');
    const s = await probe(page);
    expect(s).toMatchObject({ scene: 'arena', mode: 'play', difficulty: 'easy' });
    expect(s.assignment!.adversary_1).toBe('ppo-tag-predators-easy');
    expect(await page.isVisible('#banner')).toBe(false);
    // a pause covers the arena: a break, not time to plan the next move in a frozen world
    await page.waitForFunction(() => window.__arena!().t! >= 5, null, { timeout: 20_000 });
    await page.keyboard.press('Space');
    expect(await page.isVisible('[data-testid=pause-card]')).toBe(true);
    const cover = (await page.locator('#round-overlay').boundingBox())!;
    const canvas = (await page.locator('#app canvas').boundingBox())!;
    expect(cover.width * cover.height).toBeGreaterThanOrEqual(canvas.width * canvas.height - 1);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('#round-overlay.paused-card')!).backgroundColor)).toBe('rgb(20, 22, 28)');
    const t0 = (await probe(page)).t!;
    await page.click('[data-testid=pause-resume]');
    await page.waitForFunction((t) => window.__arena!().t! > t + 3, t0);
    expect(await page.isVisible('[data-testid=pause-card]')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('hard predators touch a fleeing prey at least as often as the scripted chasers in 30-second rounds, and stay in view', async () => {
    const rounds: Record<string, Round[]> = { hard: [], scripted: [] };
    for (const seed of [1, 2, 3]) {
      for (const [name, predators] of [
        ['hard', 'ppo-tag-predators-hard'],
        ['scripted', 'scripted'],
      ]) {
        const { page, errors } = await openPage(h, `/?mode=play&difficulty=hard&predators=${predators}&prey=scripted&speed=8&seed=${seed}`);
        rounds[name].push(await playRound(page));
        expect(errors).toEqual([]);
        if (seed === 1 && name === 'hard') await page.screenshot({ path: join(SCREENSHOTS, 'hard-vs-fleeing-prey.png') });
        await page.close();
      }
    }
    const total = (rs: Round[]) => rs.reduce((a, r) => a + r.touches, 0);
    const summary = JSON.stringify(rounds);
    console.info(
      `30-second rounds against the fleeing scripted prey: hard ${total(rounds.hard)} touches, scripted chasers ${total(rounds.scripted)}; hard predators in view ${rounds.hard.map((r) => r.inView.map((v) => v.toFixed(3)).join('/')).join(', ')}`,
    );
    expect(total(rounds.hard), summary).toBeGreaterThanOrEqual(total(rounds.scripted));
    // every touch the MPE rule scores is a contact matter's detection finds (and flashes); two predators at once count twice
    for (const r of [...rounds.hard, ...rounds.scripted]) expect(r.contacts, summary).toBeGreaterThanOrEqual(r.touches);
    expect(total(rounds.hard), summary).toBeGreaterThan(0);
    for (const r of [...rounds.hard, ...rounds.scripted]) {
      expect(r.frames).toBeGreaterThan(20);
      for (const share of r.inView) expect(share, summary).toBe(1); // every predator and the prey inside the drawn arena in every frame
    }
  }, 180_000);

  it('the difficulty levels are ordered: over the same rounds, easy touches least and hard most', async () => {
    const touches: Record<string, number> = {};
    for (const level of ['easy', 'medium', 'hard']) {
      touches[level] = 0;
      for (const seed of [1, 2, 3, 4]) {
        const { page, errors } = await openPage(h, `/?mode=play&difficulty=${level}&prey=scripted&speed=8&seed=${seed}`);
        touches[level] += (await playRound(page)).touches;
        expect(errors).toEqual([]);
        await page.close();
      }
    }
    console.info(`touches over four 30-second rounds per level: ${JSON.stringify(touches)}`);
    expect(touches.easy, JSON.stringify(touches)).toBeLessThan(touches.medium);
    expect(touches.medium, JSON.stringify(touches)).toBeLessThan(touches.hard);
  }, 240_000);
});

describe('the view', () => {
  it('zooms out smoothly to keep agents pushed out of the arena on screen, and back in for a new episode', async () => {
    // watching (no walls): a prey nobody drives is rammed out of the arena by the predators, who follow it
    const { page, errors } = await openPage(h, '/?scenario=tag&predators=ppo-tag-predators-hard&prey=human&seed=1&speed=2&steps=300');
    const trace = await page.evaluate(async () => {
      const canvas = document.querySelector('#app canvas') as HTMLCanvasElement;
      const out: { halfExtent: number; reach: number; offScreen: number }[] = [];
      await new Promise<void>((done) => {
        const tick = () => {
          // the canvas's size now (the HUD band settles in the first frames)
          const { width, height } = canvas.getBoundingClientRect();
          const s = window.__arena!();
          const v = s.view!;
          let reach = 0;
          let offScreen = 0;
          for (const [x, y] of Object.values(s.positions!)) {
            reach = Math.max(reach, Math.abs(x), Math.abs(y));
            const sx = v.cx + x * v.scale;
            const sy = v.cy - y * v.scale;
            if (sx < 0 || sx > width || sy < 0 || sy > height) offScreen++;
          }
          out.push({ halfExtent: Math.min(width, height) / (2 * v.scale), reach, offScreen });
          if (s.t! >= 299) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      return out;
    });
    expect(Math.max(...trace.map((f) => f.reach)), 'the prey was never pushed out: the test shows nothing').toBeGreaterThan(1.6);
    expect(Math.max(...trace.map((f) => f.halfExtent))).toBeGreaterThan(1.5);
    // on screen whenever the widest view (half-width 6) can hold it, allowing the zoom a few frames to catch up
    const missed = trace.filter((f) => f.offScreen > 0 && f.reach < 5.5).length;
    expect(missed / trace.length, JSON.stringify(trace.filter((f) => f.offScreen > 0).slice(0, 5))).toBeLessThan(0.05);
    // smooth: the view never changes its size by more than 8% between two frames
    for (let k = 1; k < trace.length; k++)
      expect(
        Math.abs(trace[k].halfExtent / trace[k - 1].halfExtent - 1),
        JSON.stringify(trace.slice(Math.max(0, k - 3), k + 2)) + ` at ${k}/${trace.length}`,
      ).toBeLessThan(0.08);
    await page.screenshot({ path: join(SCREENSHOTS, 'zoomed-out.png') });
    await page.keyboard.press('r');
    await page.waitForFunction(() => window.__arena!().t! >= 2);
    const fresh = await probe(page);
    const canvasBox = (await page.locator('#app canvas').boundingBox())!;
    expect(Math.min(canvasBox.width, canvasBox.height) / (2 * fresh.view!.scale)).toBeCloseTo(1.35, 1);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the rest of the MPE family in the page', () => {
  it.each([
    ['simple', ''],
    ['adversary', '&adversary=scripted&agents=scripted'],
    ['crypto', '&alice=scripted&bob=scripted&eve=scripted'],
    ['push', ''],
    ['world_comm', '&leader=scripted&predators=scripted&prey=scripted'],
  ])('%s runs with its scripted teams, and a person can take a seat', async (scenario, teams) => {
    const { page, errors, foreign } = await openPage(h, `/?scenario=${scenario}&seed=1&steps=200${teams}`);
    await page.waitForFunction(() => window.__arena!().t! > 5);
    const s = await probe(page);
    expect(s.lastError).toBeNull();
    expect(Object.values(s.assignment!).every((c) => c === 'scripted')).toBe(true);
    const first = Object.keys(s.assignment!)[0];
    await page.selectOption(`[data-agent="${first}"]`, 'human');
    await page.waitForFunction((t0) => window.__arena!().t! > t0 + 5, s.t!);
    const after = await probe(page);
    expect(after.assignment![first]).toBe('human');
    expect(after.lastError).toBeNull();
    if (scenario === 'world_comm') await page.screenshot({ path: join(SCREENSHOTS, 'world-comm.png') });
    // nothing moves in crypto: the HUD tells who read the message right
    if (scenario === 'crypto')
      expect(await page.textContent('#hud-status')).toMatch(
        /goal: landmark \d, key: landmark \d; Alice sends symbol .*Bob \(has the key\) (silent|says \d: (right|wrong)); Eve \(no key\) (silent|says \d: (right|wrong))/,
      );
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});

describe('roles of the predators', () => {
  it('are shown live in the side panel while trained predators hunt', async () => {
    const { page, errors } = await openPage(h, '/?scenario=tag&seed=2&steps=200&speed=4');
    await page.waitForFunction(() => window.__arena!().t! >= 60);
    expect(await page.locator('[data-testid=roles] [data-predator]').count()).toBe(3);
    const r = (await probe(page)).roles!;
    expect(r.steps).toBeGreaterThanOrEqual(60);
    expect(r.predators.reduce((a, p) => a + p.nearestShare, 0)).toBeCloseTo(1, 6);
    expect(await page.textContent('[data-testid=roles-team]')).toMatch(/prey encircled \d+% of steps · specialisation \d\.\d\d bits/);
    expect(await page.textContent('[data-testid=roles-help]')).toMatch(/chaser behind it, flanker at its side, cutter ahead of it.*Encircled.*Specialisation/);
    await page.screenshot({ path: join(SCREENSHOTS, 'roles-panel.png') });
    // the figures describe one set of controllers in one run: a swap and a restart start them again
    await page.click('[data-action=pause]');
    await page.selectOption('[data-team=predators]', 'scripted');
    expect((await probe(page)).roles!.steps).toBe(0);
    await page.click('[data-action=pause]');
    await page.waitForFunction(() => window.__arena!().roles!.steps >= 20);
    await page.click('[data-action=restart-new]');
    expect((await probe(page)).roles!.steps).toBeLessThan(15);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('world_comm forests', () => {
  it("V shows one agent's view: agents hidden from it by forests are faded, as the env's visibility rule says", async () => {
    const { page, errors } = await openPage(h, '/?scenario=world_comm&seed=3&steps=400&speed=2');
    await page.waitForFunction(() => window.__arena!().t! >= 2);
    // V cycles the viewpoint; the HUD names it (pressed until it says so, so a slow frame cannot skip one)
    const viewAs = async (name: string) => {
      for (let k = 0; k < 8 && !(await page.textContent('#hud-status'))!.includes(`as ${name} sees it`); k++) {
        await page.keyboard.press('v');
        await page.waitForTimeout(100);
      }
      expect(await page.textContent('#hud-status')).toContain(`view: as ${name} sees it`);
    };
    await viewAs('leadadversary_0'); // the leader: sees everyone
    expect((await probe(page)).hiddenFromView).toEqual([]);
    await viewAs('adversary_0');
    const sizes: Record<string, number> = {
      leadadversary_0: 0.075,
      adversary_0: 0.075,
      adversary_1: 0.075,
      adversary_2: 0.075,
      agent_0: 0.045,
      agent_1: 0.045,
    };
    let frames = 0;
    let hiddenFrames = 0;
    for (let k = 0; k < 60; k++) {
      const s = await probe(page);
      const pos = s.positions!;
      const inForest = (a: string, f: string) => Math.hypot(pos[a][0] - pos[f][0], pos[a][1] - pos[f][1]) < sizes[a] + 0.3;
      const forests = ['forest 0', 'forest 1'];
      const visible = (o: string, x: string) =>
        forests.some((f) => inForest(o, f) && inForest(x, f)) || (!forests.some((f) => inForest(o, f)) && !forests.some((f) => inForest(x, f)));
      const expected = Object.keys(sizes).filter((x) => x !== 'adversary_0' && !visible('adversary_0', x));
      expect(s.hiddenFromView!.sort()).toEqual(expected.sort());
      frames++;
      if (expected.length) hiddenFrames++;
      await page.waitForTimeout(100);
    }
    expect(frames).toBe(60);
    expect(hiddenFrames, 'nobody was ever hidden: the check saw nothing').toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'world-comm-view.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('speaking agents', () => {
  it("a person in the speaker's seat speaks with the number keys, and the listener hears it", async () => {
    const { page, errors } = await openPage(h, '/?scenario=speaker_listener&speaker=human&listener=scripted&seed=3&steps=500');
    await page.waitForFunction(() => window.__arena!().t! > 2);
    const heard = async () => (await probe(page)).observations!.listener_0.slice(8, 11);
    expect(await heard()).toEqual([0, 0, 0]); // nothing said yet
    await page.keyboard.press('3');
    await page.waitForFunction((t0) => window.__arena!().t! > t0 + 2, (await probe(page)).t!);
    expect(await heard()).toEqual([0, 0, 1]);
    expect((await probe(page)).comm!.speaker_0).toEqual([0, 0, 1]);
    await page.keyboard.press('1');
    await page.waitForFunction((t0) => window.__arena!().t! > t0 + 2, (await probe(page)).t!);
    expect(await heard()).toEqual([1, 0, 0]);
    await page.keyboard.press('0');
    await page.waitForFunction((t0) => window.__arena!().t! > t0 + 2, (await probe(page)).t!);
    expect(await heard()).toEqual([0, 0, 0]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('hostile links', () => {
  it.each([
    ['a malformed escape', '/?scenario=tag&seed=%ZZ', /seed=%ZZ: got a malformed %-escape/],
    ['a tfjs debug switch', '/?scenario=tag&tfjsflags=WEBGL_VERSION:banana', /tfjsflags: got a TensorFlow.js debug switch/],
    ['an unknown renderer', '/?scenario=tag&renderer=xyz', /renderer: got "xyz"; allowed: webgl or canvas/],
    ['a 3000-character value', `/?scenario=tag&predators=${'x'.repeat(3000)}`, /predators: got "x{20}/],
  ])('%s: the game starts and names the problem', async (_name, path, message) => {
    const { page, errors } = await openPage(h, path);
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('[data-testid=banner-text]')).toMatch(message);
    await page.waitForFunction(() => window.__arena!().scene === 'arena' && window.__arena!().t! > 3);
    expect((await probe(page)).tfBackend).toBe('wasm'); // the trained policies still load
    // the banner stays inside the stage, beside the side panel
    const banner = (await page.locator('#banner').boundingBox())!;
    const panel = (await page.locator('#panel').boundingBox())!;
    expect(banner.x + banner.width).toBeLessThanOrEqual(panel.x + 1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the HUD', () => {
  it.each([1024, 1280])(
    'never overlaps the key help at %i px, in any scenario',
    async (width) => {
      for (const path of [
        '/?mode=play&difficulty=hard&seed=2',
        '/?scenario=speaker_listener&seed=2',
        '/?scenario=spread&n=10&seed=2',
        '/?scenario=reference&seed=2',
      ]) {
        const { page, errors } = await openPage(h, path);
        await page.setViewportSize({ width, height: 700 });
        await page.waitForFunction((t0) => window.__arena!().t! >= t0 + 5, (await probe(page)).t!);
        const { hud } = await probe(page);
        const [ax, ay, aw, ah] = hud!.status;
        const [bx, by, bw, bh] = hud!.keys;
        const overlap = ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
        expect(overlap, `${path} at ${width}px: status ${hud!.status}, keys ${hud!.keys}`).toBe(false);
        expect(aw).toBeGreaterThan(100);
        if (width === 1024 && path.includes('speaker')) await page.screenshot({ path: join(SCREENSHOTS, 'hud-1024-speaker-listener.png') });
        expect(errors).toEqual([]);
        await page.close();
      }
    },
    120_000,
  );
});

describe('record and replay', () => {
  it('records an episode with a person playing, saves a file that replays exactly, and scrubs through it', async () => {
    const { page, errors, foreign } = await openPage(h, '/?scenario=tag&prey=human&seed=4&steps=60&speed=4');
    await page.waitForFunction(() => window.__arena!().t! >= 3);
    await page.click('[data-action=record]');
    await page.keyboard.down('ArrowLeft'); // the person plays during the recording
    const download = page.waitForEvent('download', { timeout: 30_000 });
    const file = await download;
    await page.keyboard.up('ArrowLeft');
    const path = join(mkdtempSync(join(tmpdir(), 'arena-rec-')), 'rec.json');
    await file.saveAs(path);
    const rec = JSON.parse(readFileSync(path, 'utf8'));
    expect(rec.kind).toBe('recording');
    expect(rec.controllers.agent_0).toBe('human');
    expect(rec.num_steps).toBeGreaterThan(20);
    // the recording is a trajectory: replayed by the parity check with no error at all
    const check = checkTrajectory('page recording', rec);
    expect(check.problems).toEqual([]);
    expect(check.maxStateError).toBe(0);
    // the same episode as a clip to share: a looping GIF with one frame per step, drawn as `arena clip` draws it
    const clipDownload = page.waitForEvent('download', { timeout: 60_000 });
    await page.click('[data-action=save-clip]');
    const clipPath = join(dirname(path), 'clip.gif');
    await (await clipDownload).saveAs(clipPath);
    const clip = new GifReader(new Uint8Array(readFileSync(clipPath)));
    expect(clip.numFrames()).toBe(rec.num_steps + 1);
    expect([clip.width, clip.height, clip.loopCount()]).toEqual([320, 346, 0]);
    expect(await page.textContent('[data-testid=record-status]')).toMatch(/Saved a clip of \d+ steps \(\d+ kB\)/);
    // replay it in the page and scrub to the middle: the positions are the recorded ones
    await page.setInputFiles('[data-testid=replay-file]', path);
    await page.waitForSelector('[data-testid=replay-scrub]');
    const k = Math.floor(rec.num_steps / 2);
    await page.fill('[data-testid=replay-scrub]', String(k));
    await page.dispatchEvent('[data-testid=replay-scrub]', 'input');
    const at = await probe(page);
    expect(at.t).toBe(k);
    expect(at.paused).toBe(true);
    rec.entity_order.forEach((name: string, i: number) => {
      expect(at.positions![name][0]).toBe(rec.steps[k - 1].state.p_pos[i][0]);
      expect(at.positions![name][1]).toBe(rec.steps[k - 1].state.p_pos[i][1]);
    });
    // playing on from there follows the recording to its end
    await page.click('[data-action=pause]');
    await page.waitForFunction((n) => window.__arena!().t === n, rec.num_steps, { timeout: 30_000 });
    const end = await probe(page);
    rec.entity_order.forEach((name: string, i: number) => expect(end.positions![name][0]).toBeCloseTo(rec.steps[rec.num_steps - 1].state.p_pos[i][0], 12));
    expect(await page.textContent('[data-testid=replay-step]')).toBe(`${rec.num_steps} / ${rec.num_steps}`);
    // scrubbing back to the very end shows the last recorded state (an episode that ran all its steps is over, not refused)
    await page.fill('[data-testid=replay-scrub]', '0');
    await page.dispatchEvent('[data-testid=replay-scrub]', 'input');
    await page.fill('[data-testid=replay-scrub]', String(rec.num_steps));
    await page.dispatchEvent('[data-testid=replay-scrub]', 'input');
    const last = await probe(page);
    rec.entity_order.forEach((name: string, i: number) => expect(last.positions![name][1]).toBe(rec.steps[rec.num_steps - 1].state.p_pos[i][1]));
    // a file nested 10,000 deep is refused by name before it is walked
    const deep = Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    await page.setInputFiles('[data-testid=replay-file]', { name: 'deep.json', mimeType: 'application/json', buffer: deep });
    await page.waitForFunction(() => /deep\.json/.test(document.querySelector('[data-testid=banner-text]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid=banner-text]')).toMatch(/recording: got "deep\.json"; it nests deeper than 64 levels/);
    // a foreign file is refused with a message
    await page.setInputFiles('[data-testid=replay-file]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"keras"}') });
    await page.waitForFunction(() => /not loaded/.test(document.querySelector('[data-testid=banner-text]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid=banner-text]')).toMatch(/x\.json\.format: got "keras"/);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('training in the page', () => {
  it('puts the policy being trained on its team mid-episode while training goes on, pauses, and downloads a checkpoint the CLI reads', async () => {
    const { page, errors, foreign } = await openPage(h, '/?scenario=spread&n=2&agents=random&seed=6&steps=1000');
    expect(await page.inputValue('[data-testid=train-algo]')).toBe('shared');
    // settings are checked by the CLI's rules: a bad one is named and nothing starts
    await page.fill('[data-testid=train-lr]', '5');
    await page.click('[data-action=train]');
    expect(await page.textContent('[data-testid=train-status]')).toMatch(/Not started: config\.learningRate: got 5; allowed: a number from 0 to 1/);
    expect((await probe(page)).training!.running).toBe(false);
    await page.fill('[data-testid=train-lr]', '0.0007');
    await page.click('[data-action=train]');
    await page.waitForFunction(() => window.__arena!().training!.iterations >= 3, null, { timeout: 60_000 });
    const before = await probe(page);
    // the live curve (uPlot) gains a point per iteration, with the random and scripted returns as reference lines
    expect(before.training!.curvePoints).toBeGreaterThanOrEqual(3);
    const b = before.training!.baselines!;
    expect(b.random!).toBeLessThan(b.scripted!);
    expect(await page.locator('[data-testid=train-curve] canvas').count()).toBe(1);
    await page.click('[data-action=train-use]');
    await page.waitForFunction(() => window.__arena!().training!.controllerId === 'trained-here-1', null, { timeout: 60_000 });
    const after = await probe(page);
    await page.locator('[data-testid=train-curve]').screenshot({ path: join(SCREENSHOTS, 'train-curve.png') });
    expect(Object.values(after.assignment!)).toEqual(['trained-here-1', 'trained-here-1']);
    expect(after.episode).toBe(before.episode); // the same episode: swapped in, not restarted
    expect(after.training!.running).toBe(true);
    // the arena keeps its frame rate while the worker trains
    const fps = (await page.evaluate(
      `(async () => { const xs = []; for (let k = 0; k < 8; k++) { await new Promise((r) => setTimeout(r, 400)); xs.push(window.__arena().fps); } return xs; })()`,
    )) as number[];
    console.info(`FPS while training in the page: ${fps.map((f) => f.toFixed(1)).join(', ')}`);
    expect(Math.min(...fps)).toBeGreaterThanOrEqual(50);
    const it0 = after.training!.iterations;
    await page.waitForFunction((n) => window.__arena!().training!.iterations > n + 1, it0, { timeout: 60_000 }); // training goes on
    // pause: the iteration count stops moving
    await page.click('[data-action=train-pause]');
    await page.waitForTimeout(800);
    const p0 = (await probe(page)).training!.iterations;
    await page.waitForTimeout(1500);
    expect((await probe(page)).training!.iterations).toBeLessThanOrEqual(p0 + 1);
    await page.click('[data-action=train-pause]'); // resume
    await page.waitForFunction((n) => window.__arena!().training!.iterations > n + 1, p0, { timeout: 60_000 });
    const download = page.waitForEvent('download');
    await page.click('[data-action=train-download]');
    const file = await download;
    const path = join(mkdtempSync(join(tmpdir(), 'arena-dl-')), 'ckpt.json');
    await file.saveAs(path);
    const { ckpt } = loadCheckpointFile(path);
    expect(ckpt.scenario.id).toBe('simple_spread');
    expect(ckpt.step).toBeGreaterThan(0);
    // the curve says what it shows
    expect(await page.textContent('[data-testid=train-curve-legend]')).toMatch(/training return.*random.*scripted.*swapped in/);
    expect(await page.textContent('[data-testid=train-curve-legend]')).toMatch(/return per agent against env steps/);
    expect(await page.textContent('[data-action=train]')).toBe('Stop and use it');
    await page.click('[data-action=train]'); // stop, and use it
    await page.waitForFunction(() => !window.__arena!().training!.running, null, { timeout: 60_000 });
    const stopped = await probe(page);
    expect(stopped.lastError).toBeNull();
    expect(Object.values(stopped.assignment!)).toEqual(['trained-here', 'trained-here']); // "use it": the team is driven by it
    expect(await page.textContent('[data-testid=train-status]')).toMatch(/now drives the team it trained/);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('training one team in the page', () => {
  it('trains the predators while the prey keeps its scripted controller; the snapshot takes only the predator seats', async () => {
    const { page, errors } = await openPage(h, '/?scenario=tag&predators=random&prey=scripted&seed=2&steps=1000');
    // the imitation's teacher: only controllers that drive every learning team are offered
    const teachers = () => page.$$eval('[data-testid=train-teacher] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(await teachers()).toEqual(['scripted']);
    await page.selectOption('[data-testid=train-team]', 'prey');
    expect(await teachers()).toEqual(['scripted', 'lookahead']);
    await page.selectOption('[data-testid=train-teacher]', 'lookahead');
    await page.selectOption('[data-testid=train-team]', 'predators');
    expect(await teachers()).toEqual(['scripted']);
    expect(await page.inputValue('[data-testid=train-teacher]')).toBe('scripted');
    await page.click('[data-action=train]');
    await page.waitForFunction(() => window.__arena!().training!.iterations >= 3, null, { timeout: 90_000 });
    expect(await page.textContent('[data-testid=train-status]')).toMatch(/shared PPO: \d+ steps/);
    await page.click('[data-action=train-use]');
    await page.waitForFunction(() => window.__arena!().training!.controllerId === 'trained-here-1', null, { timeout: 60_000 });
    const s = await probe(page);
    expect(s.assignment).toEqual({ adversary_0: 'trained-here-1', adversary_1: 'trained-here-1', adversary_2: 'trained-here-1', agent_0: 'scripted' });
    await page.click('[data-action=train]');
    await page.waitForFunction(() => !window.__arena!().training!.running, null, { timeout: 60_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('training kept in the browser', () => {
  it('a reload offers the saved run: its policy drives agents at once and training resumes from its step', async () => {
    const { page, errors } = await openPage(h, '/?scenario=spread&n=2&agents=random&seed=6&steps=1000');
    await page.click('[data-action=train]');
    await page.waitForFunction(() => window.__arena!().training!.iterations >= 22, null, { timeout: 90_000 });
    await page.click('[data-action=train]'); // stop: the final checkpoint is kept
    await page.waitForFunction(() => !window.__arena!().training!.running, null, { timeout: 60_000 });
    const stoppedAt = (await probe(page)).training!.step;
    await page.waitForFunction(
      () =>
        /saved at/.test(document.querySelector('[data-testid=train-status]')?.textContent ?? '') ||
        /Done/.test(document.querySelector('[data-testid=train-status]')?.textContent ?? ''),
    );
    await page.reload();
    await page.waitForFunction(() => typeof window.__arena === 'function' && window.__arena!().scene === 'arena');
    await page.waitForFunction(() => /Saved in this browser/.test(document.querySelector('[data-testid=train-saved]')?.textContent ?? ''), null, {
      timeout: 30_000,
    });
    expect(await page.textContent('[data-testid=train-saved]')).toMatch(new RegExp(`at ${stoppedAt} steps`));
    // a new run would replace the saved one: the first press asks, and nothing starts
    await page.click('[data-action=train]');
    expect(await page.textContent('[data-testid=train-status]')).toMatch(/replaces the run saved in this browser \(\d+ steps\)/);
    expect(await page.textContent('[data-action=train]')).toBe('Replace saved run');
    await page.waitForTimeout(500);
    expect((await probe(page)).training!.running).toBe(false);
    await page.selectOption('[data-team=agents]', 'trained-saved');
    const t0 = (await probe(page)).t!;
    await page.waitForFunction((t) => window.__arena!().t! > t + 10, t0);
    expect((await probe(page)).lastError).toBeNull();
    await page.click('[data-action=train-resume]');
    await page.waitForFunction((s) => window.__arena!().training!.step > s, stoppedAt, { timeout: 60_000 });
    const resumed = (await probe(page)).training!;
    expect(resumed.running).toBe(true);
    expect(resumed.step).toBeGreaterThan(stoppedAt); // continued, not restarted from 0
    expect(resumed.step).toBeLessThan(stoppedAt + 20 * 400);
    await page.click('[data-action=train]');
    await page.waitForFunction(() => !window.__arena!().training!.running, null, { timeout: 60_000 });
    await page.click('[data-action=train-forget]').catch(() => undefined);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});

describe('a policy written by Python', () => {
  it('is loaded from a file, offered as a controller, and drives agents exactly as in Node', async () => {
    await initTfNode();
    const dir = mkdtempSync(join(tmpdir(), 'arena-py-page-'));
    const { checkpoint } = writePythonPolicy(dir);
    const { page, errors, foreign } = await openPage(h, '/?scenario=spread&n=3&agents=scripted&seed=9&steps=1000');
    await page.click('[data-action=pause]');
    await page.setInputFiles('[data-testid=policy-file]', checkpoint);
    await page.waitForSelector('#banner:not([hidden])');
    expect(await page.textContent('[data-testid=banner-text]')).toMatch(/Loaded python-spread-7 .*drives agent; choose it in the panel/);
    const offered = await page.$$eval('[data-team=agents] option', (els) => els.map((e) => (e as HTMLOptionElement).value));
    expect(offered).toContain('file-python-spread-7');
    await page.selectOption('[data-team=agents]', 'file-python-spread-7');
    await page.click('[data-action=restart-same]');
    for (let k = 0; k < 20; k++) await page.click('[data-action=step]');
    const s = await probe(page);
    expect(s.t).toBe(20);
    expect(s.lastError).toBeNull();
    // the same episode in Node, with the same file
    const { ckpt, policies } = loadCheckpointFile(checkpoint);
    const registry = builtinControllers();
    registry.register(policyControllerInfo('file-python-spread-7', 'python', ckpt, policies, true));
    const match = new Match({ scenario: 'simple_spread', options: { N: 3 }, seed: 9, controllers: { agents: 'file-python-spread-7' }, registry });
    for (let k = 0; k < 20; k++) match.step();
    const w = match.scenario.world;
    w.entities.forEach((e, i) => {
      expect(s.positions![e.name][0]).toBeCloseTo(w.pos[2 * i], 6);
      expect(s.positions![e.name][1]).toBeCloseTo(w.pos[2 * i + 1], 6);
    });
    match.dispose();
    // a bad file is refused with a message and changes nothing
    await page.setInputFiles('[data-testid=policy-file]', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "particle-arena/checkpoint", "version": 1'),
    });
    await page.waitForFunction(() => /not loaded/.test(document.querySelector('[data-testid=banner-text]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid=banner-text]')).toMatch(/policy file: got "broken.json".*not JSON/);
    expect((await probe(page)).assignment!.agent_0).toBe('file-python-spread-7');
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  }, 120_000);
});
