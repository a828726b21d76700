/**
 * Helpers shared by the import tests: locating the shared case and dataset folders (which
 * live outside the repo and may be absent) and reading files as bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));

/** /work/shared, found relative to the repo (../shared) or the absolute path. */
export function sharedDir(sub: 'cases' | 'datasets'): string | null {
  const candidates = [path.resolve(here, '../../../shared', sub), path.join('/work/shared', sub)];
  for (const c of candidates) if (existsSync(c)) return c;
  return null;
}

export const CASES_DIR = sharedDir('cases');
export const DATASETS_DIR = sharedDir('datasets');

export const CASES_MISSING = `shared cases folder not found (expected ../shared/cases next to the repo); skipping`;
export const DATASETS_MISSING = `shared datasets folder not found (expected ../shared/datasets next to the repo); skipping`;

export function readBytes(dir: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(dir, name)));
}

/** The first `lines` physical lines of a file (header included), as bytes. */
export function headBytes(dir: string, name: string, lines: number): Uint8Array {
  const all = readFileSync(path.join(dir, name));
  let seen = 0;
  for (let i = 0; i < all.length; i++) {
    if (all[i] === 0x0a && ++seen === lines) return new Uint8Array(all.subarray(0, i + 1));
  }
  return new Uint8Array(all);
}
