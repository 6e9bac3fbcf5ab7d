/**
 * MPE's soft contact: a penetration term that is smooth everywhere, so bodies repel slightly before they
 * touch. These are NumPy's exact formulas, evaluated in the same order, so results match bit for bit.
 */

/** NumPy `logaddexp(0, z)`. */
export function logAddExp0(z: number): number {
  if (z === 0) return Math.LN2;
  if (z < 0) return Math.log1p(Math.exp(z));
  if (z > 0) return z + Math.log1p(Math.exp(-z));
  return NaN;
}

/** Penetration depth used by the contact force: `logaddexp(0, -(dist - distMin) / margin) * margin`. */
export function contactPenetration(dist: number, distMin: number, margin: number): number {
  return logAddExp0(-(dist - distMin) / margin) * margin;
}
