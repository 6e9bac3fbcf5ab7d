/**
 * Mutual information, in bits, of the joint distribution given by a table of counts (rows: one variable,
 * columns: the other). 0 for an empty table. At most log2(min(rows, columns)).
 */
export function mutualInformationBits(counts: readonly (readonly number[])[]): number {
  const total = counts.reduce((a, row) => a + row.reduce((b, c) => b + c, 0), 0);
  if (total === 0) return 0;
  const rows = counts.map((row) => row.reduce((a, c) => a + c, 0) / total);
  const cols = counts[0].map((_, j) => counts.reduce((a, row) => a + row[j], 0) / total);
  let mi = 0;
  counts.forEach((row, i) =>
    row.forEach((c, j) => {
      if (c === 0) return;
      const p = c / total;
      mi += p * Math.log2(p / (rows[i] * cols[j]));
    }),
  );
  return Math.max(0, mi);
}
