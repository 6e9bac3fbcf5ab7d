import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, probe, SCREENSHOTS, type Harness } from './harness';
import { useHarness } from './suite';

let h: Harness;
useHarness((started) => (h = started));

const SIZES: [number, number][] = [
  [1280, 800],
  [800, 600],
  [390, 844],
];

/** The nine MPE scenarios as a watcher opens them (each with its default teams). */
const WATCH = ['simple', 'spread', 'tag', 'speaker_listener', 'reference', 'adversary', 'crypto', 'push', 'world_comm'];

/**
 * What is wrong with the page's layout now: a side-panel or controls-bar control spilling out of its
 * container or showing its text cut, and the HUD's boxes over an agent on the canvas.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const measure = document.createElement('canvas').getContext('2d')!;
    for (const [container, name] of [
      [document.querySelector('#panel'), 'panel'],
      [document.querySelector('#controls'), 'controls'],
      [document.querySelector('#menu form'), 'menu'],
    ] as const) {
      if (!container || !(container as HTMLElement).checkVisibility()) continue;
      const box = container.getBoundingClientRect();
      for (const c of container.querySelectorAll<HTMLElement>('select, input, button')) {
        if (!c.checkVisibility()) continue; // not shown (a folded section)
        const r = c.getBoundingClientRect();
        const label = c.getAttribute('aria-label') ?? c.getAttribute('data-action') ?? c.getAttribute('data-testid') ?? c.textContent;
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5)
          problems.push(`${name}: ${label} spills out (${r.left.toFixed(0)}-${r.right.toFixed(0)} in ${box.left.toFixed(0)}-${box.right.toFixed(0)})`);
        if (c instanceof HTMLSelectElement && c.selectedOptions[0]) {
          const style = getComputedStyle(c);
          measure.font = `${style.fontSize} ${style.fontFamily}`;
          // the text area of a select: its width less padding, border and the arrow (about 20 px)
          const room = c.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
          const text = measure.measureText(c.selectedOptions[0].text).width;
          if (text > room + 1) problems.push(`${name}: ${label} shows "${c.selectedOptions[0].text}" cut (${text.toFixed(0)} px in ${room.toFixed(0)})`);
        }
        if (c instanceof HTMLButtonElement && c.scrollWidth > c.clientWidth + 1) problems.push(`${name}: button ${label} cut`);
      }
    }
    const s = window.__arena?.();
    if (s?.scene === 'arena' && s.view && s.positions) {
      const canvas = document.querySelector('#app canvas')!.getBoundingClientRect();
      const huds = ['#hud-status', '#hud-keys'].map((sel) => document.querySelector(sel)!.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
      for (const [name, [x, y]] of Object.entries(s.positions)) {
        const px = canvas.x + s.view.cx + x * s.view.scale;
        const py = canvas.y + s.view.cy - y * s.view.scale;
        if (px < canvas.left || px > canvas.right || py < canvas.top || py > canvas.bottom) continue; // not drawn
        for (const r of huds) if (px >= r.left && px <= r.right && py >= r.top && py <= r.bottom) problems.push(`the HUD covers ${name}`);
      }
    }
    return problems;
  });
}

describe('every screen at 1280x800, 800x600 and 390x844', () => {
  it.each(SIZES)(
    '%ix%i: landing, a play round and its end card, and the nine scenarios: nothing clipped, no HUD over an agent',
    async (width, height) => {
      const size = `${width}x${height}`;
      const { page, errors, foreign } = await openPage(h, '/');
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(SCREENSHOTS, `landing-${size}.png`) });
      expect(await layoutProblems(page)).toEqual([]);
      const menu = (await page.locator('#menu form').boundingBox())!;
      expect(menu.x).toBeGreaterThanOrEqual(0);
      expect(menu.x + menu.width, 'the menu fits the width').toBeLessThanOrEqual(width + 1);
      // a play round: during the countdown, mid-round, and its end card
      await page.click('[data-testid=menu-play-prey]');
      await page.waitForFunction(() => window.__arena!().scene === 'arena');
      await page.screenshot({ path: join(SCREENSHOTS, `play-countdown-${size}.png`) });
      await page.waitForFunction(() => window.__arena!().t! >= 20, null, { timeout: 20_000 });
      expect(await layoutProblems(page)).toEqual([]);
      const canvas = (await page.locator('#app canvas').boundingBox())!;
      // on a phone the arena takes the width (and most of the height)
      if (width < 500) expect(canvas.width).toBeGreaterThanOrEqual(width - 2);
      expect(Math.min(canvas.width, canvas.height)).toBeGreaterThan(Math.min(width, height) * 0.45);
      await page.screenshot({ path: join(SCREENSHOTS, `play-round-${size}.png`) });
      await page.selectOption('[data-action=speed]', '8');
      await page.waitForFunction(() => window.__arena!().score!.roundOver, null, { timeout: 40_000 });
      expect(await page.isVisible('[data-testid=end-play-again]')).toBe(true);
      expect(await page.textContent('[data-testid=end-note]')).toMatch(/No record: you did not move/); // nobody touched a key
      const card = (await page.locator('[data-testid=end-card]').boundingBox())!;
      expect(card.x).toBeGreaterThanOrEqual(0);
      expect(card.x + card.width).toBeLessThanOrEqual(width + 1);
      await page.screenshot({ path: join(SCREENSHOTS, `play-end-card-${size}.png`) });
      await page.close();
      // Watch the pack: its caption, control and roles fit as well
      const pack = await openPage(h, '/?pack=much&seed=2');
      await pack.page.setViewportSize({ width, height });
      await pack.page.waitForFunction(() => window.__arena!().t! >= 15, null, { timeout: 20_000 });
      expect(await layoutProblems(pack.page), `the pack at ${size}`).toEqual([]);
      const control = (await pack.page.locator('[data-testid=pack-panel] .levels').boundingBox())!;
      expect(control.x + control.width, 'the diversity control fits the width').toBeLessThanOrEqual(width + 1);
      await pack.page.screenshot({ path: join(SCREENSHOTS, `watch-pack-${size}.png`), fullPage: true });
      expect(pack.errors).toEqual([]);
      await pack.page.close();
      for (const scenario of WATCH) {
        const w = await openPage(h, `/?scenario=${scenario}&seed=2`);
        await w.page.setViewportSize({ width, height });
        await w.page.waitForFunction(() => window.__arena!().t! >= 15, null, { timeout: 20_000 });
        expect(await layoutProblems(w.page), `${scenario} at ${size}`).toEqual([]);
        // the HUD says what the viewer is looking at, in words
        expect(await w.page.textContent('[data-testid=hud-caption]'), scenario).toMatch(/^Goal: .{40,}/);
        await w.page.screenshot({ path: join(SCREENSHOTS, `watch-${scenario}-${size}.png`) });
        expect(w.errors).toEqual([]);
        expect(w.foreign).toEqual([]);
        await w.page.close();
      }
      expect(errors).toEqual([]);
      expect(foreign).toEqual([]);
    },
    240_000,
  );

  it('the layout check can fail: a HUD moved over the arena and a squeezed select are both reported', async () => {
    const { page } = await openPage(h, '/?scenario=tag&seed=2');
    await page.waitForFunction(() => window.__arena!().t! >= 5);
    await page.evaluate(() => {
      const status = document.querySelector('#hud-status') as HTMLElement;
      Object.assign(status.style, { position: 'fixed', inset: '0', zIndex: '3' }); // a HUD drawn over the whole arena
      (document.querySelector('[data-agent=adversary_0]') as HTMLElement).style.width = '40px';
    });
    const problems = await layoutProblems(page);
    expect(problems.some((p) => /the HUD covers/.test(p))).toBe(true);
    expect(problems.some((p) => /adversary_0 controller shows .* cut/.test(p))).toBe(true);
    await page.close();
  });
});

describe('keyboard and screen readers', () => {
  it('every form field has an accessible name, no two buttons share one, and Tab reaches every control', async () => {
    for (const path of ['/', '/?scenario=tag&seed=2', '/?mode=play&difficulty=easy']) {
      const { page, errors } = await openPage(h, path);
      if (path.includes('play')) await page.click('[data-testid=panel-details] summary'); // open the folded panel
      const tree = await page.locator('body').ariaSnapshot();
      const unnamed = tree.split('\n').filter((line) => /^\s*- (combobox|textbox|spinbutton|checkbox|slider|button|radio)(\s*\[[^\]]*\])?:?\s*$/.test(line));
      expect(unnamed, `${path}\n${tree}`).toEqual([]);
      const buttons = tree
        .split('\n')
        .map((line) => /^\s*- button "([^"]+)"/.exec(line)?.[1])
        .filter((n): n is string => n !== undefined);
      const repeated = buttons.filter((n, i) => buttons.indexOf(n) !== i);
      expect(repeated, path).toEqual([]);
      // Tab through the page: every visible, enabled control gets the focus
      const controls = await page.evaluate(() => {
        const all = [...document.querySelectorAll<HTMLElement>('button, select, input, summary, [tabindex]')].filter(
          (e) => e.offsetParent !== null && !(e as HTMLButtonElement).disabled && e.tabIndex >= 0,
        );
        all.forEach((e, i) => e.setAttribute('data-tab-probe', String(i)));
        return all.length;
      });
      const reached = new Set<string>();
      for (let k = 0; k < controls + 5; k++) {
        await page.keyboard.press('Tab');
        const id = await page.evaluate(() => document.activeElement?.getAttribute('data-tab-probe') ?? null);
        if (id !== null) reached.add(id);
      }
      expect(reached.size, path).toBe(controls);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('announces the countdown, touches and the end of a round in a live region', async () => {
    const { page } = await openPage(h, '/?mode=play&difficulty=hard&seed=1&speed=8');
    expect(await page.getAttribute('[data-testid=announcer]', 'aria-live')).toBe('polite');
    const said: string[] = [];
    await page.exposeFunction('noteSaid', (t: string) => said.push(t));
    await page.evaluate(() => {
      const node = document.querySelector('[data-testid=announcer]')!;
      new MutationObserver(() => (window as unknown as { noteSaid(t: string): void }).noteSaid(node.textContent ?? '')).observe(node, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.keyboard.down('ArrowUp');
    await page.waitForFunction(() => window.__arena!().score!.roundOver, null, { timeout: 40_000 });
    await page.keyboard.up('ArrowUp');
    expect(said.some((t) => /^2/.test(t))).toBe(true);
    expect(said.some((t) => /Go!/.test(t))).toBe(true);
    expect(said.some((t) => /Touched\. \d+ touch/.test(t))).toBe(true);
    expect(said.some((t) => /Round over/.test(t))).toBe(true);
    expect((await probe(page)).score!.touches).toBeGreaterThan(0);
    await page.close();
  }, 60_000);
});
