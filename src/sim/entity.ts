/** Constants of one MPE entity (agent or landmark), as PettingZoo's `Entity`/`Agent` attributes. */
export interface EntitySpec {
  name: string;
  kind: 'agent' | 'landmark';
  /** Radius. */
  size: number;
  mass: number;
  movable: boolean;
  collide: boolean;
  /** Force per unit of action; `null` means MPE's default sensitivity of 5.0. */
  accel: number | null;
  /** Speed limit; `null` means none. */
  maxSpeed: number | null;
  /** Silent agents send nothing: their comm state is zeroed every step. Landmarks are always silent. */
  silent: boolean;
  /** tag only: predators are adversaries. */
  adversary: boolean;
  /** RGB in [0, 1+], MPE's colours (the game draws with them). */
  color: [number, number, number];
}

export const DEFAULT_SENSITIVITY = 5.0;

export function agentSpec(name: string, over: Partial<EntitySpec> = {}): EntitySpec {
  return {
    name,
    kind: 'agent',
    size: 0.05,
    mass: 1.0,
    movable: true,
    collide: true,
    accel: null,
    maxSpeed: null,
    silent: false,
    adversary: false,
    color: [0.25, 0.25, 0.25],
    ...over,
  };
}

export function landmarkSpec(name: string, over: Partial<EntitySpec> = {}): EntitySpec {
  return {
    name,
    kind: 'landmark',
    size: 0.05,
    mass: 1.0,
    movable: false,
    collide: true,
    accel: null,
    maxSpeed: null,
    silent: true,
    adversary: false,
    color: [0.25, 0.25, 0.25],
    ...over,
  };
}
