const numberFormat = new Intl.NumberFormat('en-GB');

/** "3,684": counts are read at a glance, so they carry thousands separators. */
export function count(n: number): string {
  return numberFormat.format(n);
}
