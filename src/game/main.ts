import Phaser from 'phaser';
import { app } from './app';
import { parseDeepLink } from './config/deepLink';
import { ArenaScene } from './scenes/ArenaScene';
import { MenuScene } from './scenes/MenuScene';
import { showBanner } from './ui/banner';
import { chooseRenderer } from './view/rendererChoice';

// A deep link (?scenario=tag&predators=scripted&prey=human&seed=7) starts the arena directly; anything
// it gets wrong is shown, and the defaults stand in for it.
const link = parseDeepLink(window.location.search, app.registry);
if (link.errors.length) showBanner(['This link has values the game cannot use (defaults used instead):', ...link.errors]);

class BootScene extends Phaser.Scene {
  constructor() {
    super('boot');
  }

  create(): void {
    if (link.setup) this.scene.start('arena', link.setup);
    else this.scene.start('menu');
  }
}

const renderer = chooseRenderer(window.location.search);
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
