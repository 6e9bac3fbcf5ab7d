import Phaser from 'phaser';
import { ParallelEnv, type Action } from '../../sim/env';
import { FastRandom } from '../../sim/fastRandom';
import { ArenaCamera, colorToHex } from '../view/arenaCamera';

/** Real seconds per MPE step at 1x speed: the env's dt is 0.1. */
const STEP_SECONDS = 0.1;

/**
 * Renders one MPE world. The simulation advances in whole MPE steps from an accumulator, so physics
 * never depends on frame rate; drawing interpolates between the previous and the current step.
 */
export class ArenaScene extends Phaser.Scene {
  private env!: ParallelEnv;
  private rng = new FastRandom(1);
  private graphics!: Phaser.GameObjects.Graphics;
  private hud!: Phaser.GameObjects.Text;
  private view!: ArenaCamera;
  private prevPos = new Float64Array(0);
  private accumulator = 0;

  constructor() {
    super('arena');
  }

  create(): void {
    this.env = new ParallelEnv('simple_tag', { max_cycles: 100 });
    this.env.reset({ seed: 7 });
    this.prevPos = Float64Array.from(this.env.scenario.world.pos);
    this.graphics = this.add.graphics();
    this.hud = this.add.text(12, 10, '', { fontFamily: 'monospace', fontSize: '14px', color: '#e8e8ea' });
    this.view = new ArenaCamera(this.scale.width, this.scale.height);
    this.scale.on('resize', (size: Phaser.Structs.Size) => (this.view = new ArenaCamera(size.width, size.height)));
  }

  private randomActions(): Record<string, Action> {
    const actions: Record<string, Action> = {};
    for (const name of this.env.agents) {
      const space = this.env.actionSpace(name);
      actions[name] = space.type === 'Discrete' ? this.rng.int(space.n) : Array.from({ length: space.shape[0] }, () => this.rng.next());
    }
    return actions;
  }

  update(_time: number, deltaMs: number): void {
    this.accumulator += Math.min(deltaMs / 1000, 0.25);
    while (this.accumulator >= STEP_SECONDS) {
      this.accumulator -= STEP_SECONDS;
      if (this.env.agents.length === 0) this.env.reset();
      this.prevPos.set(this.env.scenario.world.pos);
      this.env.step(this.randomActions());
    }
    this.draw(this.accumulator / STEP_SECONDS);
  }

  private draw(alpha: number): void {
    const g = this.graphics;
    const v = this.view;
    const w = this.env.scenario.world;
    g.clear();
    g.lineStyle(1, 0x3a3f4b, 1);
    g.strokeRect(v.x(-1), v.y(1), v.length(2), v.length(2));
    for (let i = w.numEntities - 1; i >= 0; i--) {
      const x = this.prevPos[2 * i] + (w.pos[2 * i] - this.prevPos[2 * i]) * alpha;
      const y = this.prevPos[2 * i + 1] + (w.pos[2 * i + 1] - this.prevPos[2 * i + 1]) * alpha;
      g.fillStyle(colorToHex(w.colors[i]), 1);
      g.fillCircle(v.x(x), v.y(y), Math.max(2, v.length(w.entities[i].size)));
    }
    this.hud.setText(`${this.env.scenario.envName}  step ${this.env.t}  random actions`);
  }
}
