import Matter from 'matter-js';
import { contactPenetration } from './contact';
import { DEFAULT_SENSITIVITY, type EntitySpec } from './entity';

/** World constants shared by every MPE scenario (PettingZoo `core.World`). */
export const MPE_PHYSICS = {
  dt: 0.1,
  damping: 0.25,
  contactForce: 100.0,
  contactMargin: 0.001,
} as const;

export interface WorldConfig {
  entities: EntitySpec[];
  /** Length of each agent's communication vector. */
  dimC: number;
}

/**
 * One MPE world: agents first, then landmarks, each also a body in one matter-js world.
 *
 * The exact state lives in float64 typed arrays and `step()` applies PettingZoo's `World.step` rule for
 * rule (action force, soft contact over entity pairs in entity order, position with the old velocity,
 * damping, force, speed clamp, comm). matter's own integrator and rigid response would not reproduce MPE,
 * so the bodies are sensors that matter never integrates. They are made, and set from the exact state,
 * only when someone reads them (the game renders them and may use matter's queries): headless envs and
 * training never pay for the mirror.
 */
export class World {
  readonly entities: readonly EntitySpec[];
  readonly numEntities: number;
  readonly numAgents: number;
  readonly dimC: number;

  /** [x0, y0, x1, y1, ...] in entity order. */
  readonly pos: Float64Array;
  readonly vel: Float64Array;
  /** Communication state per agent, `dimC` values each. */
  readonly comm: Float64Array;
  /** The force each agent's action sets this step (PettingZoo `action.u`). */
  readonly actionForce: Float64Array;
  /** The message each agent's action sets this step (PettingZoo `action.c`). */
  readonly actionComm: Float64Array;
  /** Current colour per entity (reset may recolour agents after their goals). */
  readonly colors: [number, number, number][];
  /** Goal per agent: entity index of `goal_a` / `goal_b`, or -1 (speaker_listener, reference). */
  readonly goalA: Int32Array;
  readonly goalB: Int32Array;

  /**
   * Half-width of solid walls around the arena (|x|, |y| <= walls), or NaN for PettingZoo's open plane.
   * Not an MPE rule: the play rounds use it so a prey cannot win by running away for ever.
   */
  private walls = NaN;

  private matter: { engine: Matter.Engine; bodies: Matter.Body[] } | null = null;
  /** The exact state changed since the bodies were last set from it. */
  private bodiesStale = true;

  private readonly force: Float64Array;
  private readonly size: Float64Array;
  private readonly mass: Float64Array;
  private readonly maxSpeed: Float64Array;
  private readonly movable: Uint8Array;
  private readonly silent: Uint8Array;
  private readonly pairs: Int32Array;

  constructor(config: WorldConfig) {
    const { entities, dimC } = config;
    let agentsDone = false;
    for (const e of entities) {
      if (e.kind === 'landmark') agentsDone = true;
      else if (agentsDone) throw new Error(`world: agent ${e.name} listed after a landmark; agents come first`);
    }
    this.entities = entities.map((e) => ({ ...e, color: [...e.color] as [number, number, number] }));
    this.numEntities = entities.length;
    this.numAgents = entities.filter((e) => e.kind === 'agent').length;
    this.dimC = dimC;

    const n = this.numEntities;
    this.pos = new Float64Array(2 * n);
    this.vel = new Float64Array(2 * n);
    this.force = new Float64Array(2 * n);
    this.comm = new Float64Array(this.numAgents * dimC);
    this.actionForce = new Float64Array(2 * this.numAgents);
    this.actionComm = new Float64Array(this.numAgents * dimC);
    this.colors = this.entities.map((e) => [...e.color] as [number, number, number]);
    this.goalA = new Int32Array(this.numAgents).fill(-1);
    this.goalB = new Int32Array(this.numAgents).fill(-1);

    this.size = Float64Array.from(entities, (e) => e.size);
    this.mass = Float64Array.from(entities, (e) => e.mass);
    this.maxSpeed = Float64Array.from(entities, (e) => (e.maxSpeed === null ? NaN : e.maxSpeed));
    this.movable = Uint8Array.from(entities, (e) => (e.movable ? 1 : 0));
    this.silent = Uint8Array.from(entities, (e) => (e.kind === 'landmark' || e.silent ? 1 : 0));

    const pairs: number[] = [];
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) if (entities[a].collide && entities[b].collide) pairs.push(a, b);
    }
    this.pairs = Int32Array.from(pairs);
  }

  /** The matter world holding the bodies (made on first use). */
  get engine(): Matter.Engine {
    return this.mirror().engine;
  }

  /** One matter body per entity, in entity order, at the exact state's positions and velocities. */
  get bodies(): readonly Matter.Body[] {
    return this.mirror().bodies;
  }

  /**
   * Pairs of entities whose matter bodies overlap now, each as [lower index, higher index], found by
   * matter's collision detection (broad phase, then SAT on the circles' polygons). The game draws its
   * contact effects from these. They agree with MPE's rule (`colliding`) except in a sliver at the
   * threshold, where matter's 40-sided circles are up to 0.31% of a radius smaller (tested).
   */
  contacts(): [number, number][] {
    const { bodies } = this.mirror();
    // a copy: the detector sorts its list in place, and `bodies` must stay in entity order
    this.detector ??= Matter.Detector.create({ bodies: [...bodies] });
    return Matter.Detector.collisions(this.detector).map((c) => {
      const a = c.bodyA.plugin.mpeIndex as number;
      const b = c.bodyB.plugin.mpeIndex as number;
      return a < b ? [a, b] : [b, a];
    });
  }

  private detector: Matter.Detector | null = null;

  private mirror(): { engine: Matter.Engine; bodies: Matter.Body[] } {
    if (!this.matter) {
      const engine = Matter.Engine.create({ gravity: { x: 0, y: 0, scale: 0 }, enableSleeping: false });
      const bodies = this.entities.map((e, i) =>
        // matter's own circles have 10 sides at MPE's sizes (it picks sides from a radius in pixels): 40 keep contacts within 0.4% of a radius
        Matter.Bodies.polygon(0, 0, CIRCLE_SIDES, e.size, { label: e.name, isStatic: !e.movable, isSensor: true, frictionAir: 0, plugin: { mpeIndex: i } }),
      );
      Matter.Composite.add(engine.world, bodies);
      this.matter = { engine, bodies };
      this.bodiesStale = true;
    }
    if (this.bodiesStale) {
      const dt = MPE_PHYSICS.dt;
      for (let i = 0; i < this.numEntities; i++) {
        moveBody(this.matter.bodies[i], this.pos[2 * i], this.pos[2 * i + 1], this.vel[2 * i] * dt, this.vel[2 * i + 1] * dt);
      }
      this.bodiesStale = false;
    }
    return this.matter;
  }

  index(name: string): number {
    return this.entities.findIndex((e) => e.name === name);
  }

  /** Sensitivity that turns a unit action into a force (agent's `accel`, else 5.0). */
  sensitivity(agent: number): number {
    return this.entities[agent].accel ?? DEFAULT_SENSITIVITY;
  }

  /**
   * Change an agent's acceleration and top speed (training curricula only; PettingZoo's worlds never
   * change them). The entity list is this world's own copy.
   */
  setAgentLimits(agent: number, accel: number, maxSpeed: number): void {
    this.entities[agent].accel = accel;
    this.maxSpeed[agent] = maxSpeed;
  }

  /** An agent's top speed (`max_speed`; NaN where PettingZoo has none). */
  speedLimit(agent: number): number {
    return this.maxSpeed[agent];
  }

  /** Put solid walls at |x| = |y| = `halfWidth` (NaN: none). An entity's edge stops at a wall, and its velocity into it is lost. */
  setWalls(halfWidth: number): void {
    if (!(halfWidth > 0) && !Number.isNaN(halfWidth)) throw new Error(`world: walls half-width must be > 0 or NaN, got ${halfWidth}`);
    this.walls = halfWidth;
  }

  /** Half-width of the walls, NaN when the plane is open. */
  get wallHalfWidth(): number {
    return this.walls;
  }

  /** Whether walls close the arena. */
  get walled(): boolean {
    return !Number.isNaN(this.walls);
  }

  isMovable(entity: number): boolean {
    return this.movable[entity] === 1;
  }

  isSilent(agent: number): boolean {
    return this.silent[agent] === 1;
  }

  /** Zero velocities, comm and pending actions (positions are set by the scenario's reset). */
  clearDynamics(): void {
    this.vel.fill(0);
    this.comm.fill(0);
    this.actionForce.fill(0);
    this.actionComm.fill(0);
  }

  /** One PettingZoo `World.step` with the actions already written to `actionForce` / `actionComm`. */
  step(): void {
    const { dt, damping, contactForce, contactMargin } = MPE_PHYSICS;
    const pos = this.pos;
    const vel = this.vel;
    const force = this.force;
    const n = this.numEntities;

    // 1. action forces (u + noise, with no noise configured)
    force.fill(0);
    for (let i = 0; i < this.numAgents; i++) {
      if (this.movable[i] === 1) {
        force[2 * i] = this.actionForce[2 * i] + 0.0;
        force[2 * i + 1] = this.actionForce[2 * i + 1] + 0.0;
      }
    }

    // 2. soft contact forces, pair by pair in entity order
    const pairs = this.pairs;
    for (let p = 0; p < pairs.length; p += 2) {
      const a = pairs[p];
      const b = pairs[p + 1];
      let dx = pos[2 * a] - pos[2 * b];
      let dy = pos[2 * a + 1] - pos[2 * b + 1];
      let dist = Math.sqrt(dx * dx + dy * dy);
      // at one point MPE's rule divides by zero (PettingZoo gives NaN): they push apart along x instead.
      // Walls pin entities of one size to a corner point; in the open only mirrored moves meet exactly.
      const pen = contactPenetration(dist, this.size[a] + this.size[b], contactMargin);
      if (dist === 0) [dx, dy, dist] = [1, 0, 1];
      const fx = ((contactForce * dx) / dist) * pen;
      const fy = ((contactForce * dy) / dist) * pen;
      if (this.movable[a] === 1) {
        force[2 * a] = fx + force[2 * a];
        force[2 * a + 1] = fy + force[2 * a + 1];
      }
      if (this.movable[b] === 1) {
        force[2 * b] = -fx + force[2 * b];
        force[2 * b + 1] = -fy + force[2 * b + 1];
      }
    }

    // 3. integrate: position with the old velocity, then damping, force, speed clamp
    const keep = 1 - damping;
    for (let i = 0; i < n; i++) {
      if (this.movable[i] === 0) continue;
      const x = 2 * i;
      const y = x + 1;
      pos[x] = pos[x] + vel[x] * dt;
      pos[y] = pos[y] + vel[y] * dt;
      const m = this.mass[i];
      vel[x] = vel[x] * keep + (force[x] / m) * dt;
      vel[y] = vel[y] * keep + (force[y] / m) * dt;
      const limit = this.maxSpeed[i];
      if (limit === limit) {
        const speed = Math.sqrt(vel[x] * vel[x] + vel[y] * vel[y]);
        if (speed > limit) {
          vel[x] = (vel[x] / speed) * limit;
          vel[y] = (vel[y] / speed) * limit;
        }
      }
      if (this.walls === this.walls) this.stopAtWalls(i);
    }

    // 4. communication: silent agents say nothing, the others say their action's message
    const dimC = this.dimC;
    for (let i = 0; i < this.numAgents; i++) {
      const off = i * dimC;
      if (this.silent[i] === 1) {
        for (let k = 0; k < dimC; k++) this.comm[off + k] = 0;
      } else {
        for (let k = 0; k < dimC; k++) this.comm[off + k] = this.actionComm[off + k] + 0.0;
      }
    }

    this.bodiesStale = true;
  }

  /** Keep entity `i` inside the walls: an inelastic stop (no bounce, so nothing can be flung off a wall). */
  private stopAtWalls(i: number): void {
    const limit = this.walls - this.size[i];
    for (let k = 2 * i; k <= 2 * i + 1; k++) {
      if (this.pos[k] > limit) {
        this.pos[k] = limit;
        if (this.vel[k] > 0) this.vel[k] = 0;
      } else if (this.pos[k] < -limit) {
        this.pos[k] = -limit;
        if (this.vel[k] < 0) this.vel[k] = 0;
      }
    }
  }

  /**
   * The exact state was set from outside (a reset, a loaded world state): the bodies follow it when next
   * read. Velocities are given in matter's unit (distance per step), so `body.velocity` is `p_vel * dt`.
   */
  syncBodies(): void {
    this.bodiesStale = true;
  }

  distance(a: number, b: number): number {
    const dx = this.pos[2 * a] - this.pos[2 * b];
    const dy = this.pos[2 * a + 1] - this.pos[2 * b + 1];
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** MPE collision test between two entities: `dist < size_a + size_b` (strict). */
  colliding(a: number, b: number): boolean {
    return this.distance(a, b) < this.size[a] + this.size[b];
  }
}

/** Sides of the polygons standing for MPE's circles in matter. */
const CIRCLE_SIDES = 40;

const shift = { x: 0, y: 0 };

/**
 * What `Body.setPosition` + `Body.setVelocity` do to a single-part body (position, previous position,
 * velocity, vertices, bounds), without the temporary vectors they allocate: this runs every step.
 */
function moveBody(matterBody: Matter.Body, x: number, y: number, vx: number, vy: number): void {
  // matter keeps these fields on every body; its typings just do not list them as writable
  const body = matterBody as Matter.Body & { positionPrev: Matter.Vector; speed: number };
  shift.x = x - body.position.x;
  shift.y = y - body.position.y;
  body.position.x = x;
  body.position.y = y;
  body.positionPrev.x = x - vx;
  body.positionPrev.y = y - vy;
  body.velocity.x = vx;
  body.velocity.y = vy;
  body.speed = Math.sqrt(vx * vx + vy * vy);
  Matter.Vertices.translate(body.vertices, shift, 1);
  Matter.Bounds.update(body.bounds, body.vertices, body.velocity);
}
