import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const ROOT = resolve(import.meta.dirname, '../..');

/** Flags that work on this kind of machine: no sandbox as root, no GPU, no background traffic. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds the app as `vite build` would ship it, serves the output locally, and starts Chromium. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser tests need Debian's Chromium at ${CHROMIUM}: run 'apt-get install -y chromium' (as .ci/run does)`);
  }
  const outDir = resolve(ROOT, 'test-results/dist');
  await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const address = server.httpServer.address() as AddressInfo;
  const origin = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    origin,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((done) => server.httpServer.close(() => done()));
    },
  };
}

export interface WatchedPage {
  page: Page;
  errors: string[];
  foreign: string[];
}

/** A page that records console errors, page errors and any request leaving the app's origin. */
export async function openPage(h: Harness, path: string): Promise<WatchedPage> {
  const page = await h.browser.newPage({ viewport: { width: 1200, height: 760 } });
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(h.origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  await page.goto(`${h.origin}${path}`);
  await page.waitForFunction(() => typeof window.__arena === 'function');
  return { page, errors, foreign };
}

export const probe = (page: Page) => page.evaluate(() => window.__arena!());
