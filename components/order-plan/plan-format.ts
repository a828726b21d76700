/** How the plan's numbers read on screen (the CSV keeps them unformatted). */
const quantity = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const showQuantity = (v: number | null) => (v === null ? '—' : quantity.format(v));
export const showMoney = (v: number | null) => (v === null ? '—' : money.format(v));

/** StockTrim's date-times carry no offset; they are shown as written, not shifted into a timezone. */
export function showCalculatedAt(at: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]} ${m[2]}` : at;
}
