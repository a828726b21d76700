/**
 * Where the bench finds the project, the shared real-data files and its scratch space. The
 * shared folder sits beside the checkout (../shared), as the e2e tests expect; where it is
 * absent the benches say so and use generated data only.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const benchDir = path.join(repoRoot, 'bench');
export const sharedDatasetsDir = path.resolve(repoRoot, '..', 'shared', 'datasets');

export const ONLINE_RETAIL_FULL = path.join(sharedDatasetsDir, 'online_retail_uci_2010-12_2011-12.csv');
export const ONLINE_RETAIL_20K = path.join(sharedDatasetsDir, 'online_retail_uci_first20k.csv');

/** The real file, or null (with the reason) when ../shared is not beside the checkout. */
export function sharedFile(file: string): { path: string | null; note: string | null } {
  if (existsSync(file)) return { path: file, note: null };
  return { path: null, note: `${path.relative(repoRoot, file)} not found (../shared is not beside the checkout); using generated data only.` };
}

/** Scratch space for generated files, CPU profiles and results; reused between runs. */
export function scratchDir(...parts: string[]): string {
  const dir = path.join(tmpdir(), 'stocktrim-bench', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Module path of a bench file, for starting it as a child process. */
export function benchModule(relative: string): string {
  return path.join(benchDir, relative);
}
