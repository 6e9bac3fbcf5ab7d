import Phaser from 'phaser';
import type { HumanInput } from '../../plugins/human';
import type { ArenaCamera } from '../view/arenaCamera';

const DEAD_ZONE = 0.2;

/**
 * Feeds a HumanInput from Phaser's keyboard (arrows and WASD), the first gamepad's left stick, and
 * pointer/touch drags on the arena. Call `poll()` once per frame.
 */
export class HumanInputSources {
  private readonly keys: Record<'up' | 'down' | 'left' | 'right' | 'w' | 'a' | 's' | 'd', Phaser.Input.Keyboard.Key>;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly input: HumanInput,
    private readonly camera: () => ArenaCamera,
  ) {
    const kb = scene.input.keyboard!;
    const K = Phaser.Input.Keyboard.KeyCodes;
    this.keys = kb.addKeys({ up: K.UP, down: K.DOWN, left: K.LEFT, right: K.RIGHT, w: K.W, a: K.A, s: K.S, d: K.D }) as HumanInputSources['keys'];
    // number keys: what a speaking agent a person drives says (1 is the first symbol; 0 is silence)
    kb.on('keydown', (e: KeyboardEvent) => {
      if (/^[0-9]$/.test(e.key)) this.input.message = Number(e.key) - 1;
    });
    scene.input.on('pointerdown', (p: Phaser.Input.Pointer) => this.drag(p));
    scene.input.on('pointermove', (p: Phaser.Input.Pointer) => p.isDown && this.drag(p));
    scene.input.on('pointerup', () => (this.input.pointer.active = false));
    scene.input.on('gameout', () => (this.input.pointer.active = false));
  }

  private drag(p: Phaser.Input.Pointer): void {
    const cam = this.camera();
    this.input.pointer.active = true;
    this.input.pointer.x = (p.x - cam.cx) / cam.scale;
    this.input.pointer.y = (cam.cy - p.y) / cam.scale;
  }

  poll(): void {
    const k = this.keys;
    this.input.keys.x = (k.right.isDown || k.d.isDown ? 1 : 0) - (k.left.isDown || k.a.isDown ? 1 : 0);
    this.input.keys.y = (k.up.isDown || k.w.isDown ? 1 : 0) - (k.down.isDown || k.s.isDown ? 1 : 0);
    const pad = this.scene.input.gamepad?.total ? this.scene.input.gamepad.getPad(0) : undefined;
    if (pad && pad.axes.length >= 2) {
      const x = pad.axes[0].getValue();
      const y = -pad.axes[1].getValue();
      const mag = Math.hypot(x, y);
      this.input.stick.x = mag > DEAD_ZONE ? x : 0;
      this.input.stick.y = mag > DEAD_ZONE ? y : 0;
    } else {
      this.input.stick.x = this.input.stick.y = 0;
    }
  }
}
