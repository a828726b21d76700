/**
 * `npm run sandbox`: starts the StockTrim sandbox from SANDBOX_* environment variables and
 * stops it cleanly on Ctrl-C or SIGTERM.
 */
import { sandboxOptionsFromEnv } from './env';
import { DEMO_ACCOUNT, startSandbox } from './server';

async function main(): Promise<void> {
  const sandbox = await startSandbox(sandboxOptionsFromEnv(process.env));
  const demo = sandbox.accounts.find((a) => a.id === DEMO_ACCOUNT.id) ?? sandbox.accounts[0];
  const others = sandbox.accounts.length - 1;
  console.log(
    `StockTrim sandbox at ${sandbox.url} — api-auth-id: ${demo?.id ?? '?'}, api-auth-signature: ${demo?.signature ?? '?'}` +
      (others > 0 ? ` (+${others} more account${others > 1 ? 's' : ''} from SANDBOX_ACCOUNTS)` : ''),
  );

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Sandbox did not close cleanly after ${signal}:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
