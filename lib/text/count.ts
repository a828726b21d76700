const numberFormat = new Intl.NumberFormat('en-GB');

/** "3,684": counts are read at a glance, so they carry thousands separators. */
export function count(n: number): string {
  return numberFormat.format(n);
}

/** "1 row", "3,684 rows": a count with its noun, singular for one. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${count(n)} ${n === 1 ? singular : plural}`;
}
