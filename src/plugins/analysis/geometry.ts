/** Plane geometry for the behaviour metrics: angles and convex hulls of agent positions. */
export type Point = readonly [number, number];

/** Angle between two vectors, in degrees from 0 to 180 (0 when either is zero). */
export function angleBetween(ax: number, ay: number, bx: number, by: number): number {
  const la = Math.hypot(ax, ay);
  const lb = Math.hypot(bx, by);
  if (la < 1e-12 || lb < 1e-12) return 0;
  const c = Math.max(-1, Math.min(1, (ax * bx + ay * by) / (la * lb)));
  return (Math.acos(c) * 180) / Math.PI;
}

const cross = (o: Point, a: Point, b: Point) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Convex hull, counter-clockwise (Andrew's monotone chain); collinear points dropped. */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p[i]) <= 0) upper.pop();
    upper.push(p[i]);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Whether `q` lies strictly inside the convex hull of `points` (needs 3 points not on one line). */
export function insideHull(points: readonly Point[], q: Point): boolean {
  const hull = convexHull(points);
  if (hull.length < 3) return false;
  for (let i = 0; i < hull.length; i++) if (cross(hull[i], hull[(i + 1) % hull.length], q) <= 0) return false;
  return true;
}

/**
 * The largest angular gap, in degrees, between the directions from `centre` to the points: 360 with one
 * point, small when they surround it from all sides (three evenly spread: 120).
 */
export function largestGap(centre: Point, points: readonly Point[]): number {
  if (points.length === 0) return 360;
  const a = points.map((p) => (Math.atan2(p[1] - centre[1], p[0] - centre[0]) * 180) / Math.PI).sort((x, y) => x - y);
  let gap = 360 - (a[a.length - 1] - a[0]);
  for (let i = 1; i < a.length; i++) gap = Math.max(gap, a[i] - a[i - 1]);
  return gap;
}
