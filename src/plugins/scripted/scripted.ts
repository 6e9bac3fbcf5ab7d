import { MOVE_COUNT } from '../../sim/actions';
import { REFERENCE_HEARD } from '../../sim/scenarios/reference';
import { SPEAKER_LISTENER_HEARD, type SpeakerListenerScenario } from '../../sim/scenarios/speakerListener';
import type { TagScenario } from '../../sim/scenarios/tag';
import type { Controller, ControllerAction, ObservationBatch } from '../controller';
import { heard, moveToHeard } from './communication';
import { greedyAssignment } from '../../sim/scenarios/spread';
import { goToLandmark } from './spread';
import { chaseNearestPrey, fleePredators } from './tag';
import type { AdversaryScenario } from '../../sim/scenarios/adversary';
import type { PushScenario } from '../../sim/scenarios/push';
import type { WorldCommScenario } from '../../sim/scenarios/worldComm';
import { coverLandmarks, guessGoal } from './adversary';
import { blockGoal, reachGoal } from './push';
import { aliceEncodes, bobDecodes, eveGuesses } from './crypto';
import { followerAct, leaderAct, preyAct } from './worldComm';

/** Scenarios and roles the scripted baselines know how to play. */
export const SCRIPTED_ROLES: Record<string, string[]> = {
  simple_tag: ['adversary', 'good'],
  simple_spread: ['agent'],
  simple_speaker_listener: ['speaker', 'listener'],
  simple_reference: ['agent'],
  simple: ['agent'],
  simple_adversary: ['adversary', 'agent'],
  simple_crypto: ['eve', 'bob', 'alice'],
  simple_push: ['adversary', 'agent'],
  simple_world_comm: ['leader', 'adversary', 'agent'],
};

/**
 * Hand-written baselines, one rule per scenario and role:
 * tag predators chase the nearest prey, prey flee the predators inside the arena; spread agents take
 * landmarks by greedy assignment; the speaker says the goal and the listener goes where it hears; in
 * reference each agent says its partner's goal and goes where its partner says; simple goes to its
 * landmark; adversary's good agents cover every landmark while the adversary guesses; push's adversary
 * blocks the likely goal; crypto is a one-time pad; world_comm's leader says where prey are.
 */
export class ScriptedController implements Controller {
  readonly id = 'scripted';

  act(batch: ObservationBatch): ControllerAction[] {
    const sc = batch.ctx.scenario;
    const w = sc.world;
    switch (sc.id) {
      case 'simple_tag': {
        const tag = sc as TagScenario;
        return batch.agents.map((s) => (s.role === 'adversary' ? chaseNearestPrey(tag, s.index) : fleePredators(tag, s.index)));
      }
      case 'simple_spread': {
        const target = greedyAssignment(w, w.numAgents);
        return batch.agents.map((s) => goToLandmark(w, s.index, target[s.index]));
      }
      case 'simple_speaker_listener': {
        const sl = sc as SpeakerListenerScenario;
        return batch.agents.map((s, k) => {
          if (s.role === 'speaker') return sl.goalLandmark; // discrete: say k
          const out = new Float32Array(MOVE_COUNT);
          moveToHeard(w, s.index, heard(batch.obs[k], SPEAKER_LISTENER_HEARD.listener[0][0], w.dimC), out);
          return out;
        });
      }
      case 'simple_reference': {
        return batch.agents.map((s, k) => {
          const out = new Float32Array(MOVE_COUNT + w.dimC);
          moveToHeard(w, s.index, heard(batch.obs[k], REFERENCE_HEARD.agent[0][0], w.dimC), out);
          out[MOVE_COUNT + (w.goalB[s.index] - w.numAgents)] = 1; // tell the partner where to go
          return out;
        });
      }
      case 'simple':
        return batch.agents.map((s) => goToLandmark(w, s.index, 1));
      case 'simple_adversary': {
        const adv = sc as AdversaryScenario;
        return batch.agents.map((s) => (s.role === 'adversary' ? guessGoal(adv) : coverLandmarks(adv, s.index)));
      }
      case 'simple_push': {
        const push = sc as PushScenario;
        return batch.agents.map((s) => (s.role === 'adversary' ? blockGoal(push) : reachGoal(push)));
      }
      case 'simple_crypto':
        return batch.agents.map((s, k) =>
          s.role === 'alice' ? aliceEncodes(batch.obs[k]) : s.role === 'bob' ? bobDecodes(batch.obs[k]) : eveGuesses(batch.obs[k]),
        );
      case 'simple_world_comm': {
        const wc = sc as WorldCommScenario;
        return batch.agents.map((s) => (s.role === 'leader' ? leaderAct(wc) : s.role === 'adversary' ? followerAct(wc, s.index) : preyAct(wc, s.index)));
      }
      default:
        throw new Error(`the scripted controller has no rule for ${sc.id}`);
    }
  }
}
