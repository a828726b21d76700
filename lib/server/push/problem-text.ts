/** One line out of a problem document's field errors, e.g. "Quantity: must be 0 or more". */
export function problemText(errors: Readonly<Record<string, readonly string[]>> | undefined): string {
  const parts = Object.entries(errors ?? {}).map(([field, messages]) => (field ? `${field}: ${messages.join(' ')}` : messages.join(' ')));
  return parts.length ? `StockTrim would reject this row: ${parts.join('; ')}` : 'StockTrim would reject this row.';
}
