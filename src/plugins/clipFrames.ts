import { ParallelEnv } from '../sim/env';
import { scenarioEntry } from '../sim/scenarios';
import type { Recording } from './recording';
import { teamsOf } from './teams';

/**
 * A recorded episode as one SVG picture per step, drawn as the arena draws it (dark floor, the ±1 square,
 * landmarks as rings, agents in their world colours with fading trails, the step and the teams), so a
 * clip made without a browser shows what the game shows. Rasterising and encoding belong to the caller.
 */

/** Steps of trail behind each agent, as in the game. */
const TRAIL_STEPS = 12;

export interface ClipOptions {
  /** Picture width and height in pixels. */
  size?: number;
}

const hex = (c: readonly number[]) =>
  `#${c
    .map((v) =>
      Math.round(Math.max(0, Math.min(1, v)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The SVG of every frame: the start, then the state after each recorded step. */
export function clipFrames(rec: Recording, options: ClipOptions = {}): string[] {
  const size = options.size ?? 320;
  const { continuous_actions: _c, ...kwargs } = rec.env_kwargs;
  const entry = scenarioEntry(rec.env);
  const env = new ParallelEnv(entry.id, kwargs);
  env.reset({ seed: 0 });
  env.loadWorldState({ ...rec.initial.state, goals: rec.initial.goals, goal: rec.initial.goal?.landmark, key: rec.initial.key?.landmark, t: 0 });
  const world = env.scenario.world;
  const entities = world.entities;
  const colors = world.colors.map(hex);
  const states = [rec.initial.state, ...rec.steps.map((s) => s.state)];

  // one view for the whole clip (no jumping scale): the ±1 square and every position, with a margin
  let reach = 1;
  for (const st of states) for (const [x, y] of st.p_pos) reach = Math.max(reach, Math.abs(x), Math.abs(y));
  reach = Math.min(reach, 4) + 0.15;
  const footer = 26;
  const scale = size / (2 * reach);
  const px = (x: number) => ((x + reach) * scale).toFixed(1);
  const py = (y: number) => ((reach - y) * scale).toFixed(1);

  const roleOf = new Map(env.scenario.roles.flatMap((r) => r.agents.map((i) => [env.scenario.agentNames[i], r.name] as const)));
  const legend = teamsOf(entry.id).map((team) => {
    const agent = entities.findIndex((e) => e.kind === 'agent' && roleOf.get(e.name) === team.role);
    return { name: team.name, color: agent >= 0 ? colors[agent] : '#c9ccd3' };
  });
  const square = `<rect x="${px(-1)}" y="${py(1)}" width="${(2 * scale).toFixed(1)}" height="${(2 * scale).toFixed(1)}" fill="none" stroke="#3a3f4b" stroke-width="1.5"/>`;

  return states.map((st, k) => {
    const parts: string[] = [`<rect width="${size}" height="${size + footer}" fill="#15171c"/>`, square];
    // trails first, under the discs: older segments fainter
    entities.forEach((e, i) => {
      if (e.kind !== 'agent') return;
      for (let j = Math.max(1, k - TRAIL_STEPS + 1); j <= k; j++) {
        const [a, b] = [states[j - 1].p_pos[i], states[j].p_pos[i]];
        const fade = (j - (k - TRAIL_STEPS)) / TRAIL_STEPS;
        parts.push(
          `<line x1="${px(a[0])}" y1="${py(a[1])}" x2="${px(b[0])}" y2="${py(b[1])}" stroke="${colors[i]}" stroke-opacity="${(0.6 * fade).toFixed(2)}" stroke-width="2"/>`,
        );
      }
    });
    entities.forEach((e, i) => {
      // one far off (beyond 4 units) is kept at the frame's edge, hollow, rather than lost from the picture
      const off = Math.abs(st.p_pos[i][0]) > reach || Math.abs(st.p_pos[i][1]) > reach;
      const [x, y] = st.p_pos[i].map((v) => Math.max(-reach, Math.min(reach, v)));
      const r = Math.max(1.5, e.size * scale).toFixed(1);
      parts.push(
        off
          ? `<circle cx="${px(x)}" cy="${py(y)}" r="${r}" fill="none" stroke="${colors[i]}" stroke-width="2"/>`
          : e.kind === 'landmark'
            ? `<circle cx="${px(x)}" cy="${py(y)}" r="${r}" fill="${colors[i]}" fill-opacity="0.35" stroke="${colors[i]}" stroke-width="1.5"/>`
            : `<circle cx="${px(x)}" cy="${py(y)}" r="${r}" fill="${colors[i]}" stroke="#ffffff" stroke-width="1"/>`,
      );
    });
    let lx = 8;
    const legendParts = legend.map((t) => {
      const item = `<circle cx="${lx + 5}" cy="${size + 13}" r="5" fill="${t.color}"/><text x="${lx + 14}" y="${size + 17}">${escape(t.name)}</text>`;
      lx += 22 + 7 * t.name.length;
      return item;
    });
    parts.push(
      ...legendParts,
      `<text x="${size - 8}" y="${size + 17}" text-anchor="end">${escape(`step ${k}/${states.length - 1}`)}</text>`,
      `<text x="6" y="13" fill-opacity="0.7">${escape(rec.env)}</text>`,
    );
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + footer}" viewBox="0 0 ${size} ${size + footer}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="#c9ccd3">`,
      ...parts,
      '</svg>',
    ].join('');
  });
}
