/** Element ids of a form input and the texts that describe it, shared by the inputs and the error summary. */
export function inputId(path: string): string {
  return `product-${path.replace(/\./g, '-')}`;
}
export const helpId = (path: string) => `${inputId(path)}-help`;
export const errorId = (path: string) => `${inputId(path)}-error`;
export const noteId = (path: string) => `${inputId(path)}-note`;

export function describedBy(path: string, parts: { help?: boolean; error?: boolean; note?: boolean }): string | undefined {
  const ids = [parts.help && helpId(path), parts.error && errorId(path), parts.note && noteId(path)].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
