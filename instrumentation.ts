/** Runs once when the server starts: a bad setting stops it here, with a message naming it. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getServerEnv } = await import('./lib/server/env');
  getServerEnv();
}
