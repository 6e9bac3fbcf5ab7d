/**
 * People speak of teams ("predators", "prey"); scenarios of roles ("adversary", "good"). This is the one
 * table between the two, used by the menu, deep links, the side panel and `arena eval`.
 */
export interface Team {
  /** Name in URLs and flags, e.g. `predators`. */
  name: string;
  /** The scenario role it stands for. */
  role: string;
  label: string;
}

export const TEAMS: Record<string, Team[]> = {
  simple_tag: [
    { name: 'predators', role: 'adversary', label: 'Predators' },
    { name: 'prey', role: 'good', label: 'Prey' },
  ],
  simple_spread: [{ name: 'agents', role: 'agent', label: 'Agents' }],
  simple_speaker_listener: [
    { name: 'speaker', role: 'speaker', label: 'Speaker' },
    { name: 'listener', role: 'listener', label: 'Listener' },
  ],
  simple_reference: [{ name: 'agents', role: 'agent', label: 'Agents' }],
  simple: [{ name: 'agents', role: 'agent', label: 'Agent' }],
  simple_adversary: [
    { name: 'adversary', role: 'adversary', label: 'Adversary' },
    { name: 'agents', role: 'agent', label: 'Good agents' },
  ],
  simple_crypto: [
    { name: 'eve', role: 'eve', label: 'Eve (eavesdropper)' },
    { name: 'bob', role: 'bob', label: 'Bob (listener)' },
    { name: 'alice', role: 'alice', label: 'Alice (speaker)' },
  ],
  simple_push: [
    { name: 'adversary', role: 'adversary', label: 'Adversary' },
    { name: 'agents', role: 'agent', label: 'Good agent' },
  ],
  simple_world_comm: [
    { name: 'leader', role: 'leader', label: 'Leader (speaks)' },
    { name: 'predators', role: 'adversary', label: 'Predators' },
    { name: 'prey', role: 'agent', label: 'Prey' },
  ],
};

export function teamsOf(scenarioId: string): Team[] {
  return TEAMS[scenarioId] ?? [];
}
