import Phaser from 'phaser';
import type { World } from '../../sim/world';
import type { Scenario } from '../../sim/scenario';
import type { OccupancyReport, OccupancyTracker } from '../../plugins/analysis/occupancy';
import { colorToHex, distinctColors, type ArenaCamera } from './arenaCamera';

const TRAIL_LENGTH = 40;
/** Radius of the shared disc texture; entity images are scaled from it. */
const DISC_RADIUS = 64;

/** A disc (or ring) texture per colour, drawn once: tints are WebGL-only, textures work everywhere. */
function discTexture(scene: Phaser.Scene, color: number, ring: boolean): string {
  const key = `${ring ? 'ring' : 'disc'}-${color.toString(16)}`;
  if (scene.textures.exists(key)) return key;
  const g = scene.make.graphics({}, false);
  if (ring) {
    g.lineStyle(6, color, 1);
    g.strokeCircle(DISC_RADIUS, DISC_RADIUS, DISC_RADIUS - 3);
  } else {
    g.fillStyle(color, 1);
    g.fillCircle(DISC_RADIUS, DISC_RADIUS, DISC_RADIUS);
  }
  g.generateTexture(key, DISC_RADIUS * 2, DISC_RADIUS * 2);
  g.destroy();
  return key;
}

/**
 * Draws one world from its matter bodies, interpolating between the last two MPE steps, with optional
 * trails and name labels.
 */
/** How long a contact flash lasts, real milliseconds. */
const FLASH_MS = 400;

export class WorldRenderer {
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly heatG: Phaser.GameObjects.Graphics;
  /** Cells the heatmap drew in the last frame (0 when it is off). */
  heatCells = 0;
  private readonly trailG: Phaser.GameObjects.Graphics;
  private readonly labels: Phaser.GameObjects.Text[];
  private readonly discs: Phaser.GameObjects.Image[];
  private readonly rings: Phaser.GameObjects.Image[];
  private readonly prev: Float64Array;
  private readonly trail: Float64Array;
  private trailCount = 0;
  private trailHead = 0;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly world: World,
    private readonly scenario?: Scenario,
  ) {
    this.heatG = scene.add.graphics().setDepth(-2);
    this.trailG = scene.add.graphics();
    this.g = scene.add.graphics();
    // agents over landmarks (a person follows the agents), landmark outlines over both so a covered landmark stays visible
    this.discs = new Array(world.numEntities);
    this.rings = new Array(world.numEntities);
    const largestAgent = Math.max(...world.entities.filter((e) => e.kind === 'agent').map((e) => e.size));
    for (let i = 0; i < world.numEntities; i++) {
      this.discs[i] = scene.add.image(0, 0, discTexture(scene, colorToHex(world.colors[i]), false));
      // an area agents pass through (world_comm's forests): under the agents and see-through
      const e = world.entities[i];
      if (e.kind === 'landmark' && !e.collide && e.size > 2 * largestAgent) this.discs[i].setDepth(-1).setAlpha(0.35);
      else if (e.kind === 'agent') this.discs[i].setDepth(1);
      this.rings[i] = scene.add
        .image(0, 0, discTexture(scene, world.entities[i].kind === 'landmark' ? 0x6b7385 : 0xffffff, true))
        .setVisible(false)
        .setDepth(2);
    }
    this.labels = world.entities.map((e) =>
      scene.add.text(0, 0, e.name, { fontFamily: 'monospace', fontSize: '11px', color: '#c9ccd3' }).setOrigin(0.5, 1.4).setVisible(false).setDepth(3),
    );
    this.prev = new Float64Array(2 * world.numEntities);
    this.trail = new Float64Array(TRAIL_LENGTH * 2 * world.numAgents);
    this.snapshot();
  }

  /** Colours can change at reset (speaker-listener, reference paint agents after their goals). */
  recolor(): void {
    this.world.colors.forEach((c, i) => this.discs[i].setTexture(discTexture(this.scene, colorToHex(c), false)));
  }

  /** Remember where every body is before a step, for interpolation. */
  snapshot(): void {
    this.world.bodies.forEach((b, i) => {
      this.prev[2 * i] = b.position.x;
      this.prev[2 * i + 1] = b.position.y;
    });
  }

  /** After a step: add the agents' positions to their trails. */
  recordTrail(): void {
    const n = this.world.numAgents;
    const base = this.trailHead * 2 * n;
    for (let i = 0; i < n; i++) {
      this.trail[base + 2 * i] = this.world.bodies[i].position.x;
      this.trail[base + 2 * i + 1] = this.world.bodies[i].position.y;
    }
    this.trailHead = (this.trailHead + 1) % TRAIL_LENGTH;
    this.trailCount = Math.min(TRAIL_LENGTH, this.trailCount + 1);
  }

  /** New episode: no sliding from the old positions, no old trails. */
  jump(): void {
    this.recolor();
    this.snapshot();
    this.trailCount = 0;
    this.trailHead = 0;
  }

  /** The largest |x| or |y| of any entity now: what the camera must frame. */
  reach(): number {
    let r = 0;
    for (const b of this.world.bodies) r = Math.max(r, Math.abs(b.position.x), Math.abs(b.position.y));
    return r;
  }

  /** Landmarks that are some agent's goal (speaker-listener, reference, adversary, push, crypto): marked for a person watching. */
  private goalLandmarks(): Set<number> {
    const w = this.world;
    const goals = new Set<number>();
    for (let i = 0; i < w.numAgents; i++) if (w.goalB[i] >= 0) goals.add(w.goalB[i]);
    const picks = this.scenario?.landmarkPicks?.();
    if (picks?.goal !== undefined && picks.goal >= 0) goals.add(picks.goal);
    return goals;
  }

  /** Contact flashes: where two agents' bodies began to touch (world coordinates) and when (ms). */
  private flashes: { x: number; y: number; born: number }[] = [];

  /** A flash where agents `a` and `b` just made contact (matter's collision detection found it). */
  flash(a: number, b: number): void {
    const p = this.world.pos;
    this.flashes.push({ x: (p[2 * a] + p[2 * b]) / 2, y: (p[2 * a + 1] + p[2 * b + 1]) / 2, born: this.scene.time.now });
  }

  private drawFlashes(cam: ArenaCamera): void {
    const now = this.scene.time.now;
    this.flashes = this.flashes.filter((f) => now - f.born < FLASH_MS);
    for (const f of this.flashes) {
      const age = (now - f.born) / FLASH_MS;
      this.g.lineStyle(3, 0xffffff, 0.9 * (1 - age));
      this.g.strokeCircle(cam.x(f.x), cam.y(f.y), 6 + cam.length(0.15) * age);
    }
  }

  /** Where entity `i` is drawn this frame, in canvas pixels: between its last two positions. */
  at(i: number, cam: ArenaCamera, alpha: number): [number, number] {
    const body = this.world.bodies[i];
    return [
      cam.x(this.prev[2 * i] + (body.position.x - this.prev[2 * i]) * alpha),
      cam.y(this.prev[2 * i + 1] + (body.position.y - this.prev[2 * i + 1]) * alpha),
    ];
  }

  /**
   * @param opts.hidden agents to draw faded: those the agent whose view is shown cannot see (world_comm's
   *   forests), so a person sees what each side sees
   */
  draw(
    cam: ArenaCamera,
    alpha: number,
    opts: { trails: boolean; labels: boolean; heatmap?: OccupancyTracker | null; highlight: ReadonlySet<number>; hidden?: ReadonlySet<number> },
  ): void {
    const goals = this.goalLandmarks();
    const w = this.world;
    this.g.clear();
    this.trailG.clear();
    const walls = w.wallHalfWidth;
    if (w.walled) {
      // solid walls: a thick edge just outside the half-width agents stop at
      const t = 4;
      this.g.lineStyle(t, 0x8a93a6, 1);
      this.g.strokeRect(cam.x(-walls) - t / 2, cam.y(walls) - t / 2, cam.length(2 * walls) + t, cam.length(2 * walls) + t);
    } else {
      this.g.lineStyle(1, 0x3a3f4b, 1);
      this.g.strokeRect(cam.x(-1), cam.y(1), cam.length(2), cam.length(2));
    }
    if (opts.trails) this.drawTrails(cam);
    this.heatG.clear();
    this.heatCells = opts.heatmap ? this.drawHeatmap(cam, opts.heatmap) : 0;
    for (let i = 0; i < w.numEntities; i++) {
      let [x, y] = this.at(i, cam, alpha);
      const e = w.entities[i];
      let r = Math.max(3, cam.length(e.size));
      // beyond the widest view: a marker held at the edge, on the line from the centre towards it
      const edge = Math.max(Math.abs(x - cam.cx) / (cam.width / 2 - 10), Math.abs(y - cam.cy) / (cam.height / 2 - 10));
      if (edge > 1) {
        x = cam.cx + (x - cam.cx) / edge;
        y = cam.cy + (y - cam.cy) / edge;
        r = Math.max(r, 6);
        this.g.lineStyle(2, colorToHex(w.colors[i]), 0.9);
        this.g.lineBetween(x, y, x - ((x - cam.cx) / Math.hypot(x - cam.cx, y - cam.cy)) * 16, y - ((y - cam.cy) / Math.hypot(x - cam.cx, y - cam.cy)) * 16);
      }
      this.discs[i].setPosition(x, y).setDisplaySize(2 * r, 2 * r);
      if (e.kind === 'agent') this.discs[i].setAlpha(opts.hidden?.has(i) ? 0.2 : 1);
      const ring = this.rings[i];
      const outlined = e.kind === 'landmark' || opts.highlight.has(i);
      ring.setVisible(outlined);
      if (outlined) {
        const rr = opts.highlight.has(i) ? r + 4 : r + 1;
        ring.setPosition(x, y).setDisplaySize(2 * rr, 2 * rr);
      }
      if (goals.has(i)) {
        // the goal: a gold ring with a gap, for the person watching (agents see it only as PettingZoo shows them)
        this.g.lineStyle(2, 0xf2c14e, 0.95);
        this.g.beginPath();
        this.g.arc(x, y, 1.8 * r + 6, 0.3, Math.PI * 2 - 0.3);
        this.g.strokePath();
      }
      this.labels[i].setVisible(opts.labels).setPosition(x, y - r);
    }
    if (opts.labels) this.separateLabels();
    this.drawFlashes(cam);
  }

  /** Labels that would overlap an earlier one move up a line (a few times at most): names stay readable in a crowd. */
  private separateLabels(): void {
    const placed: Phaser.Geom.Rectangle[] = [];
    for (const label of this.labels) {
      let box = label.getBounds();
      for (let tries = 0; tries < 4 && placed.some((p) => Phaser.Geom.Rectangle.Overlaps(p, box)); tries++) {
        label.setY(label.y - box.height);
        box = label.getBounds();
      }
      placed.push(box);
    }
  }

  /** Each agent's occupancy in its own colour, the busiest cell most opaque (square-root scale, as `arena analyze`). */
  private heat: { tracker: OccupancyTracker; observed: number; report: OccupancyReport } | null = null;

  private drawHeatmap(cam: ArenaCamera, tracker: OccupancyTracker): number {
    // the report changes once per world step, not per frame
    if (this.heat?.tracker !== tracker || this.heat.observed !== tracker.observed)
      this.heat = { tracker, observed: tracker.observed, report: tracker.report() };
    const { extent, bins, agents } = this.heat.report;
    const cell = (2 * extent) / bins;
    // clipped to the arena (the walls, or the unit square): the grid reaches past it
    const edge = this.world.walled ? this.world.wallHalfWidth : 1;
    // one colour per agent, even within a team that MPE paints alike
    const colors = distinctColors(agents.map((a) => a.color));
    let drawn = 0;
    agents.forEach((a, k) => {
      let max = 0;
      for (const s of a.shares) max = Math.max(max, s);
      if (max <= 0) return;
      const color = colorToHex(colors[k]);
      a.shares.forEach((s, i) => {
        if (s <= 0) return;
        const x0 = Math.max(-edge, -extent + (i % bins) * cell);
        const x1 = Math.min(edge, -extent + ((i % bins) + 1) * cell);
        const y1 = Math.min(edge, extent - Math.floor(i / bins) * cell);
        const y0 = Math.max(-edge, extent - (Math.floor(i / bins) + 1) * cell);
        if (x1 <= x0 || y1 <= y0) return;
        this.heatG.fillStyle(color, 0.55 * Math.sqrt(s / max));
        this.heatG.fillRect(cam.x(x0), cam.y(y1), cam.length(x1 - x0) + 0.5, cam.length(y1 - y0) + 0.5);
        drawn++;
      });
    });
    return drawn;
  }

  private drawTrails(cam: ArenaCamera): void {
    const n = this.world.numAgents;
    for (let i = 0; i < n; i++) {
      const color = colorToHex(this.world.colors[i]);
      for (let k = 1; k < this.trailCount; k++) {
        const a = (this.trailHead - this.trailCount + k - 1 + TRAIL_LENGTH) % TRAIL_LENGTH;
        const b = (a + 1) % TRAIL_LENGTH;
        this.trailG.lineStyle(2, color, (k / this.trailCount) * 0.6);
        this.trailG.lineBetween(
          cam.x(this.trail[a * 2 * n + 2 * i]),
          cam.y(this.trail[a * 2 * n + 2 * i + 1]),
          cam.x(this.trail[b * 2 * n + 2 * i]),
          cam.y(this.trail[b * 2 * n + 2 * i + 1]),
        );
      }
    }
  }

  destroy(): void {
    this.g.destroy();
    this.heatG.destroy();
    this.trailG.destroy();
    this.labels.forEach((l) => l.destroy());
    this.discs.forEach((d) => d.destroy());
    this.rings.forEach((d) => d.destroy());
  }
}
