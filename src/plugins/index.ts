/** Controller plugins: plain TypeScript, no Phaser; they run in the game, in `arena eval` and in Workers. */
export type { AgentSlot, Controller, ControllerAction, ControllerContext, ObservationBatch } from './controller';
export { ControllerRegistry, builtinControllers, type ControllerInfo, type ControllerDeps } from './registry';
export { Match, type MatchConfig, type EpisodeSummary } from './match';
export { HumanInput, HumanController } from './human';
export { RandomController } from './random';
export { ScriptedController } from './scripted/scripted';
export { TEAMS, teamsOf, type Team } from './teams';
export { toContinuous, directionToMove } from './actionAdapter';
