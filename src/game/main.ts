// first: the address is cleaned before tfjs reads it (see urlGuard)
import { urlProblems } from './config/urlGuard';
import Phaser from 'phaser';
import { app } from './app';
import { parseDeepLink } from './config/deepLink';
import { ArenaScene } from './scenes/ArenaScene';
import { MenuScene } from './scenes/MenuScene';
import { showBanner } from './ui/banner';
import { chooseRenderer } from './view/rendererChoice';
import { registerShippedPolicies } from './policies';
import { initTfBrowser } from './tfBrowser';

// Trained policies need tfjs; the game starts either way (scripted controllers stand in if it fails).
const notices: string[] = [];
try {
  const tf = await initTfBrowser();
  app.tfBackend = tf.backend;
  if (tf.warning) notices.push(tf.warning);
  notices.push(...registerShippedPolicies(app.registry));
} catch (err) {
  notices.push(`trained policies are unavailable: ${(err as Error).message}`);
}

// A deep link (?scenario=tag&predators=scripted&prey=human&seed=7) starts the arena directly; anything
// it gets wrong is shown, and the defaults stand in for it.
const link = parseDeepLink(window.location.search, app.registry);
const renderer = chooseRenderer(window.location.search);
const linkErrors = [...urlProblems, ...link.errors, ...(renderer.error ? [renderer.error] : [])];
if (linkErrors.length) notices.unshift('This link has values the game cannot use (defaults used instead):', ...linkErrors);
if (notices.length) showBanner(notices);

class BootScene extends Phaser.Scene {
  constructor() {
    super('boot');
  }

  create(): void {
    if (link.setup) this.scene.start('arena', link.setup);
    else this.scene.start('menu');
  }
}

document.documentElement.dataset.renderer = renderer.reason;

app.game = new Phaser.Game({
  type: renderer.type,
  parent: 'app',
  backgroundColor: '#14161c',
  banner: false,
  input: { gamepad: true },
  scale: { mode: Phaser.Scale.RESIZE, width: '100%', height: '100%' },
  scene: [BootScene, MenuScene, ArenaScene],
});
