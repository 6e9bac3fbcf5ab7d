import type { AnalysisReport } from '../plugins/analysis/analyze';
import type { OccupancyReport } from '../plugins/analysis/occupancy';
import type { MessageReport } from '../plugins/analysis/messages';
import type { SpreadReport } from '../plugins/analysis/spreadAssignments';
import { APPROACH_ANGLE_BINS, APPROACH_ROLES, ROLE_COLOURS, roleOfAngle, type TagRoleReport } from '../plugins/analysis/tagRoles';

import { svg, text } from './svg';
/** The pictures of `arena analyze --out`, as SVG documents by file name (PNG is made from them). */

const rgb = ([r, g, b]: readonly number[]) => `rgb(${Math.round(255 * r)},${Math.round(255 * g)},${Math.round(255 * b)})`;
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** One panel per agent: the share of its steps in each cell, in the agent's arena colour (square-root scale). */
export function occupancySvg(o: OccupancyReport, title: string): string {
  const P = 170;
  const cols = Math.min(5, o.agents.length);
  const rows = Math.ceil(o.agents.length / cols);
  const W = 20 + cols * (P + 20);
  const H = 40 + rows * (P + 50);
  const body = [text(10, 22, title, 'font-size="14" font-weight="bold"')];
  const cell = P / o.bins;
  o.agents.forEach((a, k) => {
    const x0 = 20 + (k % cols) * (P + 20);
    const y0 = 40 + Math.floor(k / cols) * (P + 50);
    const max = Math.max(...a.shares) || 1;
    body.push(`<rect x="${x0}" y="${y0}" width="${P}" height="${P}" fill="#fafafa" stroke="#999"/>`);
    a.shares.forEach((s, i) => {
      if (s <= 0) return;
      const cx = x0 + (i % o.bins) * cell;
      const cy = y0 + Math.floor(i / o.bins) * cell;
      body.push(
        `<rect x="${cx.toFixed(1)}" y="${cy.toFixed(1)}" width="${cell.toFixed(2)}" height="${cell.toFixed(2)}" fill="${rgb(a.color)}" fill-opacity="${Math.sqrt(s / max).toFixed(3)}"/>`,
      );
    });
    // the unit square, where the episode starts
    const u = (P / (2 * o.extent)) * 2;
    body.push(
      `<rect x="${(x0 + (P - u) / 2).toFixed(1)}" y="${(y0 + (P - u) / 2).toFixed(1)}" width="${u.toFixed(1)}" height="${u.toFixed(1)}" fill="none" stroke="#444" stroke-dasharray="4 3"/>`,
    );
    body.push(text(x0, y0 + P + 16, a.agent, 'font-weight="bold"'));
    body.push(text(x0, y0 + P + 32, `outside the square shown: ${pct(a.outside)}`, 'font-size="11" fill="#555"'));
  });
  return svg(W, H, body);
}

/** Per predator, stacked bars of chaser / flanker / cutter shares, and how often it is the nearest. */
export function rolesSvg(t: TagRoleReport): string {
  const W = 620;
  const rowH = 34;
  const H = 90 + t.predators.length * rowH + 30;
  const L = 130;
  const BW = 360;
  const body = [
    text(
      10,
      22,
      `Roles among the predators (capture ${pct(t.captureRate)}, specialisation ${t.specialisationBits.toFixed(3)} bits)`,
      'font-size="14" font-weight="bold"',
    ),
    text(10, 42, `prey encircled ${pct(t.encirclement)} of steps; largest gap around the prey ${t.meanLargestGap.toFixed(0)}°`, 'fill="#555"'),
  ];
  t.predators.forEach((p, k) => {
    const y = 60 + k * rowH;
    body.push(text(10, y + 17, p.predator));
    let x = L;
    for (const r of APPROACH_ROLES) {
      const w = BW * p.roles[r];
      body.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="24" fill="${ROLE_COLOURS[r]}"/>`);
      if (w > 34) body.push(text(x + 4, y + 16, pct(p.roles[r]), 'font-size="11" fill="#fff"'));
      x += w;
    }
    body.push(text(L + BW + 10, y + 17, `nearest ${pct(p.nearestShare)}`, 'font-size="11"'));
  });
  const ly = 70 + t.predators.length * rowH;
  APPROACH_ROLES.forEach((r, k) => {
    body.push(`<rect x="${L + k * 110}" y="${ly}" width="12" height="12" fill="${ROLE_COLOURS[r]}"/>`, text(L + k * 110 + 18, ly + 11, r));
  });
  return svg(W, H, body);
}

/** Per predator, where it approaches from: share of steps per 30° bin from ahead of the prey to behind it. */
export function approachAnglesSvg(t: TagRoleReport): string {
  const P = 170;
  const cols = Math.min(4, t.predators.length);
  const rows = Math.ceil(t.predators.length / cols);
  const W = 20 + cols * (P + 30);
  const H = 50 + rows * (P + 60);
  const body = [text(10, 22, 'Approach angle: 0° = ahead of the prey (cutting off), 180° = behind it (chasing)', 'font-size="13" font-weight="bold"')];
  const bw = P / APPROACH_ANGLE_BINS;
  const max = Math.max(0.01, ...t.predators.flatMap((p) => p.approachAngles));
  t.predators.forEach((p, k) => {
    const x0 = 20 + (k % cols) * (P + 30);
    const y0 = 40 + Math.floor(k / cols) * (P + 60);
    body.push(`<line x1="${x0}" y1="${y0 + P}" x2="${x0 + P}" y2="${y0 + P}" stroke="#444"/>`);
    p.approachAngles.forEach((s, b) => {
      const h = (P - 10) * (s / max);
      const deg = (b + 0.5) * (180 / APPROACH_ANGLE_BINS);
      const colour = ROLE_COLOURS[roleOfAngle(deg)];
      body.push(
        `<rect x="${(x0 + b * bw + 2).toFixed(1)}" y="${(y0 + P - h).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour}"/>`,
      );
    });
    body.push(text(x0, y0 + P + 14, '0°', 'font-size="10"'), text(x0 + P - 24, y0 + P + 14, '180°', 'font-size="10"'));
    body.push(text(x0, y0 + P + 32, p.predator, 'font-weight="bold"'));
  });
  return svg(W, H, body);
}

/** The per-moment measures beside their time-shuffled controls: paired bars, observed dark, shuffled light. */
export function coordinationSvg(t: TagRoleReport): string {
  const c = t.coordination;
  const rows: [string, { observed: number; shuffled: number }, number, (v: number) => string][] = [
    ['work divided (share of moments)', c.dividedWork, 1, pct],
    ['prey encircled (share of moments)', c.encirclement, 1, pct],
    ['largest gap around the prey', c.meanLargestGap, 360, (v) => `${v.toFixed(0)}°`],
  ];
  const W = 620;
  const L = 230;
  const BW = 300;
  const body = [
    text(10, 22, 'Coordination per moment, against a time-shuffled control', 'font-size="14" font-weight="bold"'),
    text(10, 42, "control: each predator's own places around the prey, dealt in another order (chance level)", 'fill="#555"'),
  ];
  rows.forEach(([label, m, max, f], k) => {
    const y = 62 + k * 52;
    body.push(text(10, y + 18, label));
    for (const [row, value, fill, name] of [
      [0, m.observed, '#3b6ea8', 'observed'],
      [1, m.shuffled, '#b9cde4', 'shuffled'],
    ] as const) {
      const w = (BW * Math.max(0, value)) / max;
      body.push(`<rect x="${L}" y="${y + row * 20}" width="${w.toFixed(1)}" height="16" fill="${fill}"/>`);
      body.push(text(L + w + 6, y + row * 20 + 13, `${name} ${f(value)}`, 'font-size="11"'));
    }
  });
  return svg(W, 62 + rows.length * 52 + 10, body);
}

/** A table of counts or shares drawn as shaded cells with their values. */
function matrixSvg(title: string, rowLabels: string[], colLabels: string[], values: number[][], format: (v: number) => string, colour: string): string {
  const C = 84;
  const L = 20 + 7 * Math.max(0, ...rowLabels.map((r) => r.length));
  const T = 60;
  const W = Math.max(L + colLabels.length * C + 20, 20 + 8.5 * title.length);
  const H = T + rowLabels.length * 30 + 20;
  const max = Math.max(1e-12, ...values.flat());
  const body = [text(10, 22, title, 'font-size="14" font-weight="bold"')];
  colLabels.forEach((c, j) => body.push(text(L + j * C + 6, T - 8, c, 'font-size="11"')));
  values.forEach((row, i) => {
    body.push(text(10, T + i * 30 + 19, rowLabels[i]));
    row.forEach((v, j) => {
      body.push(
        `<rect x="${L + j * C}" y="${T + i * 30}" width="${C - 2}" height="28" fill="${colour}" fill-opacity="${(v / max).toFixed(3)}" stroke="#ccc"/>`,
      );
      body.push(text(L + j * C + 6, T + i * 30 + 19, format(v), `font-size="11" fill="${v / max > 0.6 ? '#fff' : '#222'}"`));
    });
  });
  return svg(W, H, body);
}

export function assignmentsSvg(s: SpreadReport): string {
  return matrixSvg(
    `Share of steps each agent is the nearest to each landmark (final coverage ${pct(s.finalCoverage)}, ${s.collisionsPerEpisode.toFixed(1)} collisions/episode)`,
    s.agents.map((a) => `${a.agent} (${a.switchesPerEpisode.toFixed(1)} switches/ep.)`),
    s.agents[0]?.landmarkShares.map((_, l) => `landmark ${l}`) ?? [],
    s.agents.map((a) => a.landmarkShares),
    pct,
    '#3a5ccc',
  );
}

export function messagesSvg(m: MessageReport): string {
  return matrixSvg(
    `Spoken symbol against the goal (${m.bits.toFixed(3)} bits of 1.585)`,
    m.symbolGoalCounts.map((_, k) => `symbol ${k + 1}`),
    (m.symbolGoalCounts[0] ?? []).map((_, g) => `goal ${g}`),
    m.symbolGoalCounts,
    (v) => String(v),
    '#2f9d4f',
  );
}

/** Every picture the report has data for. */
export function analysisPictures(r: AnalysisReport): Record<string, string> {
  const out: Record<string, string> = {
    'occupancy.png': occupancySvg(r.occupancy, `Where each agent spends its steps: ${r.scenario}, ${r.episodes} episodes`),
  };
  if (r.tag) {
    out['roles.png'] = rolesSvg(r.tag);
    out['approach-angles.png'] = approachAnglesSvg(r.tag);
    out['coordination.png'] = coordinationSvg(r.tag);
  }
  if (r.spread) out['assignments.png'] = assignmentsSvg(r.spread);
  if (r.messages) out['messages.png'] = messagesSvg(r.messages);
  return out;
}
