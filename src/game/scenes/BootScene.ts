import Phaser from 'phaser';
import { appOf } from '../app';
import { parseDeepLink } from '../config/deepLink';
import type { GameSetup } from '../config/setup';
import { registerShippedPolicies } from '../policies';
import { initTfBrowser } from '../tfBrowser';
import { showBanner } from '../ui/banner';
import { arenaSceneKey } from './arenaSceneKey';

/**
 * The first scene: starts tfjs (the wasm backend the trained policies run on) while it says so, registers
 * the shipped policies, then opens the menu, or the arena a deep link asks for
 * (`?scenario=tag&predators=scripted&prey=human&seed=7`). The game starts either way: if tfjs fails,
 * scripted controllers stand in for the trained ones and a banner says why.
 */
export class BootScene extends Phaser.Scene {
  constructor() {
    super('boot');
  }

  create(): void {
    const text = this.add
      .text(this.scale.width / 2, this.scale.height / 2, 'Starting TensorFlow.js for the trained agents…', {
        fontFamily: 'monospace',
        fontSize: '16px',
        color: '#9aa0ad',
      })
      .setOrigin(0.5);
    // no window.__arena yet: tests and the console see the game once the menu or the arena runs
    void this.startUp().then((next) => {
      text.destroy();
      if (next) this.scene.start(arenaSceneKey(this.scene, next.scenario), next);
      else this.scene.start('menu');
    });
  }

  private async startUp(): Promise<GameSetup | null> {
    const app = appOf(this);
    const notices: string[] = [];
    try {
      const tf = await initTfBrowser();
      app.tfBackend = tf.backend;
      if (tf.warning) notices.push(tf.warning);
      notices.push(...registerShippedPolicies(app.registry));
    } catch (err) {
      notices.push(`trained policies are unavailable: ${(err as Error).message}`);
    }
    // a deep link's mistakes are shown, and the defaults stand in for them
    const link = parseDeepLink(window.location.search, app.registry);
    const linkErrors = [...link.errors, ...app.startupNotices];
    if (linkErrors.length) notices.unshift('This link has values the game cannot use (defaults used instead):', ...linkErrors);
    if (notices.length) showBanner(notices);
    return link.setup ?? null;
  }
}
