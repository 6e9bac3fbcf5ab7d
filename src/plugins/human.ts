import { actionLayout, directionToMove, MOVE_COUNT } from '../sim/actions';
import type { Controller, ControllerAction, ObservationBatch } from '../sim/controller';

/**
 * What a person is pressing, written by the game's input code (keyboard, gamepad, pointer) and read by the
 * human controller. Plain data, so tests and other front ends can drive it too.
 */
export class HumanInput {
  /** Keyboard direction, each axis -1, 0 or 1 (x right, y up). */
  readonly keys = { x: 0, y: 0 };
  /** Gamepad left stick (x right, y up), dead zone already applied. */
  readonly stick = { x: 0, y: 0 };
  /** Pointer or touch drag: steer towards this world point while `active`. */
  readonly pointer = { active: false, x: 0, y: 0 };
  /** Message for a speaking agent (index), or -1 for silence. */
  message = -1;

  clear(): void {
    this.keys.x = this.keys.y = 0;
    this.stick.x = this.stick.y = 0;
    this.pointer.active = false;
  }
}

/** Drives its agents from a HumanInput: drag beats stick beats keys; diagonals use the continuous mapping. */
export class HumanController implements Controller {
  readonly id = 'human';

  constructor(readonly input: HumanInput) {}

  act(batch: ObservationBatch): ControllerAction[] {
    const world = batch.ctx.scenario.world;
    return batch.agents.map((agent) => {
      const { movable, speaks, width } = actionLayout(world, agent.index);
      const out = new Float32Array(width);
      if (movable) {
        let dx = this.input.keys.x + this.input.stick.x;
        let dy = this.input.keys.y + this.input.stick.y;
        if (this.input.pointer.active) {
          // steer towards the finger; slow down within 0.1 of it so the agent can stop there
          dx = (this.input.pointer.x - world.pos[2 * agent.index]) * 10;
          dy = (this.input.pointer.y - world.pos[2 * agent.index + 1]) * 10;
        }
        directionToMove(dx, dy, out, 0);
      }
      if (speaks && this.input.message >= 0 && this.input.message < world.dimC) out[(movable ? MOVE_COUNT : 0) + this.input.message] = 1;
      return out;
    });
  }
}
