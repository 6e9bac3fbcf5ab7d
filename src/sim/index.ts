/** The headless world: no Phaser, no DOM; runs in Node, in a Worker and in the page. */
export { ParallelEnv, type Action, type AgentDict, type ResetResult, type StepResult } from './env';
export { VectorEnv, type RoleBatch, type VectorEnvConfig } from './vectorEnv';
export { World, MPE_PHYSICS } from './world';
export { ArenaInputError } from './errors';
export { createScenario, scenarioEntry, SCENARIOS } from './scenarios';
export type { Scenario, Role, AgentInfo } from './scenario';
export type { Space, DiscreteSpace, BoxSpace } from './spaces';
export type { WorldSnapshot } from './worldState';
export { NumpyRandom } from './rng';
export { FastRandom } from './fastRandom';
