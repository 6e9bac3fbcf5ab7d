import Phaser from 'phaser';
import { appOf } from '../app';
import { defaultSetup, type GameSetup } from '../config/setup';
import { hideMenu, showMenu } from '../ui/menu';
import { arenaSceneKey } from './arenaSceneKey';

/** The start menu: a form over an empty arena. */
export class MenuScene extends Phaser.Scene {
  private initial: GameSetup | null = null;

  constructor() {
    super('menu');
  }

  init(data: GameSetup | undefined): void {
    this.initial = data && data.scenario ? data : null;
  }

  create(): void {
    const app = appOf(this);
    window.__arena = () => ({ scene: 'menu', fps: this.game.loop.actualFps });
    showMenu(app.registry, this.initial ?? defaultSetup(app.registry), (setup) => this.scene.start(arenaSceneKey(this.scene, setup.scenario), setup));
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => hideMenu());
  }
}
