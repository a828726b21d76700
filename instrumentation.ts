/**
 * Runs once when the server starts: a bad setting stops it here, with a message naming it, and
 * the import runner starts, carrying on every run a previous process left unfinished.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // `next build` loads the app to collect pages; that is not a server that should send rows.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { getServerEnv } = await import('./lib/server/env');
  getServerEnv();
  const { getRunServices } = await import('./lib/server/runs/run-services');
  getRunServices();
}
