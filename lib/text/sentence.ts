/**
 * Ends a message with one full stop: text that already ends a sentence ("…account.",
 * "…too long!", "…(count.)") is left alone, so composed messages never read "account..".
 */
export function endSentence(text: string): string {
  const t = text.trimEnd();
  if (t === '') return t;
  return /[.!?](?:["'”’)\]]*)$/.test(t) ? t : `${t}.`;
}

/** A reason shown inside brackets, without its own closing full stop: "(… count)". */
export function withoutFullStop(text: string): string {
  return text.trimEnd().replace(/\.+$/, '');
}
