/**
 * Undo / redo keys and button labels for the import page. Kept apart from the component so the platform rules
 * (Cmd on a Mac, Ctrl elsewhere) can be tested.
 */

export type EditShortcut = 'undo' | 'redo';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/**
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, or Cmd+Z / Cmd+Shift+Z on a Mac. The other platform's
 * modifier is ignored so that, say, Ctrl+Z on a Mac (which means nothing there) does not undo
 * a bulk edit by surprise. Ctrl+Y on a Mac is not redo: Cmd+Y opens the browser's history.
 */
export function editShortcut(e: KeyLike, isMac: boolean): EditShortcut | null {
  if (e.altKey) return null;
  const mod = isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !isMac && !e.shiftKey) return 'redo';
  return null;
}

export interface TargetLike {
  readonly tagName?: string;
  readonly isContentEditable?: boolean;
  readonly type?: string;
}

/** Input types that take no typed text: there the page's undo is meant, not the field's. */
const NON_TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True where the browser's own text undo belongs (a text field, a text area, rich text). */
export function isTextEntry(target: TargetLike | null | undefined): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
  return false;
}

export function isMacPlatform(nav: { readonly platform?: string; readonly userAgent?: string } | undefined): boolean {
  if (!nav) return false;
  return /mac|iphone|ipad|ipod/i.test(nav.platform ?? '') || (!nav.platform && /mac os x/i.test(nav.userAgent ?? ''));
}

/** "Undo fill of 37 empty … cells": the worker's label, with the verb said once whether or not the label starts with it. */
export function actionLabel(verb: 'Undo' | 'Redo', label: string | null): string {
  if (!label) return verb;
  return label.toLowerCase().startsWith(verb.toLowerCase()) ? label : `${verb} ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}
